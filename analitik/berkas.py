"""Reading a CSV or XLSX in the export format (survei/ekspor.py) into count tables.

Only the columns U1..U9 (required) and H1..H9 (optional, harapan) are read; their names are
matched exactly after trimming, in any case ("u3 " is U3); every other column is ignored. A
cell holds 1, 2, 3 or 4, or is empty (not answered). The file is read in one pass into a
Penghitung, so memory does not grow with the number of rows.

Any problem raises BerkasTidakSah with ONE message for a person, naming the row as a
spreadsheet shows it (the header is row 1) and the column (its name and its letter):
    Baris 7, kolom U3 (K): "5" bukan nilai yang sah; isi 1, 2, 3 atau 4, atau kosongkan.

CSV: UTF-8 (with or without BOM); a file that is not UTF-8 is read as Windows-1252, which
cannot change the digits of U1..U9. The separator is "," or ";" (Indonesian spreadsheets save
with ";"), whichever the header row uses more. XLSX: the first worksheet; its first non-empty
row is the header.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from .tabel import KODE_HARAPAN, KODE_UNSUR, Penghitung, TabelHitung

# "3", and "3.0" or "3,0" as some tools write whole numbers; never "3,5".
_ANGKA = re.compile(r"([0-9]+)(?:[.,]0+)?")


class BerkasTidakSah(ValueError):
    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


def _kosong(nilai: Any) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def _nilai(sel: Any, *, nomor: int, nama: str, indeks: int) -> int | None:
    if _kosong(sel):
        return None
    v: int | None = None
    if isinstance(sel, bool):
        v = None
    elif isinstance(sel, int):
        v = sel
    elif isinstance(sel, float) and sel.is_integer():
        v = int(sel)
    elif isinstance(sel, str) and (cocok := _ANGKA.fullmatch(sel.strip())):
        v = int(cocok.group(1))
    if v is None or not 1 <= v <= 4:
        teks = sel.strip() if isinstance(sel, str) else str(sel)
        raise BerkasTidakSah(
            _(
                'Baris %(baris)d, kolom %(kolom)s (%(huruf)s): "%(nilai)s" bukan nilai yang sah; '
                "isi 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab."
            )
            % {"baris": nomor, "kolom": nama, "huruf": get_column_letter(indeks + 1), "nilai": teks[:40]}
        )
    return v


def _peta_kolom(kepala: Sequence[Any], nomor: int) -> tuple[dict[str, int], dict[str, int]]:
    posisi: dict[str, int] = {}
    for i, sel in enumerate(kepala):
        nama = "" if sel is None else str(sel).strip().upper()
        if nama in KODE_UNSUR or nama in KODE_HARAPAN:
            if nama in posisi:
                raise BerkasTidakSah(
                    _(
                        "Baris %(baris)d (judul kolom): kolom %(kolom)s muncul dua kali "
                        "(kolom %(a)s dan %(b)s)."
                    )
                    % {
                        "baris": nomor,
                        "kolom": nama,
                        "a": get_column_letter(posisi[nama] + 1),
                        "b": get_column_letter(i + 1),
                    }
                )
            posisi[nama] = i
    hilang = [k for k in KODE_UNSUR if k not in posisi]
    if hilang:
        raise BerkasTidakSah(
            _(
                "Baris %(baris)d (judul kolom): kolom %(kolom)s tidak ditemukan. Berkas harus memiliki "
                "kolom U1 sampai U9 seperti berkas ekspor Tilik."
            )
            % {"baris": nomor, "kolom": ", ".join(hilang)}
        )
    return {k: posisi[k] for k in KODE_UNSUR}, {k: posisi[k] for k in KODE_HARAPAN if k in posisi}


def _baca(sel: Sequence[Any], kolom: dict[str, int], nomor: int) -> list[int | None]:
    """The values of U1..U9 (or H1..H9; a harapan column the file lacks is unanswered)."""
    kode = KODE_UNSUR if next(iter(kolom)).startswith("U") else KODE_HARAPAN
    hasil: list[int | None] = []
    for k in kode:
        i = kolom.get(k)
        nilai = sel[i] if i is not None and i < len(sel) else None
        hasil.append(None if i is None else _nilai(nilai, nomor=nomor, nama=k, indeks=i))
    return hasil


def _hitung(baris: Iterator[tuple[int, Sequence[Any]]]) -> TabelHitung:
    kepala: Sequence[Any] | None = None
    nomor_kepala = 1
    for nomor, sel in baris:
        if not all(_kosong(s) for s in sel):
            kepala, nomor_kepala = sel, nomor
            break
    if kepala is None:
        raise BerkasTidakSah(_("Berkas kosong: tidak ada baris judul kolom maupun data."))
    kolom_u, kolom_h = _peta_kolom(kepala, nomor_kepala)
    penghitung = Penghitung()
    ada_data = False
    for nomor, sel in baris:
        if all(_kosong(s) for s in sel):
            continue
        ada_data = True

        def baca(kolom: dict[str, int], nomor: int = nomor, sel: Sequence[Any] = sel) -> list[int | None]:
            return [
                _nilai(sel[i] if i < len(sel) else None, nomor=nomor, nama=k, indeks=i)
                for k, i in kolom.items()
            ]

        unsur = baca(kolom_u)
        harapan = baca({k: kolom_h.get(k, -1) for k in KODE_HARAPAN}) if kolom_h else None
        penghitung.tambah(unsur, harapan)
    if not ada_data:
        raise BerkasTidakSah(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return penghitung.tabel()


def _baris_csv(jalur: Path, pengodean: str) -> Iterator[tuple[int, Sequence[Any]]]:
    with jalur.open(encoding=pengodean, newline="") as berkas:
        pertama = berkas.readline()
        if "\x00" in pertama:
            raise BerkasTidakSah(_("Berkas ini bukan CSV maupun XLSX yang dapat dibaca."))
        pemisah = ";" if pertama.count(";") > pertama.count(",") else ","
        berkas.seek(0)
        try:
            yield from enumerate(csv.reader(berkas, delimiter=pemisah), start=1)
        except csv.Error as e:
            raise BerkasTidakSah(_("Berkas CSV tidak dapat dibaca: %(alasan)s.") % {"alasan": e}) from None


def _baris_xlsx(jalur: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    from openpyxl import load_workbook

    # openpyxl fails on a damaged file with errors of many kinds (zipfile, KeyError, XML
    # parser, its own); for the person they all mean the same thing.
    try:
        buku = load_workbook(jalur, read_only=True, data_only=True)
    except Exception:
        raise BerkasTidakSah(_("Berkas XLSX ini rusak atau bukan buku kerja Excel yang sah.")) from None
    try:
        if not buku.worksheets:
            raise BerkasTidakSah(_("Buku kerja ini tidak memiliki lembar kerja."))
        lembar = buku.worksheets[0]
        yield from enumerate(lembar.iter_rows(min_row=1, values_only=True), start=1)
    finally:
        buku.close()


def _buka(jalur: Path) -> Iterator[Iterator[tuple[int, Sequence[Any]]]]:
    """The row readers to try, in order (a CSV that is not UTF-8 is read again)."""
    with jalur.open("rb") as berkas:
        awal = berkas.read(8)
    if not awal:
        raise BerkasTidakSah(_("Berkas kosong."))
    if awal.startswith(b"PK\x03\x04") and zipfile.is_zipfile(jalur):
        yield _baris_xlsx(jalur)
        return
    if awal.startswith(b"\xd0\xcf\x11\xe0"):
        raise BerkasTidakSah(_("Format XLS lama tidak didukung. Simpan berkas sebagai XLSX atau CSV UTF-8."))
    if jalur.suffix.lower() == ".xlsx":
        raise BerkasTidakSah(_("Berkas XLSX ini rusak atau bukan buku kerja Excel yang sah."))
    yield _baris_csv(jalur, "utf-8-sig")
    yield _baris_csv(jalur, "cp1252")


def berkas_baca(jalur: str | Path) -> TabelHitung:
    """The count tables of every respondent in the file; BerkasTidakSah if it cannot be used."""
    jalur = Path(jalur)
    if not jalur.is_file():
        raise BerkasTidakSah(_("Berkas %(nama)s tidak ditemukan.") % {"nama": jalur})
    try:
        for baris in _buka(jalur):
            try:
                return _hitung(baris)
            except UnicodeDecodeError:
                continue
    except OSError as e:
        raise BerkasTidakSah(
            _("Berkas %(nama)s tidak dapat dibuka: %(alasan)s.") % {"nama": jalur, "alasan": e.strerror or e}
        ) from None
    raise BerkasTidakSah(_("Berkas ini bukan CSV maupun XLSX yang dapat dibaca."))
