"""Writing to the forum: topics, replies, support, subscriptions.

The complaint workflow is in services_pengaduan.py, flags and moderation in
services_moderasi.py; both use the checks defined here. Every function takes keyword
arguments, checks the permission through organisasi.izin, and raises KesalahanForum with a
message for the person who tried; nothing is written then.
"""

from __future__ import annotations

import re
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Pengguna
from analitik.format import bilangan
from organisasi import izin
from organisasi.models import Instansi, Layanan, Penataan, UnitLayanan

from . import tasks
from .hari_kerja import tambah_hari_kerja
from .markdown import render
from .models import PANJANG_ISI_MAKS, PANJANG_JUDUL_MAKS, Balasan, Dukungan, Langganan, RiwayatStatus, Topik

HARI_KERJA_VERIFIKASI = 3
HARI_KERJA_TINDAK_LANJUT = 5
HARI_KERJA_TUTUP_OTOMATIS = 10
# Posts per user per window (seconds); settings.FORUM_BATAS_LAJU = (jumlah, detik) changes it.
BATAS_LAJU_BAWAAN = (10, 600)
_AWALAN_LAJU = "tilik:forum:laju"

# Control characters other than tab and newlines: PostgreSQL refuses NUL in text, and the
# others only ever serve to hide things.
_KARAKTER_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that take no room: a post made only of them is empty.
_TAK_TERLIHAT = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]+")


class KesalahanForum(Exception):
    """A domain error with a message meant for the person who caused it; `bidang` names the
    form field it belongs to, when there is one."""

    def __init__(self, pesan: str, *, bidang: str | None = None) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.bidang = bidang


class BatasLajuTerlampaui(KesalahanForum):
    """Too many posts in a short time: the view answers 429 with Retry-After."""

    def __init__(self, pesan: str, *, coba_lagi_detik: int) -> None:
        super().__init__(pesan)
        self.coba_lagi_detik = coba_lagi_detik


# Checks shared by the services ---------------------------------------------------------------


def periksa_teks(teks: str, *, bidang: str, maks: int, satu_baris: bool = False) -> str:
    """The text as it will be stored, or KesalahanForum when it is empty or too long."""
    teks = _KARAKTER_KENDALI.sub("", (teks or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if satu_baris:
        teks = " ".join(teks.split())
    if not _TAK_TERLIHAT.sub("", teks):
        pesan = _("Judul tidak boleh kosong.") if bidang == "judul" else _("Isi tulisan tidak boleh kosong.")
        raise KesalahanForum(pesan, bidang=bidang)
    if len(teks) > maks:
        raise KesalahanForum(
            _("Terlalu panjang: paling banyak %(maks)s karakter, tulisan ini %(n)s karakter.")
            % {"maks": bilangan(maks), "n": bilangan(len(teks))},
            bidang=bidang,
        )
    return teks


def periksa_isi(isi: str) -> str:
    return periksa_teks(isi, bidang="isi", maks=PANJANG_ISI_MAKS)


def pastikan_bisa_tulis(pengguna: Pengguna, *, instansi: Instansi) -> None:
    alasan = izin.alasan_tidak_bisa_tulis_forum(pengguna, instansi=instansi)
    if alasan is not None:
        raise KesalahanForum(alasan)


def batas_laju() -> tuple[int, int]:
    jumlah, jendela = getattr(settings, "FORUM_BATAS_LAJU", BATAS_LAJU_BAWAAN)
    return int(jumlah), int(jendela)


def catat_laju(pengguna: Pengguna) -> None:
    """Count one post of this user; BatasLajuTerlampaui past the limit.

    Fixed windows in Django's cache (Redis when REDIS_URL is set), as in survei.ratelimit but
    keyed on the account rather than the address: every poster is signed in.
    """
    jumlah_maks, jendela = batas_laju()
    sekarang = time.time()
    ke = int(sekarang // jendela)
    kunci = f"{_AWALAN_LAJU}:{pengguna.pk}:{ke}"
    cache.add(kunci, 0, timeout=jendela + 60)
    try:
        jumlah = cache.incr(kunci)
    except ValueError:
        cache.set(kunci, 1, timeout=jendela + 60)
        jumlah = 1
    if jumlah > jumlah_maks:
        sisa = max(int((ke + 1) * jendela - sekarang) + 1, 1)
        raise BatasLajuTerlampaui(
            _("Anda terlalu sering menulis. Coba lagi dalam %(menit)s menit.") % {"menit": -(-sisa // 60)},
            coba_lagi_detik=sisa,
        )


def ikut_langganan(*, topik: Topik, pengguna: Pengguna) -> None:
    Langganan.objects.get_or_create(topik=topik, pengguna=pengguna)


# Topics --------------------------------------------------------------------------------------


def _periksa_kaitan(
    *,
    instansi: Instansi,
    jenis: str,
    unit: UnitLayanan | None,
    layanan: Layanan | None,
    penataan: Penataan | None,
) -> UnitLayanan | None:
    """The topic's unit, checked against the instansi, the service and the kind."""
    if layanan is not None:
        if unit is not None and layanan.unit_id != unit.pk:
            raise KesalahanForum(_("Layanan itu bukan layanan unit yang dipilih."), bidang="layanan")
        unit = layanan.unit
    if unit is not None and unit.instansi_id != instansi.pk:
        raise KesalahanForum(_("Unit layanan itu bukan bagian dari instansi ini."), bidang="unit")
    if penataan is not None and penataan.instansi_id != instansi.pk:
        raise KesalahanForum(_("Penataan itu bukan milik instansi ini."), bidang="penataan")
    if jenis == Topik.Jenis.PENGADUAN:
        if unit is None:
            raise KesalahanForum(_("Pilih unit layanan yang diadukan."), bidang="unit")
        if not unit.aktif_pada(timezone.localdate()):
            raise KesalahanForum(
                _("Unit layanan itu sudah tidak aktif; pilih unit yang sekarang menangani layanannya."),
                bidang="unit",
            )
    return unit


@transaction.atomic
def topik_buat(
    *,
    pengguna: Pengguna,
    instansi: Instansi,
    jenis: str,
    judul: str,
    isi: str,
    unit: UnitLayanan | None = None,
    layanan: Layanan | None = None,
    penataan: Penataan | None = None,
    privasi: str = Topik.Privasi.PUBLIK,
) -> Topik:
    """Start a topic. A complaint enters the workflow as diterima, due for verification in
    3 working days, and its unit's petugas are told by e-mail."""
    pastikan_bisa_tulis(pengguna, instansi=instansi)
    if jenis not in Topik.Jenis.values:
        raise KesalahanForum(_("Jenis topik tidak dikenal."), bidang="jenis")
    if privasi not in Topik.Privasi.values:
        raise KesalahanForum(_("Pilihan privasi tidak dikenal."), bidang="privasi")
    if jenis != Topik.Jenis.PENGADUAN and privasi != Topik.Privasi.PUBLIK:
        raise KesalahanForum(_("Mode anonim dan rahasia hanya untuk pengaduan."), bidang="privasi")
    judul = periksa_teks(judul, bidang="judul", maks=PANJANG_JUDUL_MAKS, satu_baris=True)
    isi = periksa_isi(isi)
    unit = _periksa_kaitan(instansi=instansi, jenis=jenis, unit=unit, layanan=layanan, penataan=penataan)
    catat_laju(pengguna)
    sekarang = timezone.now()
    topik = Topik(
        instansi=instansi,
        unit=unit,
        layanan=layanan,
        penataan=penataan,
        jenis=jenis,
        judul=judul,
        isi=isi,
        isi_html=render(isi),
        penulis=pengguna,
        dibuat=sekarang,
        aktivitas_terakhir=sekarang,
        privasi=privasi,
    )
    if jenis == Topik.Jenis.PENGADUAN:
        assert unit is not None
        topik.status = Topik.Status.DITERIMA
        topik.batas_verifikasi = tambah_hari_kerja(
            timezone.localdate(sekarang), HARI_KERJA_VERIFIKASI, instansi_id=instansi.pk
        )
    topik.full_clean()
    topik.save()
    ikut_langganan(topik=topik, pengguna=pengguna)
    if topik.adalah_pengaduan:
        RiwayatStatus.objects.create(
            topik=topik,
            aksi=RiwayatStatus.Aksi.DIAJUKAN,
            ke_status=Topik.Status.DITERIMA,
            pelaku=pengguna,
            unit_tujuan=unit,
            dibuat=sekarang,
        )
        tasks.kabari_setelah_commit(tasks.kabar_pengaduan_baru, topik.pk)
    return topik


@transaction.atomic
def topik_ubah(*, topik: Topik, pengguna: Pengguna, judul: str, isi: str) -> Topik:
    topik = Topik.objects.select_for_update().get(pk=topik.pk)
    if not izin.bisa_ubah_posting(pengguna, posting=topik):
        raise KesalahanForum(_("Tulisan ini tidak bisa Anda ubah lagi."))
    topik.judul = periksa_teks(judul, bidang="judul", maks=PANJANG_JUDUL_MAKS, satu_baris=True)
    topik.isi = periksa_isi(isi)
    topik.isi_html = render(topik.isi)
    topik.diubah = timezone.now()
    topik.full_clean()
    topik.save(update_fields=["judul", "isi", "isi_html", "diubah"])
    return topik


# Replies -------------------------------------------------------------------------------------


def _atas_nama_unit(pengguna: Pengguna, topik: Topik) -> UnitLayanan | None:
    """The unit a reply speaks for: the topic's unit, when the writer serves it."""
    if topik.unit is not None and izin.bisa_layani_unit(pengguna, unit=topik.unit):
        return topik.unit
    return None


def simpan_balasan(
    *, topik: Topik, pengguna: Pengguna, isi: str, resmi: bool, dari_unit: UnitLayanan | None
) -> Balasan:
    """Store a checked reply and update the topic's counters; no permission check here."""
    sekarang = timezone.now()
    balasan = Balasan(
        topik=topik,
        penulis=pengguna,
        isi=isi,
        isi_html=render(isi),
        resmi=resmi,
        dari_unit=dari_unit,
        dibuat=sekarang,
    )
    balasan.full_clean()
    balasan.save()
    Topik.objects.filter(pk=topik.pk).update(
        jumlah_balasan=F("jumlah_balasan") + 1, aktivitas_terakhir=sekarang
    )
    ikut_langganan(topik=topik, pengguna=pengguna)
    tasks.kabari_setelah_commit(tasks.kabar_balasan, balasan.pk)
    return balasan


@transaction.atomic
def balasan_buat(*, topik: Topik, pengguna: Pengguna, isi: str) -> Balasan:
    """Reply to a topic. A petugas replying on his unit's topic speaks for the unit (and, on a
    complaint, that is the unit's first response if none came before). The complainant
    replying after the official answer stops the automatic closing: the unit has to answer
    again. Official answers are made with services_pengaduan.pengaduan_jawab()."""
    topik = Topik.objects.select_for_update(of=("self",)).select_related("instansi", "unit").get(pk=topik.pk)
    if not izin.bisa_balas_topik(pengguna, topik=topik):
        pastikan_bisa_tulis(pengguna, instansi=topik.instansi)
        raise KesalahanForum(_("Topik ini tidak bisa Anda balas."))
    isi = periksa_isi(isi)
    dari_unit = _atas_nama_unit(pengguna, topik)
    if dari_unit is None:
        # Staff answering on behalf of their unit are not throttled; citizens are.
        catat_laju(pengguna)
    balasan = simpan_balasan(topik=topik, pengguna=pengguna, isi=isi, resmi=False, dari_unit=dari_unit)
    if topik.adalah_pengaduan:
        perubahan: dict[str, Any] = {}
        if dari_unit is not None and topik.tanggapan_pertama_pada is None:
            perubahan["tanggapan_pertama_pada"] = balasan.dibuat
        if pengguna.pk == topik.penulis_id and topik.status == Topik.Status.DITINDAKLANJUTI:
            perubahan["batas_tutup_otomatis"] = None
        if perubahan:
            Topik.objects.filter(pk=topik.pk).update(**perubahan)
    return balasan


@transaction.atomic
def balasan_ubah(*, balasan: Balasan, pengguna: Pengguna, isi: str) -> Balasan:
    balasan = Balasan.objects.select_for_update(of=("self",)).select_related("topik").get(pk=balasan.pk)
    if not izin.bisa_ubah_posting(pengguna, posting=balasan):
        raise KesalahanForum(_("Tulisan ini tidak bisa Anda ubah lagi."))
    balasan.isi = periksa_isi(isi)
    balasan.isi_html = render(balasan.isi)
    balasan.diubah = timezone.now()
    balasan.full_clean()
    balasan.save(update_fields=["isi", "isi_html", "diubah"])
    return balasan


# Support and subscriptions ------------------------------------------------------------------


def _topik_terbuka_untuk(pengguna: Pengguna, topik: Topik) -> None:
    if not izin.bisa_lihat_topik(pengguna, topik=topik) or topik.tersembunyi:
        raise KesalahanForum(_("Topik ini tidak tersedia."))


@transaction.atomic
def dukungan_beri(*, topik: Topik, pengguna: Pengguna) -> bool:
    """Support a topic, once per user; False when he already did."""
    pastikan_bisa_tulis(pengguna, instansi=topik.instansi)
    _topik_terbuka_untuk(pengguna, topik)
    if topik.penulis_id == pengguna.pk:
        raise KesalahanForum(_("Anda tidak bisa mendukung topik Anda sendiri."))
    try:
        with transaction.atomic():
            Dukungan.objects.create(topik=topik, pengguna=pengguna)
    except IntegrityError:
        return False
    Topik.objects.filter(pk=topik.pk).update(jumlah_dukungan=F("jumlah_dukungan") + 1)
    topik.refresh_from_db(fields=["jumlah_dukungan"])
    return True


@transaction.atomic
def dukungan_batal(*, topik: Topik, pengguna: Pengguna) -> bool:
    """Withdraw one's support; False when there was none."""
    dihapus, _rincian = Dukungan.objects.filter(topik=topik, pengguna_id=pengguna.pk).delete()
    if not dihapus:
        return False
    Topik.objects.filter(pk=topik.pk, jumlah_dukungan__gt=0).update(jumlah_dukungan=F("jumlah_dukungan") - 1)
    topik.refresh_from_db(fields=["jumlah_dukungan"])
    return True


@transaction.atomic
def langganan_ikuti(*, topik: Topik, pengguna: Pengguna) -> None:
    if not izin.adalah_warga(pengguna):
        raise KesalahanForum(_("Masuk terlebih dahulu untuk mengikuti topik."))
    _topik_terbuka_untuk(pengguna, topik)
    ikut_langganan(topik=topik, pengguna=pengguna)


@transaction.atomic
def langganan_berhenti(*, topik: Topik, pengguna: Pengguna) -> None:
    Langganan.objects.filter(topik=topik, pengguna_id=pengguna.pk).delete()
