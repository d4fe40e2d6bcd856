"""What both report kinds share: the step pipeline, the respondents' profile table, the
follow-up plan (Rencana Tindak Lanjut), the questionnaire annex and the authenticity page."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as jam
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from analitik import format as fmt
from analitik.grafik import Grafik
from analitik.penataan import WIB
from analitik.publik import sel_tersembunyi
from analitik.statistik import BOBOT_BAKU, PITA
from analitik.tabel import KODE_UNSUR, TabelHitung
from survei.skm import LABEL_HARAPAN, PROFIL, UNSUR_PER_KODE, URUTAN_ANGKET

from ..models import Laporan
from ..selectors import KELOMPOK_USIA, ProfilResponden
from .render import html_ke_pdf, qr_data_uri, sha256_data, svg_data_uri

# The smallest NRR of mutu B (76,61 / 25): an unsur below it pulls the unit under "Baik".
NRR_BATAS_BAIK = float(PITA[1][0]) / 25
RTL_MINIMAL = 3
ALFA = 0.05


class KesalahanLaporan(Exception):
    """A domain error with a message meant for the person who asked for the report."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


Maju = Callable[[int, str], None]


def label_langkah() -> tuple[str, ...]:
    """The steps every report goes through, as the progress page names them."""
    return (
        _("Mengambil data"),
        _("Menghitung statistik"),
        _("Menggambar grafik"),
        _("Menyusun PDF"),
        _("Menyimpan berkas"),
    )


class Penyusun(ABC):
    """Builds one report in four steps (data, statistics, charts, PDF); the service saves it
    (the fifth step). waktu holds each step's seconds, for the benchmark."""

    template: str

    def __init__(self, laporan: Laporan) -> None:
        self.laporan = laporan
        self.parameter: dict[str, Any] = dict(laporan.parameter)
        self.waktu: dict[str, float] = {}
        self.sha256_data = ""
        self.jumlah_halaman = 0
        self.grafik: list[Grafik] = []
        self.tabel_gambar: set[str] = set()

    def jalankan(self, maju: Maju) -> bytes:
        label = label_langkah()
        tahap: list[tuple[str, Callable[[], Any]]] = [
            ("data", self.ambil_data),
            ("statistik", self.analisis),
            ("grafik", self.gambar),
            ("render", self.susun),
        ]
        hasil: Any = None
        for i, (kunci, fungsi) in enumerate(tahap):
            maju(i + 1, label[i])
            mulai = time.perf_counter()
            hasil = fungsi()
            self.waktu[kunci] = time.perf_counter() - mulai
        assert isinstance(hasil, bytes)
        return hasil

    @abstractmethod
    def ambil_data(self) -> None: ...

    @abstractmethod
    def analisis(self) -> None: ...

    @abstractmethod
    def gambar(self) -> None: ...

    @abstractmethod
    def konteks(self) -> dict[str, Any]: ...

    def susun(self) -> bytes:
        isi = self.konteks() | {
            "laporan": self.laporan,
            "keaslian": konteks_keaslian(self.laporan, sha256=self.sha256_data, parameter=self.parameter),
            "kuesioner": kuesioner_lampiran(),
            "gambar_daftar": [
                (i, g) for i, g in enumerate(self.grafik, start=1) if g.kunci in self.tabel_gambar
            ],
        }
        html = render_to_string(self.template, isi)
        pdf, self.jumlah_halaman = html_ke_pdf(html, identitas=self.laporan.pk.hex.encode())
        return pdf

    def daftar_gambar(self, grafik: Grafik | None, *, sumber: str | None = None) -> dict[str, Any] | None:
        """A chart numbered in the order it is placed, with its image address. sumber names the
        table of the report that already holds its numbers; without it the chart's own data
        table is printed in Lampiran B."""
        if grafik is None:
            return None
        self.grafik.append(grafik)
        if sumber is None:
            self.tabel_gambar.add(grafik.kunci)
        return {
            "nomor": len(self.grafik),
            "grafik": grafik,
            "src": svg_data_uri(grafik.svg),
            "sumber": sumber,
        }

    def hash_data(self, isi: Mapping[str, Any]) -> None:
        self.sha256_data = sha256_data({"jenis": self.laporan.jenis, "parameter": self.parameter, **isi})


# Dates -------------------------------------------------------------------------------------------


def tanggal(t: date | None) -> str:
    return fmt.KOSONG if t is None else date_format(t, "j F Y")


def waktu_lokal(t: datetime | None) -> str:
    return fmt.KOSONG if t is None else date_format(localtime(t, WIB), "j F Y H.i") + " WIB"


def awal_hari(t: date | None) -> datetime | None:
    return None if t is None else datetime.combine(t, jam(0), tzinfo=WIB)


def rentang_tanggal(mulai: date | None, sampai: date | None) -> str:
    """[mulai, sampai) as people read it: the last day inside, "semua data" when unbounded."""
    awal = tanggal(mulai) if mulai else _("awal data")
    akhir = tanggal(sampai - timedelta(days=1)) if sampai else _("data terakhir")
    return f"{awal} – {akhir}"


# Count tables as data ----------------------------------------------------------------------------


def tabel_json(t: TabelHitung) -> dict[str, Any]:
    """A count table as canonical JSON (for the data hash): every mapping as sorted pairs."""
    return {
        "unsur": {k: list(v) for k, v in sorted(t.unsur.items())},
        "skor": sorted([list(k), c] for k, c in t.skor.items()),
        "pola": sorted([list(k), c] for k, c in t.pola.items()),
        "harapan": {k: list(v) for k, v in sorted(t.harapan.items())},
    }


def baris_hitung_unsur(kelompok: Mapping[str, TabelHitung]) -> dict[str, Any]:
    """Answer counts per unsur and value, one row per unsur with a block of columns per group
    (value 1..4, respondents, NRR), for the annex."""
    baris = []
    for kode in KODE_UNSUR:
        sel: list[str] = []
        for t in kelompok.values():
            hitung = t.unsur.get(kode, (0, 0, 0, 0))
            n = sum(hitung)
            jumlah = sum(v * c for v, c in zip((1, 2, 3, 4), hitung, strict=True))
            sel += [fmt.bilangan(c) for c in hitung]
            sel += [fmt.bilangan(n), fmt.angka(jumlah / n) if n else fmt.KOSONG]
        baris.append({"unsur": fmt.judul_unsur(kode), "sel": sel})
    return {"kelompok": list(kelompok), "baris": baris}


# Respondents' profile ----------------------------------------------------------------------------


@dataclass
class BarisProfil:
    label: str
    sel: list[str] = field(default_factory=list)  # per column: "12 (30,0%)", "< 5" or "0"


@dataclass
class BagianProfil:
    judul: str
    baris: list[BarisProfil]


def _pilihan_profil() -> dict[str, list[tuple[str, str]]]:
    pilihan = {p.kode: [(k, _(label)) for k, label in p.pilihan] for p in PROFIL if p.pilihan}
    pilihan["usia"] = [(label, label) for label, _b, _a in KELOMPOK_USIA]
    return pilihan


def profil_tampil(kolom: Sequence[ProfilResponden]) -> list[BagianProfil]:
    """The profile tables, one column per group of respondents. Cells of 1 to 4 respondents
    are shown as "< 5", with the complementary cell hidden too (analitik.publik.sel_tersembunyi),
    because a report gets forwarded and must not single anybody out."""
    judul = {
        "jenis_kelamin": _("Jenis kelamin"),
        "usia": _("Usia (tahun)"),
        "pendidikan": _("Pendidikan"),
        "pekerjaan": _("Pekerjaan"),
    }
    bagian = []
    for kode, pilihan in _pilihan_profil().items():
        baris = [BarisProfil(label) for _k, label in pilihan] + [BarisProfil(_("Tidak diisi / lainnya"))]
        for p in kolom:
            hitung = p.hitung.get(kode, {})
            jumlah = [hitung.get(k, 0) for k, _label in pilihan]
            jumlah.append(max(p.n - sum(jumlah), 0))
            sembunyi = sel_tersembunyi(jumlah)
            for b, c, s in zip(baris, jumlah, sembunyi, strict=True):
                if s:
                    b.sel.append(_("< 5"))
                elif p.n:
                    b.sel.append(f"{fmt.bilangan(c)} ({fmt.persen(100 * c / p.n, 1)})")
                else:
                    b.sel.append(fmt.bilangan(c))
        bagian.append(BagianProfil(judul[kode], baris))
    return bagian


# Follow-up plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisRTL:
    kode: str
    judul: str
    nrr: str
    selisih: str
    alasan: str


def prioritas_rtl(
    nrr: Mapping[str, float | None],
    *,
    selisih: Mapping[str, float | None] | None = None,
    p_holm: Mapping[str, float | None] | None = None,
) -> list[BarisRTL]:
    """The unsur to act on, worst first. An unsur is listed when it worsened significantly
    (after Holm), when its NRR is below mutu B (3,0644: it pulls the unit under "Baik"), or
    when it is among the RTL_MINIMAL lowest; a decrease that is not significant is named in
    the reason but does not list an unsur on its own (it may be chance). Significant
    decreases come first (largest first), then the rest by NRR, lowest first. nrr is the
    latest NRR (1-4) per unsur."""
    selisih = selisih or {}
    p_holm = p_holm or {}
    ada = [k for k in KODE_UNSUR if nrr.get(k) is not None]
    terendah = sorted(ada, key=lambda k: (nrr[k], k))[:RTL_MINIMAL]
    pilih: list[tuple[int, float, str, str]] = []
    for k in ada:
        nilai = float(nrr[k])  # type: ignore[arg-type]
        s, p = selisih.get(k), p_holm.get(k)
        alasan: list[str] = []
        turun_bermakna = s is not None and s < 0 and p is not None and p < ALFA
        if turun_bermakna:
            alasan.append(_("turun bermakna"))
        elif s is not None and s < 0:
            alasan.append(_("turun, tidak bermakna"))
        if nilai < NRR_BATAS_BAIK:
            alasan.append(_("di bawah mutu B"))
        if k in terendah:
            alasan.append(_("nilai terendah"))
        if turun_bermakna or nilai < NRR_BATAS_BAIK or k in terendah:
            urutan = (0, float(s)) if turun_bermakna else (1, nilai)  # type: ignore[arg-type]
            pilih.append((*urutan, k, "; ".join(alasan)))
    pilih.sort()
    return [
        BarisRTL(
            kode=k,
            judul=fmt.judul_unsur(k),
            nrr=fmt.angka(nrr[k]),
            selisih=fmt.bertanda(selisih.get(k)) if selisih else fmt.KOSONG,
            alasan=alasan,
        )
        for _u, _n, k, alasan in pilih
    ]


# Annexes -----------------------------------------------------------------------------------------


def kuesioner_lampiran() -> dict[str, Any]:
    """The SKM questionnaire of PermenPANRB 14/2017 as the form asks it (annex order)."""
    unsur = [
        {
            "nomor": i,
            "kode": kode,
            "judul": _(UNSUR_PER_KODE[kode].judul),
            "teks": _(UNSUR_PER_KODE[kode].teks),
            "label": [_(x) for x in UNSUR_PER_KODE[kode].label],
        }
        for i, kode in enumerate(URUTAN_ANGKET, start=1)
    ]
    profil = [
        {"judul": _(p.judul), "teks": _(p.teks), "pilihan": [_(label) for _k, label in p.pilihan]}
        for p in PROFIL
    ]
    return {"unsur": unsur, "profil": profil, "label_harapan": [_(x) for x in LABEL_HARAPAN]}


def konteks_keaslian(laporan: Laporan, *, sha256: str, parameter: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "nomor": str(laporan.pk),
        "jenis": laporan.get_jenis_display(),
        "dihasilkan": waktu_lokal(laporan.dihasilkan),
        "versi": laporan.versi,
        "sha256_data": sha256,
        "url": laporan.url_verifikasi,
        "qr": qr_data_uri(laporan.url_verifikasi) if laporan.url_verifikasi else None,
        "parameter": teks_parameter(parameter),
    }


def teks_parameter(parameter: Mapping[str, Any]) -> list[tuple[str, str]]:
    label = {
        "jeda_bulan": _("Jeda transisi (bulan)"),
        "jendela_bulan": _("Jendela pengamatan per sisi (bulan)"),
        "bootstrap": _("Replikasi bootstrap"),
        "seed": _("Benih acak bootstrap"),
        "bobot_lama": _("Bobot unsur"),
        "bahasa": _("Bahasa"),
        "penataan": _("Penataan (id)"),
        "survei": _("Survei (kode)"),
        "unit": _("Unit layanan (id)"),
    }
    hasil = []
    for k in sorted(parameter):
        v = parameter[k]
        if k == "bobot_lama":
            teks = _("0,111 (bobot lama)") if v else _("1/9 (tepat)")
        elif v is None:
            teks = _("semua") if k == "jendela_bulan" else fmt.KOSONG
        else:
            teks = str(v)
        hasil.append((label.get(k, k), teks))
    return hasil


def bobot_teks(bobot_lama: bool) -> str:
    return (
        _("0,111 per unsur (bobot lama)")
        if bobot_lama
        else _("1/9 per unsur (%(b)s)") % {"b": fmt.angka(float(BOBOT_BAKU), 4)}
    )


def kinerja(teks: str | None) -> str:
    return _(teks) if teks else fmt.KOSONG


def gabung_nama(nama: Iterable[str]) -> str:
    daftar = list(nama)
    if not daftar:
        return fmt.KOSONG
    if len(daftar) == 1:
        return daftar[0]
    return _("%(awal)s dan %(akhir)s") % {"awal": ", ".join(daftar[:-1]), "akhir": daftar[-1]}
