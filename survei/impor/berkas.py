"""Step 1: reading an uploaded CSV or XLSX into a table of rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from .dasar import (
    _BARIS_KOSONG_PENUTUP,
    BARIS_MAKS,
    KOLOM_MAKS,
    UKURAN_MAKS,
    BerkasTidakSah,
)

# Reading the file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Baris:
    nomor: int  # as the spreadsheet shows it: the header is row 1
    sel: tuple[Any, ...]  # exactly one cell per header column
    lebih: int = 0  # non-empty cells to the right of the last header column


@dataclass(frozen=True)
class Tabel:
    kolom: tuple[str, ...]
    baris: tuple[Baris, ...]


def sel_kosong(nilai: Any) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def _nama_kolom(nilai: Any, indeks: int) -> str:
    teks = "" if nilai is None else str(nilai).strip()
    return teks or _("(kolom %(huruf)s)") % {"huruf": get_column_letter(indeks + 1)}


def _susun_tabel(baris_mentah: Iterable[Sequence[Any]]) -> Tabel:
    iterator = iter(baris_mentah)
    kepala = list(next(iterator, ()))
    while kepala and sel_kosong(kepala[-1]):
        kepala.pop()
    if not kepala:
        raise BerkasTidakSah(_("Baris pertama berkas harus berisi judul kolom, tetapi kosong."))
    if len(kepala) > KOLOM_MAKS:
        raise BerkasTidakSah(
            _("Berkas memiliki %(n)d kolom; paling banyak %(maks)d.") % {"n": len(kepala), "maks": KOLOM_MAKS}
        )
    kolom = tuple(_nama_kolom(nilai, i) for i, nilai in enumerate(kepala))
    ganda = sorted({k for k in kolom if kolom.count(k) > 1})
    if ganda:
        raise BerkasTidakSah(
            _("Judul kolom harus berbeda satu sama lain; muncul lebih dari sekali: %(kolom)s.")
            % {"kolom": ", ".join(ganda)}
        )
    lebar = len(kolom)
    hasil: list[Baris] = []
    kosong_beruntun = 0
    for nomor, sel in enumerate(iterator, start=2):
        sel = tuple(sel)
        if all(sel_kosong(s) for s in sel):
            kosong_beruntun += 1
            if kosong_beruntun >= _BARIS_KOSONG_PENUTUP:
                break
            continue
        kosong_beruntun = 0
        if len(hasil) >= BARIS_MAKS:
            raise BerkasTidakSah(
                _("Berkas berisi lebih dari %(maks)d baris; bagi menjadi beberapa berkas.")
                % {"maks": BARIS_MAKS}
            )
        lebih = sum(1 for s in sel[lebar:] if not sel_kosong(s))
        sel = sel[:lebar] + (None,) * (lebar - len(sel))
        hasil.append(Baris(nomor=nomor, sel=sel, lebih=lebih))
    if not hasil:
        raise BerkasTidakSah(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return Tabel(kolom=kolom, baris=tuple(hasil))


def _baca_csv(isi: bytes) -> Tabel:
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BerkasTidakSah(
            _(
                "Berkas ini bukan CSV dalam UTF-8. Dari Excel atau LibreOffice, simpan sebagai "
                '"CSV UTF-8" atau sebagai XLSX, lalu unggah lagi.'
            )
        ) from None
    if "\x00" in teks:
        raise BerkasTidakSah(_("Berkas ini bukan CSV maupun XLSX yang dapat dibaca."))
    if not teks.strip():
        raise BerkasTidakSah(_("Berkas kosong."))
    # Indonesian spreadsheets save CSV with ";" (the decimal separator is ","); the header row,
    # which holds no numbers, says which one this file uses.
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    try:
        return _susun_tabel(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))
    except csv.Error as e:
        raise BerkasTidakSah(_("Berkas CSV tidak dapat dibaca: %(alasan)s.") % {"alasan": e}) from None


def _baca_xlsx(isi: bytes) -> Tabel:
    from openpyxl import load_workbook

    # openpyxl fails on a damaged or foreign file with errors of many kinds (zipfile, KeyError,
    # XML parser, its own); for the person uploading, they all mean the same thing.
    try:
        buku = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except Exception:
        raise BerkasTidakSah(_("Berkas XLSX ini rusak atau bukan buku kerja Excel yang sah.")) from None
    try:
        if not buku.worksheets:
            raise BerkasTidakSah(_("Buku kerja ini tidak memiliki lembar kerja."))
        return _susun_tabel(buku.worksheets[0].iter_rows(values_only=True))
    except BerkasTidakSah:
        raise
    except Exception:
        raise BerkasTidakSah(_("Berkas XLSX ini rusak atau bukan buku kerja Excel yang sah.")) from None
    finally:
        buku.close()


def tabel_baca(*, isi: bytes, nama_berkas: str) -> Tabel:
    """Parse an upload; BerkasTidakSah with a message for the person if it cannot be read.

    The content decides the format (an XLSX is a zip file); the name only decides which
    message a file that is neither gets."""
    if len(isi) > UKURAN_MAKS:
        raise BerkasTidakSah(
            _("Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s.")
            % {"ukuran": ukuran_teks(len(isi)), "maks": ukuran_teks(UKURAN_MAKS)}
        )
    if not isi:
        raise BerkasTidakSah(_("Berkas kosong."))
    if isi.startswith(b"PK\x03\x04") and zipfile.is_zipfile(io.BytesIO(isi)):
        return _baca_xlsx(isi)
    if isi.startswith(b"\xd0\xcf\x11\xe0"):
        raise BerkasTidakSah(
            _("Format XLS lama tidak didukung. Simpan berkas sebagai XLSX atau CSV UTF-8, lalu unggah lagi.")
        )
    if nama_berkas.lower().endswith(".xlsx"):
        raise BerkasTidakSah(_("Berkas XLSX ini rusak atau bukan buku kerja Excel yang sah."))
    return _baca_csv(isi)


def ukuran_teks(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.1f} MB".replace(".", ",") if mb >= 0.1 else f"{max(1, round(n / 1024))} KB"
