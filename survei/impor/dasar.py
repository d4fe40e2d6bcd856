"""Constants and errors shared by the import steps."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from ..services import KesalahanSurvei

ZONA = ZoneInfo("Asia/Jakarta")
UKURAN_MAKS = 5 * 1024 * 1024
BARIS_MAKS = 100_000
KOLOM_MAKS = 200
# Spreadsheets often carry formatting far below the data; that many empty rows in a row end it.
_BARIS_KOSONG_PENUTUP = 1000
TOLERANSI_PERIODE = timedelta(days=7)
# Free text starting with one of these is exported with a leading apostrophe (ekspor.aman_rumus).
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")

# Targets that are not questions.
WAKTU, UNIT, LAYANAN = "waktu", "unit", "layanan"


class BerkasTidakSah(KesalahanSurvei):
    """The upload is not a spreadsheet this import can read."""


class PetaTidakSah(KesalahanSurvei):
    """The column mapping cannot be used (before any row is looked at)."""

    def __init__(self, daftar: list[str]) -> None:
        super().__init__(" ".join(daftar))
        self.daftar = daftar
