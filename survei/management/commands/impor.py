"""`python manage.py impor KODE BERKAS [--peta KOLOM=KODE ...] [--sebagian]`: import paper
questionnaires from a CSV or XLSX into an open survey, with the same checks as the web import.

The detected column mapping is printed first. All rows are stored, or none if any row has a
problem (--sebagian stores the valid ones); the exit status is non-zero whenever a row was
refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from survei.impor import (
    UKURAN_MAKS,
    BerkasTidakSah,
    PetaTidakSah,
    impor_buat,
    impor_simpan,
    peta_tebak,
    pilihan_target,
    tabel_baca,
    ukuran_teks,
)
from survei.models import Survei
from survei.services import KesalahanSurvei

ABAIKAN = ("", "-", "abaikan")


class Command(BaseCommand):
    help = "Mengimpor kuesioner kertas dari berkas CSV atau XLSX ke survei yang sedang dibuka."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kode", help=_("kode survei"))
        parser.add_argument("berkas", help=_("berkas CSV (UTF-8) atau XLSX"))
        parser.add_argument(
            "--peta",
            action="append",
            default=[],
            metavar="KOLOM=KODE",
            help=_('memetakan kolom ke kode (U1, waktu, unit, ...) atau "abaikan"; boleh diulang'),
        )
        parser.add_argument(
            "--sebagian",
            action="store_true",
            help=_("simpan baris yang valid saja, lewati baris bermasalah"),
        )

    def handle(
        self, *args: Any, kode: str, berkas: str, peta: list[str], sebagian: bool, **opsi: Any
    ) -> None:
        survei = Survei.objects.select_related("kuesioner").filter(kode=kode).first()
        if survei is None:
            raise CommandError(_("Survei dengan kode %(kode)s tidak ditemukan.") % {"kode": kode})
        jalur = Path(berkas)
        isi = _baca(jalur)
        try:
            tabel = tabel_baca(isi=isi, nama_berkas=jalur.name)
        except BerkasTidakSah as e:
            raise CommandError(e.pesan) from None
        daftar = list(survei.kuesioner.pertanyaan.all())
        pilihan = dict(pilihan_target(daftar))
        peta_kolom = peta_tebak(tabel.kolom, daftar)
        peta_kolom.update(_peta_perintah(peta, kolom=tabel.kolom, pilihan=pilihan))

        self.stdout.write(_("Peta kolom:"))
        for i, nama in enumerate(tabel.kolom):
            self.stdout.write(f"  {nama} -> {pilihan.get(peta_kolom.get(i, ''), '')}")

        with transaction.atomic():
            try:
                impor = impor_buat(survei=survei, nama_berkas=jalur.name, isi=isi, pengguna=None)
                hasil = impor_simpan(impor=impor, peta=peta_kolom, sebagian=sebagian)
            except PetaTidakSah as e:
                raise CommandError("\n".join(e.daftar)) from None
            except KesalahanSurvei as e:
                raise CommandError(e.pesan) from None
            if not hasil.disimpan:
                # A refused file leaves no trace, as if the command had not run.
                transaction.set_rollback(True)

        for m in hasil.masalah:
            self.stdout.write(
                _("Baris %(baris)d, kolom %(kolom)s, nilai %(nilai)s: %(alasan)s")
                % {"baris": m.baris, "kolom": repr(m.kolom), "nilai": repr(m.nilai), "alasan": m.alasan}
            )
        self.stdout.write(_("%(n)d respons disimpan.") % {"n": hasil.disimpan})
        if hasil.ditolak:
            raise CommandError(
                _("%(n)d baris ditolak; tidak ada respons yang disimpan.") % {"n": hasil.baris_bermasalah}
                if not hasil.disimpan
                else _("%(n)d baris ditolak dan dilewati.") % {"n": hasil.baris_bermasalah}
            )


def _baca(jalur: Path) -> bytes:
    try:
        if jalur.stat().st_size > UKURAN_MAKS:
            raise CommandError(
                _("Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s.")
                % {"ukuran": ukuran_teks(jalur.stat().st_size), "maks": ukuran_teks(UKURAN_MAKS)}
            )
        return jalur.read_bytes()
    except OSError as e:
        raise CommandError(
            _("Berkas %(berkas)s tidak dapat dibaca: %(alasan)s.") % {"berkas": jalur, "alasan": e.strerror}
        ) from None


def _peta_perintah(daftar: list[str], *, kolom: tuple[str, ...], pilihan: dict[str, str]) -> dict[int, str]:
    """--peta KOLOM=KODE options as column index -> target ("" to ignore the column)."""
    per_nama = {k.casefold(): i for i, k in enumerate(kolom)}
    per_target = {t.casefold(): t for t in pilihan if t}
    hasil: dict[int, str] = {}
    for item in daftar:
        nama, tanda, target = item.rpartition("=")
        if not tanda:
            raise CommandError(
                _('--peta ditulis KOLOM=KODE, misalnya --peta "P8=U9"; bukan %(item)s.') % {"item": item}
            )
        i = per_nama.get(nama.strip().casefold())
        if i is None:
            raise CommandError(
                _("Kolom %(kolom)s tidak ada di berkas. Kolom yang ada: %(daftar)s.")
                % {"kolom": nama, "daftar": ", ".join(kolom)}
            )
        target = target.strip()
        if target.casefold() in ABAIKAN:
            hasil[i] = ""
            continue
        if target.casefold() not in per_target:
            raise CommandError(
                _("Kode %(kode)s tidak dikenal. Pilihan: %(daftar)s, abaikan.")
                % {"kode": target, "daftar": ", ".join(t for t in pilihan if t)}
            )
        hasil[i] = per_target[target.casefold()]
    return hasil
