"""Importing paper questionnaires from a spreadsheet (CSV or XLSX), in three steps that never
store a response before the person has seen and confirmed the column mapping:

1. impor_buat(): the upload is parsed once (so a bad file is refused at once, with nothing
   kept) and stored as an Impor row;
2. peta_tebak() proposes a target for every column (waktu, unit, layanan or a question code);
   the person corrects it. Columns map to question CODES, never to positions: the regulation
   and the annex order U8 and U9 differently (see docs/SKM and survei/skm.py);
3. impor_simpan() checks EVERY row with services.respons_periksa() and stores all of them in
   one transaction, or nothing, with a report naming row, column, value and reason.

The management command `impor` and the views use the same functions.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from akun.models import Pengguna
from organisasi.models import Layanan, UnitLayanan

from .models import KODE_UNSUR, Impor, Jawaban, Pertanyaan, Respons, Survei
from .services import KesalahanSurvei, ResponsSah, ValidasiRespons, respons_periksa
from .skm import UNSUR_PER_KODE

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


def _kosong(nilai: Any) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def _nama_kolom(nilai: Any, indeks: int) -> str:
    teks = "" if nilai is None else str(nilai).strip()
    return teks or _("(kolom %(huruf)s)") % {"huruf": get_column_letter(indeks + 1)}


def _susun_tabel(baris_mentah: Iterable[Sequence[Any]]) -> Tabel:
    iterator = iter(baris_mentah)
    kepala = list(next(iterator, ()))
    while kepala and _kosong(kepala[-1]):
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
        if all(_kosong(s) for s in sel):
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
        lebih = sum(1 for s in sel[lebar:] if not _kosong(s))
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


# Mapping columns to codes ----------------------------------------------------------------------


def _norm(teks: Any) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(teks).casefold().replace("_", " ")).split())


_SINONIM_TETAP = {
    WAKTU: ("waktu", "tanggal", "tgl", "tanggal survei", "tanggal pengisian", "waktu pengisian", "timestamp"),
    UNIT: ("unit", "unit layanan", "nama unit", "opd"),
    LAYANAN: ("layanan", "jenis layanan", "jenis layanan yang diterima", "nama layanan"),
}
# Short names people give the unsur columns. Titles only, never positions ("P8", "Q9"): a
# column named by its number in some questionnaire is exactly the U8/U9 trap.
_SINONIM_UNSUR = {
    "U1": ("persyaratan",),
    "U2": ("prosedur", "sistem mekanisme prosedur", "sistem mekanisme dan prosedur"),
    "U3": ("waktu penyelesaian", "kecepatan"),
    "U4": ("biaya", "tarif", "biaya tarif"),
    "U5": ("produk", "produk layanan", "produk spesifikasi jenis pelayanan"),
    "U6": ("kompetensi", "kompetensi pelaksana"),
    "U7": ("perilaku", "perilaku pelaksana"),
    "U8": ("pengaduan", "penanganan pengaduan", "penanganan pengaduan saran dan masukan"),
    "U9": ("sarana", "sarana prasarana", "sarana dan prasarana"),
}


def judul_pertanyaan(p: Pertanyaan) -> str:
    """A question's short title in the current language (the built-in titles are in the catalogue)."""
    return _(p.judul) if p.judul else p.teks[:60]


def _urut_target(daftar_pertanyaan: Sequence[Pertanyaan]) -> list[Pertanyaan]:
    """U1..U9 in code order first (whatever the questionnaire's order), then the rest as asked."""
    unsur = sorted(
        (p for p in daftar_pertanyaan if p.kode in KODE_UNSUR), key=lambda p: KODE_UNSUR.index(p.kode)
    )
    return unsur + [p for p in daftar_pertanyaan if p.kode not in KODE_UNSUR]


def pilihan_target(daftar_pertanyaan: Sequence[Pertanyaan]) -> list[tuple[str, str]]:
    """(value, label) of everything a column can be mapped to, "" meaning ignore the column."""
    pilihan = [
        ("", _("abaikan kolom ini")),
        (WAKTU, _("waktu · tanggal pengisian")),
        (UNIT, _("unit · unit layanan")),
        (LAYANAN, _("layanan · jenis layanan")),
    ]
    for p in _urut_target(daftar_pertanyaan):
        pilihan.append((p.kode, f"{p.kode} · {judul_pertanyaan(p)}"))
    return pilihan


def peta_tebak(kolom: Sequence[str], daftar_pertanyaan: Sequence[Pertanyaan]) -> dict[int, str]:
    """Column index -> target for the columns whose name says clearly what they hold: the
    exact code ("U1", "u1", "jenis_kelamin"), a code followed by a title ("U1 Persyaratan"), the
    unsur title ("Persyaratan"), a profile name ("Jenis Kelamin"). Each target at most once."""
    kenal: dict[str, str] = {}
    for target, sinonim in _SINONIM_TETAP.items():
        for n in sinonim:
            kenal.setdefault(n, target)
    kode_ada = {p.kode for p in daftar_pertanyaan}
    for p in daftar_pertanyaan:
        kenal[_norm(p.kode)] = p.kode
    for p in daftar_pertanyaan:
        if p.kelompok == Pertanyaan.Kelompok.HARAPAN:
            continue  # an H item shares its unsur's title: only its code identifies it
        for nama in (
            p.judul,
            judul_pertanyaan(p),
            p.teks if p.kelompok == Pertanyaan.Kelompok.PROFIL else "",
        ):
            if nama:
                kenal.setdefault(_norm(nama), p.kode)
        if p.kode in UNSUR_PER_KODE:
            for n in _SINONIM_UNSUR[p.kode]:
                kenal.setdefault(n, p.kode)
    peta: dict[int, str] = {}
    dipakai: set[str] = set()
    for i, nama in enumerate(kolom):
        n = _norm(nama)
        tebakan = kenal.get(n)
        if tebakan is None:
            awal = re.match(r"^([uh][1-9])\b", n)
            if awal and awal.group(1).upper() in kode_ada:
                tebakan = awal.group(1).upper()
        if tebakan is not None and tebakan not in dipakai:
            peta[i] = tebakan
            dipakai.add(tebakan)
    return peta


def peta_periksa(
    peta: Mapping[int, str], *, kolom: Sequence[str], daftar_pertanyaan: Sequence[Pertanyaan], survei: Survei
) -> None:
    """PetaTidakSah listing every reason the mapping cannot be used."""
    sah = {v for v, _label in pilihan_target(daftar_pertanyaan) if v}
    kesalahan: list[str] = []
    per_target: dict[str, list[str]] = {}
    for i, target in peta.items():
        if not target:
            continue
        if target not in sah:
            kesalahan.append(_("Target %(target)s tidak dikenal.") % {"target": target})
        per_target.setdefault(target, []).append(kolom[i])
    for target, daftar in per_target.items():
        if len(daftar) > 1:
            kesalahan.append(
                _("%(target)s dipetakan ke lebih dari satu kolom (%(kolom)s); pilih satu.")
                % {"target": target, "kolom": ", ".join(daftar)}
            )
    if not any(t in KODE_UNSUR for t in per_target):
        kesalahan.append(
            _(
                "Tidak ada kolom yang dipetakan ke unsur SKM (U1 sampai U9). Pilih kode unsur untuk "
                "kolom jawaban; periksa judulnya, bukan urutannya."
            )
        )
    if WAKTU not in per_target:
        kesalahan.append(_("Pilih kolom yang berisi tanggal pengisian (waktu)."))
    if UNIT not in per_target and survei.survei_unit.count() > 1:
        kesalahan.append(_("Survei ini mencakup beberapa unit layanan: pilih kolom yang berisi unit."))
    if kesalahan:
        raise PetaTidakSah(kesalahan)


# Checking rows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Masalah:
    baris: int
    kolom: str
    nilai: str
    alasan: str


@dataclass(frozen=True)
class BarisSah:
    nomor: int
    respons: ResponsSah
    waktu: datetime


@dataclass
class HasilPeriksa:
    sah: list[BarisSah] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)

    @property
    def baris_bermasalah(self) -> int:
        return len({m.baris for m in self.masalah})


def rentang_tanggal(survei: Survei) -> tuple[date, date]:
    """Dates a paper questionnaire of this survey may carry: the period, a week either side
    (forms handed out just before, collected just after)."""
    return survei.mulai - TOLERANSI_PERIODE, survei.selesai + TOLERANSI_PERIODE


def hari_ini() -> date:
    return timezone.localtime(timezone.now(), ZONA).date()


def tanggal_periksa(survei: Survei, tanggal: date) -> None:
    """ValueError with a message if a paper questionnaire cannot carry this date."""
    awal, akhir = rentang_tanggal(survei)
    if not awal <= tanggal <= akhir:
        raise ValueError(
            _(
                "Tanggal harus dalam periode survei %(mulai)s sampai %(selesai)s "
                "(boleh selisih paling lama seminggu: %(awal)s sampai %(akhir)s)."
            )
            % {
                "mulai": f"{survei.mulai:%d/%m/%Y}",
                "selesai": f"{survei.selesai:%d/%m/%Y}",
                "awal": f"{awal:%d/%m/%Y}",
                "akhir": f"{akhir:%d/%m/%Y}",
            }
        )
    if tanggal > hari_ini():
        raise ValueError(_("Tanggal tidak boleh setelah hari ini."))


def waktu_dari_tanggal(tanggal: date) -> datetime:
    """A date without a time (a paper form, a date-only cell) is stored at noon in Jakarta, so
    that no time zone shift moves it to another day."""
    return datetime.combine(tanggal, time(12, 0), tzinfo=ZONA)


_TANGGAL_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$"
)
_TANGGAL_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def waktu_baca(nilai: Any) -> datetime:
    """A timestamp from a cell: ISO dates and datetimes, dd/mm/yyyy [hh:mm[:ss]], Excel dates
    (a date cell, or its serial number). Times without a zone are Jakarta time."""
    if isinstance(nilai, datetime):
        hasil = nilai
    elif isinstance(nilai, date):
        return waktu_dari_tanggal(nilai)
    elif isinstance(nilai, int | float) and not isinstance(nilai, bool):
        hasil = _serial_excel(float(nilai))
    else:
        teks = str(nilai).strip()
        if _TANGGAL_ISO.match(teks):
            return waktu_dari_tanggal(date.fromisoformat(teks))
        cocok = _TANGGAL_DMY.match(teks)
        try:
            if cocok:
                h, b, t, jam, menit, detik = cocok.groups()
                if jam is None:
                    return waktu_dari_tanggal(date(int(t), int(b), int(h)))
                hasil = datetime(int(t), int(b), int(h), int(jam), int(menit), int(detik or 0))
            elif re.fullmatch(r"\d+(\.\d+)?", teks):
                hasil = _serial_excel(float(teks))
            else:
                hasil = datetime.fromisoformat(teks.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(_pesan_tanggal()) from None
    if timezone.is_naive(hasil):
        hasil = hasil.replace(tzinfo=ZONA)
    return hasil


def _serial_excel(angka: float) -> datetime:
    # 1 is 1900-01-01; 2958465 is 9999-12-31.
    if not 1 <= angka < 2958466:
        raise ValueError(_pesan_tanggal())
    hasil = from_excel(angka)
    if not isinstance(hasil, datetime):
        raise ValueError(_pesan_tanggal())
    return hasil


def _pesan_tanggal() -> str:
    return _("Tanggal tidak dikenali; tulis misalnya 2025-03-04, 04/03/2025 atau 2025-03-04T10:15:00+07:00.")


def _teks_sel(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, datetime | date | time):
        return nilai.isoformat()
    return str(nilai).strip()


def pilihan_baku(pertanyaan: Pertanyaan, nilai: Any) -> Any:
    """A choice typed loosely ("l", "laki-laki", "s1 | sma") as the question's codes; anything
    not recognised is passed on unchanged for respons_periksa to refuse with its message."""
    if pertanyaan.jenis not in (Pertanyaan.Jenis.PILIHAN_TUNGGAL, Pertanyaan.Jenis.PILIHAN_GANDA):
        return nilai
    kenal: dict[str, str] = {}
    for p in pertanyaan.pilihan:
        kode = str(p["kode"])
        for nama in (kode, str(p.get("label", "")), _(str(p.get("label", ""))) if p.get("label") else ""):
            if nama:
                kenal.setdefault(nama.strip().casefold(), kode)
    teks = _teks_sel(nilai)
    if pertanyaan.jenis == Pertanyaan.Jenis.PILIHAN_TUNGGAL:
        return kenal.get(teks.casefold(), teks)
    bagian = [b.strip() for b in re.split(r"[|,]", teks) if b.strip()]
    return "|".join(kenal.get(b.casefold(), b) for b in bagian)


def _nilai_jawaban(pertanyaan: Pertanyaan, nilai: Any) -> Any:
    if pertanyaan.jenis == Pertanyaan.Jenis.TEKS:
        teks = _teks_sel(nilai)
        return teks[1:] if teks.startswith("'") and teks[1:].startswith(AWAL_RUMUS) else teks
    return pilihan_baku(pertanyaan, nilai)


def _cocok_unit(survei: Survei) -> tuple[dict[int, UnitLayanan], dict[str, UnitLayanan]]:
    unit_survei = {u.pk: u for u in survei.unit.all()}
    per_nama: dict[str, UnitLayanan] = {}
    singkatan: dict[str, list[UnitLayanan]] = {}
    for u in unit_survei.values():
        per_nama[_norm_nama(u.nama)] = u
        if u.singkatan:
            singkatan.setdefault(_norm_nama(u.singkatan), []).append(u)
    for nama, daftar in singkatan.items():
        if len(daftar) == 1:
            per_nama.setdefault(nama, daftar[0])
    return unit_survei, per_nama


def _norm_nama(teks: Any) -> str:
    return " ".join(_teks_sel(teks).casefold().split())


_Tambah = Callable[[str, Any, str], None]


class _Pemeriksa:
    """Everything a row check needs, loaded once for the whole file."""

    def __init__(self, *, survei: Survei, kolom: Sequence[str], peta: Mapping[int, str]) -> None:
        self.survei = survei
        self.kolom = kolom
        self.daftar_pertanyaan = list(survei.kuesioner.pertanyaan.all())
        self.per_kode = {p.kode: p for p in self.daftar_pertanyaan}
        self.peta = {i: t for i, t in peta.items() if t}
        self.kolom_target = {t: i for i, t in self.peta.items()}
        self.unit_survei, self.unit_per_nama = _cocok_unit(survei)
        self.unit_tunggal = next(iter(self.unit_survei.values())) if len(self.unit_survei) == 1 else None
        # respons_periksa looks a service up with one query per call; a file of thousands of
        # rows gets the same rule (active, of the row's unit) from one query here.
        self.layanan: dict[int, Layanan] = {
            la.pk: la for la in Layanan.objects.filter(unit__in=self.unit_survei, aktif=True)
        }
        self.layanan_per_nama = {(la.unit_id, _norm_nama(la.nama)): la for la in self.layanan.values()}

    def _sel(self, baris: Baris, target: str) -> tuple[str, Any]:
        i = self.kolom_target.get(target)
        return ("", None) if i is None else (self.kolom[i], baris.sel[i])

    def periksa(self, baris: Baris) -> tuple[BarisSah | None, list[Masalah]]:
        masalah: list[Masalah] = []

        def tambah(kolom: str, nilai: Any, alasan: str) -> None:
            masalah.append(Masalah(baris.nomor, kolom, _teks_sel(nilai)[:200], alasan))

        if baris.lebih:
            tambah(
                "",
                "",
                _(
                    "Baris ini berisi %(n)d sel di luar kolom berjudul; mungkin ada koma atau titik koma "
                    "tanpa tanda kutip, sehingga nilai bergeser ke kolom lain."
                )
                % {"n": baris.lebih},
            )
        waktu = self._waktu(baris, tambah)
        unit = self._unit(baris, tambah)
        layanan = self._layanan(baris, unit, tambah)
        jawaban: dict[str, Any] = {}
        for i, target in self.peta.items():
            p = self.per_kode.get(target)
            if p is not None and not _kosong(baris.sel[i]):
                jawaban[p.kode] = _nilai_jawaban(p, baris.sel[i])
        sah: ResponsSah | None = None
        try:
            sah = respons_periksa(
                survei=self.survei,
                unit=unit.pk if unit is not None else None,
                jawaban=jawaban,
                sumber=Respons.Sumber.IMPOR,
                daftar_pertanyaan=self.daftar_pertanyaan,
                unit_survei=self.unit_survei,
            )
        except ValidasiRespons as e:
            for bidang, pesan in e.kesalahan.items():
                if bidang == UNIT:
                    continue  # already reported by _unit, with the cell's value
                kolom, nilai = self._sel(baris, bidang) if bidang in self.per_kode else ("", "")
                for satu in pesan:
                    tambah(kolom, nilai, satu)
        if masalah or sah is None or waktu is None:
            return None, masalah
        sah = ResponsSah(survei=sah.survei, unit=sah.unit, layanan=layanan, jawaban=sah.jawaban)
        return BarisSah(nomor=baris.nomor, respons=sah, waktu=waktu), []

    def _waktu(self, baris: Baris, tambah: _Tambah) -> datetime | None:
        kolom, nilai = self._sel(baris, WAKTU)
        if _kosong(nilai):
            tambah(kolom, nilai, _("Tanggal pengisian wajib diisi."))
            return None
        try:
            waktu = waktu_baca(nilai)
            tanggal_periksa(self.survei, timezone.localtime(waktu, ZONA).date())
        except ValueError as e:
            tambah(kolom, nilai, str(e))
            return None
        except OverflowError:  # a zone offset that pushes year 9999 past the calendar's end
            tambah(kolom, nilai, _pesan_tanggal())
            return None
        return waktu

    def _unit(self, baris: Baris, tambah: _Tambah) -> UnitLayanan | None:
        kolom, nilai = self._sel(baris, UNIT)
        if _kosong(nilai):
            if self.unit_tunggal is not None:
                return self.unit_tunggal
            tambah(kolom, nilai, _("Unit layanan wajib diisi."))
            return None
        unit = self.unit_per_nama.get(_norm_nama(nilai))
        if unit is None:
            angka = re.fullmatch(r"\d+", _teks_sel(nilai))
            unit = self.unit_survei.get(int(angka.group())) if angka else None
        if unit is None:
            tambah(
                kolom,
                nilai,
                _(
                    "Unit layanan tidak termasuk survei ini; tulis namanya persis seperti di daftar "
                    "unit survei."
                ),
            )
        return unit

    def _layanan(self, baris: Baris, unit: UnitLayanan | None, tambah: _Tambah) -> Layanan | None:
        kolom, nilai = self._sel(baris, LAYANAN)
        if _kosong(nilai) or unit is None:
            return None
        layanan = self.layanan_per_nama.get((unit.pk, _norm_nama(nilai)))
        if layanan is None:
            angka = re.fullmatch(r"\d+", _teks_sel(nilai))
            calon = self.layanan.get(int(angka.group())) if angka else None
            layanan = calon if calon is not None and calon.unit_id == unit.pk else None
        if layanan is None:
            tambah(kolom, nilai, _("Layanan ini tidak dikenal (atau tidak aktif) di unit layanan baris ini."))
        return layanan


def impor_periksa(*, survei: Survei, tabel: Tabel, peta: Mapping[int, str]) -> HasilPeriksa:
    """Check every row without writing anything. PetaTidakSah if the mapping itself is unusable,
    KesalahanSurvei if the survey does not take responses."""
    if not survei.menerima_respons:
        raise KesalahanSurvei(_("Survei ini tidak sedang dibuka, jadi tidak menerima jawaban."))
    pemeriksa = _Pemeriksa(survei=survei, kolom=tabel.kolom, peta=peta)
    peta_periksa(peta, kolom=tabel.kolom, daftar_pertanyaan=pemeriksa.daftar_pertanyaan, survei=survei)
    hasil = HasilPeriksa()
    for baris in tabel.baris:
        sah, masalah = pemeriksa.periksa(baris)
        if sah is not None:
            hasil.sah.append(sah)
        hasil.masalah.extend(masalah)
    return hasil


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
                    for j in b.respons.jawaban
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
