"""Step 3a: checking every row, collecting each problem by row, column, value and reason."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from organisasi.models import Layanan, UnitLayanan

from ..models import Pertanyaan, Respons, Survei
from ..services import KesalahanSurvei, ResponsSah, ValidasiRespons, respons_periksa
from .berkas import Baris, Tabel, sel_kosong
from .dasar import (
    AWAL_RUMUS,
    LAYANAN,
    TOLERANSI_PERIODE,
    UNIT,
    WAKTU,
    ZONA,
)
from .peta import peta_periksa

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
            if p is not None and not sel_kosong(baris.sel[i]):
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
        if sel_kosong(nilai):
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
        if sel_kosong(nilai):
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
        if sel_kosong(nilai) or unit is None:
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
