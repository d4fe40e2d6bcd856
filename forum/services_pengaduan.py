"""The complaint workflow, after SP4N-LAPOR!.

    diterima --verifikasi--> diverifikasi --jawab--> ditindaklanjuti --konfirmasi--> selesai
        |  \\--tolak--> ditolak                          |   ^  \\--10 working days, no reply--> selesai
        \\--alihkan (bukan kewenangan)--> diterima        \\--jawab lagi (after the complainant's reply)
            at another unit of the instansi

Every step is one conditional UPDATE ("... WHERE status = <the state the actor saw> AND unit =
<the unit he acts for>"): when two petugas act at once, the second finds no row to change and
gets a message instead of skipping a state, on SQLite and PostgreSQL alike. Each step writes a
RiwayatStatus row in the same transaction and e-mails the topic's subscribers after the commit.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Pengguna
from organisasi import izin
from organisasi.models import UnitLayanan

from . import tasks
from .hari_kerja import tambah_hari_kerja
from .models import Balasan, RiwayatStatus, Topik
from .services import (
    HARI_KERJA_TINDAK_LANJUT,
    HARI_KERJA_TUTUP_OTOMATIS,
    HARI_KERJA_VERIFIKASI,
    KesalahanForum,
    pastikan_bisa_tulis,
    periksa_isi,
    periksa_teks,
    simpan_balasan,
)

Status = Topik.Status
Aksi = RiwayatStatus.Aksi
PANJANG_CATATAN_MAKS = 2000


def _pesan_langkah(status: str, aksi: str) -> str:
    """Why this step is not possible from this state."""
    if status == Status.DITERIMA and aksi in (Aksi.DIJAWAB, Aksi.DIKONFIRMASI):
        return _("Pengaduan ini harus diverifikasi terlebih dahulu.")
    if status in (Status.SELESAI, Status.DITOLAK):
        return _("Pengaduan ini sudah ditutup.")
    if status == Status.DIVERIFIKASI and aksi == Aksi.DIKONFIRMASI:
        return _("Pengaduan ini belum dijawab oleh unit layanan.")
    return _("Langkah itu tidak bisa dilakukan pada pengaduan berstatus %(status)s.") % {
        "status": Status(status).label
    }


def _muat(topik: Topik) -> Topik:
    topik = Topik.objects.select_related("instansi", "unit").get(pk=topik.pk)
    if not topik.adalah_pengaduan:
        raise KesalahanForum(_("Topik ini bukan pengaduan."))
    return topik


def _muat_untuk_petugas(topik: Topik, pengguna: Pengguna) -> Topik:
    topik = _muat(topik)
    if not izin.bisa_tangani_pengaduan(pengguna, topik=topik):
        raise KesalahanForum(_("Anda tidak berwenang menangani pengaduan ini."))
    return topik


def _catatan(catatan: str, *, wajib: bool, bidang: str = "catatan") -> str:
    if not wajib and not (catatan or "").strip():
        return ""
    return periksa_teks(catatan, bidang=bidang, maks=PANJANG_CATATAN_MAKS)


def _langkah(
    topik: Topik,
    *,
    dari: tuple[str, ...],
    ke: str,
    aksi: str,
    pelaku: Pengguna | None,
    catatan: str = "",
    unit_tujuan: UnitLayanan | None = None,
    sekarang: datetime | None = None,
    **perubahan: Any,
) -> RiwayatStatus:
    """Move the complaint from the state it is in (one of `dari`) to `ke`, or refuse."""
    if topik.status not in dari:
        raise KesalahanForum(_pesan_langkah(topik.status, aksi))
    sekarang = sekarang or timezone.now()
    diubah = Topik.objects.filter(pk=topik.pk, status=topik.status, unit_id=topik.unit_id).update(
        status=ke, aktivitas_terakhir=sekarang, **perubahan
    )
    if not diubah:
        raise KesalahanForum(
            _("Pengaduan ini baru saja diubah oleh orang lain. Muat ulang halaman dan periksa statusnya.")
        )
    riwayat = RiwayatStatus.objects.create(
        topik=topik,
        aksi=aksi,
        dari_status=topik.status,
        ke_status=ke,
        pelaku=pelaku,
        unit_asal=topik.unit if unit_tujuan is not None else None,
        unit_tujuan=unit_tujuan,
        catatan=catatan,
        dibuat=sekarang,
    )
    tasks.kabari_setelah_commit(tasks.kabar_status, riwayat.pk)
    topik.refresh_from_db()
    return riwayat


def _tanggapan_pertama(sekarang: datetime) -> Coalesce:
    return Coalesce(F("tanggapan_pertama_pada"), Value(sekarang))


def _hari(sekarang: datetime) -> date:
    return timezone.localdate(sekarang)


def _batas(topik: Topik, sekarang: datetime, hari_kerja: int) -> date:
    """The deadline `hari_kerja` working days of the complaint's instansi after today."""
    return tambah_hari_kerja(_hari(sekarang), hari_kerja, instansi_id=topik.instansi_id)


# The unit's steps ----------------------------------------------------------------------------


@transaction.atomic
def pengaduan_verifikasi(*, topik: Topik, pengguna: Pengguna, catatan: str = "") -> Topik:
    """The unit accepts the complaint as its own and complete: follow-up due in 5 working days."""
    topik = _muat_untuk_petugas(topik, pengguna)
    catatan = _catatan(catatan, wajib=False)
    sekarang = timezone.now()
    _langkah(
        topik,
        dari=(Status.DITERIMA,),
        ke=Status.DIVERIFIKASI,
        aksi=Aksi.DIVERIFIKASI,
        pelaku=pengguna,
        catatan=catatan,
        sekarang=sekarang,
        diverifikasi_pada=sekarang,
        tanggapan_pertama_pada=_tanggapan_pertama(sekarang),
        batas_tindak_lanjut=_batas(topik, sekarang, HARI_KERJA_TINDAK_LANJUT),
    )
    return topik


@transaction.atomic
def pengaduan_tolak(*, topik: Topik, pengguna: Pengguna, alasan: str) -> Topik:
    """The unit rejects the complaint (incomplete, not a complaint, ...), saying why."""
    topik = _muat_untuk_petugas(topik, pengguna)
    alasan = _catatan(alasan, wajib=True, bidang="alasan")
    sekarang = timezone.now()
    _langkah(
        topik,
        dari=(Status.DITERIMA,),
        ke=Status.DITOLAK,
        aksi=Aksi.DITOLAK,
        pelaku=pengguna,
        catatan=alasan,
        sekarang=sekarang,
        alasan_ditolak=alasan,
        selesai_pada=sekarang,
        tanggapan_pertama_pada=_tanggapan_pertama(sekarang),
    )
    return topik


@transaction.atomic
def pengaduan_alihkan(*, topik: Topik, pengguna: Pengguna, unit_tujuan: UnitLayanan, catatan: str) -> Topik:
    """ "Bukan kewenangan": the complaint goes to another unit of the same instansi, which has
    its own 3 working days to verify it. The history keeps both units."""
    topik = _muat_untuk_petugas(topik, pengguna)
    catatan = _catatan(catatan, wajib=True)
    if unit_tujuan.instansi_id != topik.instansi_id:
        raise KesalahanForum(_("Unit tujuan harus berada di instansi yang sama."), bidang="unit_tujuan")
    if unit_tujuan.pk == topik.unit_id:
        raise KesalahanForum(_("Pilih unit lain sebagai tujuan pengalihan."), bidang="unit_tujuan")
    sekarang = timezone.now()
    if not unit_tujuan.aktif_pada(_hari(sekarang)):
        raise KesalahanForum(_("Unit tujuan sudah tidak aktif."), bidang="unit_tujuan")
    _langkah(
        topik,
        dari=(Status.DITERIMA,),
        ke=Status.DITERIMA,
        aksi=Aksi.DIALIHKAN,
        pelaku=pengguna,
        catatan=catatan,
        unit_tujuan=unit_tujuan,
        sekarang=sekarang,
        unit=unit_tujuan,
        layanan=None,
        tanggapan_pertama_pada=_tanggapan_pertama(sekarang),
        batas_verifikasi=_batas(topik, sekarang, HARI_KERJA_VERIFIKASI),
    )
    tasks.kabari_setelah_commit(tasks.kabar_pengaduan_baru, topik.pk)
    return topik


@transaction.atomic
def pengaduan_jawab(*, topik: Topik, pengguna: Pengguna, isi: str) -> Balasan:
    """The unit's official answer: the complaint becomes ditindaklanjuti and closes by itself
    10 working days later unless the complainant replies. A further official answer (after
    such a reply) starts those 10 days again."""
    topik = _muat_untuk_petugas(topik, pengguna)
    pastikan_bisa_tulis(pengguna, instansi=topik.instansi)
    isi = periksa_isi(isi)
    sekarang = timezone.now()
    hari = _hari(sekarang)
    perubahan: dict[str, Any] = {"batas_tutup_otomatis": _batas(topik, sekarang, HARI_KERJA_TUTUP_OTOMATIS)}
    if topik.status == Status.DIVERIFIKASI:
        perubahan |= {
            "dijawab_pada": sekarang,
            "dijawab_tepat_waktu": topik.batas_tindak_lanjut is None or hari <= topik.batas_tindak_lanjut,
            "tanggapan_pertama_pada": _tanggapan_pertama(sekarang),
        }
    assert topik.unit is not None
    unit = topik.unit
    _langkah(
        topik,
        dari=(Status.DIVERIFIKASI, Status.DITINDAKLANJUTI),
        ke=Status.DITINDAKLANJUTI,
        aksi=Aksi.DIJAWAB,
        pelaku=pengguna,
        sekarang=sekarang,
        **perubahan,
    )
    return simpan_balasan(topik=topik, pengguna=pengguna, isi=isi, resmi=True, dari_unit=unit)


# The complainant's steps ---------------------------------------------------------------------


def _periksa_nilai(nilai: object) -> int:
    if isinstance(nilai, bool) or not isinstance(nilai, int) or not 1 <= nilai <= 4:
        raise KesalahanForum(_("Pilih nilai 1 sampai 4."), bidang="nilai")
    return nilai


@transaction.atomic
def pengaduan_konfirmasi(
    *, topik: Topik, pengguna: Pengguna, catatan: str = "", nilai: int | None = None
) -> Topik:
    """The complainant says the answer settled it: selesai, with an optional 1-4 rating."""
    topik = _muat(topik)
    if topik.penulis_id != pengguna.pk or not izin.adalah_warga(pengguna):
        raise KesalahanForum(_("Hanya pelapor yang bisa mengonfirmasi pengaduan ini."))
    catatan = _catatan(catatan, wajib=False)
    perubahan: dict[str, Any] = {}
    sekarang = timezone.now()
    if nilai is not None:
        perubahan = {"penilaian": _periksa_nilai(nilai), "penilaian_pada": sekarang}
    _langkah(
        topik,
        dari=(Status.DITINDAKLANJUTI,),
        ke=Status.SELESAI,
        aksi=Aksi.DIKONFIRMASI,
        pelaku=pengguna,
        catatan=catatan,
        sekarang=sekarang,
        selesai_pada=sekarang,
        batas_tutup_otomatis=None,
        **perubahan,
    )
    return topik


@transaction.atomic
def pengaduan_nilai(*, topik: Topik, pengguna: Pengguna, nilai: int) -> Topik:
    """The complainant rates the handling 1-4, once answered; he may change his rating."""
    topik = _muat(topik)
    if not izin.bisa_nilai_pengaduan(pengguna, topik=topik):
        if topik.penulis_id != pengguna.pk:
            raise KesalahanForum(_("Hanya pelapor yang bisa menilai penanganan pengaduan ini."))
        raise KesalahanForum(_("Penanganan bisa dinilai setelah unit layanan menjawab."))
    nilai = _periksa_nilai(nilai)
    diubah = Topik.objects.filter(
        pk=topik.pk, status__in=(Status.DITINDAKLANJUTI, Status.SELESAI), penulis_id=pengguna.pk
    ).update(penilaian=nilai, penilaian_pada=timezone.now())
    if not diubah:
        raise KesalahanForum(_("Pengaduan ini baru saja berubah. Muat ulang halaman."))
    topik.refresh_from_db()
    return topik


# The periodic job ---------------------------------------------------------------------------


def pengaduan_tutup_otomatis(*, hari_ini: date | None = None) -> int:
    """Close the answered complaints whose 10 working days without a reply from the
    complainant have passed; returns how many were closed. Each closes in its own transaction,
    so one failure does not keep the others open; run by `manage.py forum_jadwal`."""
    hari_ini = hari_ini or timezone.localdate()
    jumlah = 0
    kandidat = Topik.objects.pengaduan().filter(
        status=Status.DITINDAKLANJUTI, batas_tutup_otomatis__lt=hari_ini
    )
    for topik in kandidat.only("pk", "status", "unit_id", "batas_tutup_otomatis").iterator():
        with transaction.atomic():
            batas = topik.batas_tutup_otomatis
            sekarang = timezone.now()
            diubah = Topik.objects.filter(
                pk=topik.pk, status=Status.DITINDAKLANJUTI, batas_tutup_otomatis=batas
            ).update(status=Status.SELESAI, selesai_pada=sekarang, batas_tutup_otomatis=None)
            if not diubah:
                continue
            riwayat = RiwayatStatus.objects.create(
                topik_id=topik.pk,
                aksi=Aksi.DITUTUP_OTOMATIS,
                dari_status=Status.DITINDAKLANJUTI,
                ke_status=Status.SELESAI,
                catatan=_(
                    "Ditutup otomatis: tidak ada tanggapan pelapor dalam %(n)s hari kerja setelah jawaban."
                )
                % {"n": HARI_KERJA_TUTUP_OTOMATIS},
                dibuat=sekarang,
            )
            tasks.kabari_setelah_commit(tasks.kabar_status, riwayat.pk)
            jumlah += 1
    return jumlah
