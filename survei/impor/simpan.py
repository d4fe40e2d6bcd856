"""Step 3b: the Impor record and storing all checked rows in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from akun.models import Pengguna

from ..models import Impor, Jawaban, Respons, Survei
from ..services import KesalahanSurvei
from .berkas import Tabel, tabel_baca
from .periksa import BarisSah, Masalah, impor_periksa
from .peta import peta_tebak

# Storing ---------------------------------------------------------------------------------------


def impor_buat(*, survei: Survei, nama_berkas: str, isi: bytes, pengguna: Pengguna | None) -> Impor:
    """Keep an upload for the mapping step. The file is parsed first, so an unreadable one is
    refused (BerkasTidakSah) and nothing is kept."""
    if not survei.menerima_respons:
        raise KesalahanSurvei(_("Survei ini tidak sedang dibuka, jadi tidak menerima jawaban."))
    tabel = tabel_baca(isi=isi, nama_berkas=nama_berkas)
    peta = peta_tebak(tabel.kolom, list(survei.kuesioner.pertanyaan.all()))
    impor = Impor(
        survei=survei,
        pengguna=pengguna,
        nama_berkas=nama_berkas[:255],
        isi=isi,
        peta_kolom={str(i): t for i, t in peta.items()},
    )
    impor.full_clean()
    impor.save()
    return impor


def impor_tabel(impor: Impor) -> Tabel:
    return tabel_baca(isi=bytes(impor.isi), nama_berkas=impor.nama_berkas)


def peta_tersimpan(impor: Impor) -> dict[int, str]:
    return {int(i): t for i, t in (impor.peta_kolom or {}).items() if str(i).isdigit() and t}


@dataclass(frozen=True)
class HasilImpor:
    disimpan: int
    masalah: list[Masalah]
    baris_bermasalah: int

    @property
    def ditolak(self) -> bool:
        return bool(self.masalah)


def impor_simpan(
    *, impor: Impor, peta: Mapping[int, str], sebagian: bool = False, pengguna: Pengguna | None = None
) -> HasilImpor:
    """Check every row, then store all of them in one transaction, or none if any row has a
    problem (sebagian=True stores the valid rows and reports the rest). Each row's kunci is
    "impor-<impor id>-<row number>", so confirming the same upload twice stores it once."""
    if impor.status == Impor.Status.DISIMPAN:
        raise KesalahanSurvei(_sudah_disimpan(impor))
    tabel = impor_tabel(impor)
    peta = {i: t for i, t in peta.items() if t}
    impor.peta_kolom = {str(i): t for i, t in peta.items()}
    hasil = impor_periksa(survei=impor.survei, tabel=tabel, peta=peta)
    if hasil.masalah and not sebagian:
        # Refused, and kept as such with the mapping tried; a corrected mapping may be confirmed again.
        impor.status = Impor.Status.DITOLAK
        Impor.objects.filter(pk=impor.pk).exclude(status=Impor.Status.DISIMPAN).update(
            status=impor.status, peta_kolom=impor.peta_kolom
        )
        return HasilImpor(disimpan=0, masalah=hasil.masalah, baris_bermasalah=hasil.baris_bermasalah)
    disimpan = _simpan(impor=impor, baris=hasil.sah, pengguna=pengguna)
    return HasilImpor(disimpan=disimpan, masalah=hasil.masalah, baris_bermasalah=hasil.baris_bermasalah)


def _simpan(*, impor: Impor, baris: Sequence[BarisSah], pengguna: Pengguna | None) -> int:
    try:
        with transaction.atomic():
            # Locking the survey serialises this with survei_tutup(); locking the upload makes a
            # second confirmation wait, then find it stored.
            survei = Survei.objects.select_for_update().get(pk=impor.survei_id)
            if not survei.menerima_respons:
                raise KesalahanSurvei(_("Survei ini tidak sedang dibuka, jadi tidak menerima jawaban."))
            terkunci = Impor.objects.select_for_update().get(pk=impor.pk)
            if terkunci.status == Impor.Status.DISIMPAN:
                raise KesalahanSurvei(_sudah_disimpan(terkunci))
            respons = [
                Respons(
                    survei=survei,
                    unit=b.respons.unit,
                    layanan=b.respons.layanan,
                    sumber=Respons.Sumber.IMPOR,
                    waktu=b.waktu,
                    kunci=f"impor-{impor.pk}-{b.nomor}",
                    dientri_oleh=pengguna,
                    impor=impor,
                    **b.respons.isian_unsur(),
                )
                for b in baris
            ]
            Respons.objects.bulk_create(respons, batch_size=500)
            if any(r.pk is None for r in respons):  # a database without INSERT ... RETURNING
                pk = dict(Respons.objects.filter(impor=impor).values_list("kunci", "id"))
                for r in respons:
                    r.pk = pk[r.kunci]
            Jawaban.objects.bulk_create(
                (
                    Jawaban(
                        respons=r,
                        pertanyaan=j.pertanyaan,
                        jenis=j.pertanyaan.jenis,
                        nilai=j.nilai,
                        teks=j.teks,
                    )
                    for r, b in zip(respons, baris, strict=True)
                    for j in b.respons.jawaban_lain()
                ),
                batch_size=1000,
            )
            terkunci.status = Impor.Status.DISIMPAN
            terkunci.jumlah_respons = len(respons)
            terkunci.peta_kolom = impor.peta_kolom
            terkunci.save(update_fields=["status", "jumlah_respons", "peta_kolom"])
    except IntegrityError:
        # Only a second confirmation racing this one can hit the unique kunci.
        raise KesalahanSurvei(_("Berkas ini sedang atau sudah disimpan; muat ulang halaman.")) from None
    impor.status = Impor.Status.DISIMPAN
    impor.jumlah_respons = len(respons)
    return len(respons)


def _sudah_disimpan(impor: Impor) -> str:
    return _("Berkas ini sudah disimpan sebelumnya (%(n)d respons); tidak disimpan dua kali.") % {
        "n": impor.jumlah_respons
    }
