"""Importing paper questionnaires from a spreadsheet (CSV or XLSX), in three steps that never
store a response before the person has seen and confirmed the column mapping:

1. impor_buat(): the upload is parsed once (so a bad file is refused at once, with nothing
   kept) and stored as an Impor row;
2. peta_tebak() proposes a target for every column (waktu, unit, layanan or a question code);
   the person corrects it. Columns map to question CODES, never to positions: the regulation
   and the annex order U8 and U9 differently (see ../shared/SKM.md and survei/skm.py);
3. impor_simpan() checks EVERY row with services.respons_periksa() and stores all of them in
   one transaction, or nothing, with a report naming row, column, value and reason.

The management command `impor` and the views use the same functions.
"""

from .berkas import Tabel, tabel_baca, ukuran_teks
from .dasar import AWAL_RUMUS, UKURAN_MAKS, ZONA, BerkasTidakSah, PetaTidakSah
from .periksa import (
    hari_ini,
    impor_periksa,
    pilihan_baku,
    rentang_tanggal,
    tanggal_periksa,
    waktu_dari_tanggal,
)
from .peta import judul_pertanyaan, peta_tebak, pilihan_target
from .simpan import impor_buat, impor_simpan, impor_tabel, peta_tersimpan

__all__ = [
    "AWAL_RUMUS",
    "UKURAN_MAKS",
    "ZONA",
    "BerkasTidakSah",
    "PetaTidakSah",
    "Tabel",
    "hari_ini",
    "impor_buat",
    "impor_periksa",
    "impor_simpan",
    "impor_tabel",
    "judul_pertanyaan",
    "peta_tebak",
    "peta_tersimpan",
    "pilihan_baku",
    "pilihan_target",
    "rentang_tanggal",
    "tabel_baca",
    "tanggal_periksa",
    "ukuran_teks",
    "waktu_dari_tanggal",
]
