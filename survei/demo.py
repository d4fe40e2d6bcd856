"""Demo SKM surveys and responses for the four demo cities (a step of `python manage.py demo`).

Every city gets one SKM survey per semester from Semester I 2023 to Semester II 2026 at the
units active in that semester; the past ones are closed, Semester II 2026 is open. Kota
Palembang uses the questionnaire with harapan (importance) items, so importance-performance
analysis has data.

The answers are drawn from a latent mean per unit and unsur that carries deliberate effects
around each penataan, written down in EFEK below: that table is what an evaluator (and the
analysis) should find. Every city also has a small common trend (TREN_PER_SEMESTER) shared by
all its units, so that a difference-in-differences estimate has something to subtract.

Deterministic: each (city, unit, semester) has its own random.Random seeded with a fixed
string, and nothing reads the clock (HARI_INI is the demo's "today"). Idempotent: surveys and
their units are found by natural key and written only when they differ; the responses of a
(survey, unit) are generated only when that survey has no demo response at that unit yet
(demo responses are recognised by their kunci, "demo-<survey kode>-<unit slug>-<n>").
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from organisasi.demo import AKUN_DEMO, INSTANSI_DEMO, DataInstansi, Hitungan, Keluaran, _simpan, masa_aktif
from organisasi.models import Instansi, Keanggotaan, Layanan, UnitLayanan

from .models import KODE_UNSUR, Jawaban, Kuesioner, Pertanyaan, Respons, Survei, SurveiUnit, isian_unsur
from .skm import KODE_TEMPLATE_SKM, KODE_TEMPLATE_SKM_HARAPAN

WIB = ZoneInfo("Asia/Jakarta")
# The demo's "today": the open semester has responses up to the day before.
HARI_INI = date(2026, 11, 22)
BATAS_RESPONS = HARI_INI - timedelta(days=1)
UKURAN_BATCH = 2000
AWALAN_KUNCI = "demo-"


# Periods --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Semester:
    tahun: int
    ke: int  # 1 or 2
    indeks: int  # 0 for Semester I 2023, counting up; the common trend is per semester

    @property
    def label(self) -> str:
        return f"Semester {'I' if self.ke == 1 else 'II'} {self.tahun}"

    @property
    def mulai(self) -> date:
        return date(self.tahun, 1 if self.ke == 1 else 7, 1)

    @property
    def selesai(self) -> date:
        return date(self.tahun, 6, 30) if self.ke == 1 else date(self.tahun, 12, 31)

    @property
    def terbuka(self) -> bool:
        return self.mulai <= HARI_INI <= self.selesai


SEMESTER: tuple[Semester, ...] = tuple(
    Semester(tahun, ke, 2 * (tahun - 2023) + ke - 1) for tahun in range(2023, 2027) for ke in (1, 2)
)


# What the analysis should find ----------------------------------------------------------------


@dataclass(frozen=True)
class KotaSurvei:
    instansi: str  # slug in organisasi.demo.INSTANSI_DEMO
    awalan: str  # survey codes: "<awalan>-<year>-s<1|2>"
    kuesioner: str
    tren_per_semester: float  # common trend of every unit's latent mean, per semester
    skala_populasi: float  # Palembang = 1; smaller cities have fewer service users


KOTA_SURVEI: tuple[KotaSurvei, ...] = (
    KotaSurvei("kota-palembang", "plg", KODE_TEMPLATE_SKM_HARAPAN, 0.03, 1.0),
    KotaSurvei("kota-serang", "srg", KODE_TEMPLATE_SKM, 0.025, 0.5),
    KotaSurvei("kota-sawahlunto", "swl", KODE_TEMPLATE_SKM, 0.02, 0.15),
    KotaSurvei("kota-tebing-tinggi", "tbt", KODE_TEMPLATE_SKM, 0.01, 0.25),
)

# Latent mean of every unsur at an average unit in Semester I 2023 (1-4 scale): fees are
# mostly free (U4 high), waiting time and complaint handling are the usual weak points.
DASAR_UNSUR: dict[str, float] = {
    "U1": 3.15,
    "U2": 3.05,
    "U3": 2.85,
    "U4": 3.45,
    "U5": 3.10,
    "U6": 3.15,
    "U7": 3.30,
    "U8": 2.80,
    "U9": 3.00,
}
# Latent importance (harapan) of every unsur, for the questionnaire with harapan: waiting time,
# competence, simple procedures and complaint handling matter most. With DASAR_UNSUR this puts
# U2, U3 and U8 in quadrant I ("prioritas utama": importance above the average importance,
# performance below the average performance) of an importance-performance analysis.
DASAR_HARAPAN: dict[str, float] = {
    "U1": 3.40,
    "U2": 3.45,
    "U3": 3.65,
    "U4": 3.20,
    "U5": 3.30,
    "U6": 3.50,
    "U7": 3.40,
    "U8": 3.45,
    "U9": 3.10,
}


@dataclass(frozen=True)
class CiriUnit:
    tingkat: float = 0.0  # added to every unsur
    unsur: tuple[tuple[str, float], ...] = ()  # added to some unsur only
    ramai: bool = False  # a busy front-line unit: more respondents


# Units not listed are average (0). A restructured unit's level equals the average of its
# predecessors' (or the split unit's), so that the before/after difference is EFEK plus the
# common trend, nothing else.
CIRI_UNIT: dict[tuple[str, str], CiriUnit] = {
    ("kota-palembang", "disdukcapil"): CiriUnit(0.15, (("U4", 0.4),), ramai=True),
    ("kota-palembang", "dpmptsp"): CiriUnit(0.2, ramai=True),
    ("kota-palembang", "puskesmas-dempo"): CiriUnit(0.1, ramai=True),
    ("kota-palembang", "rsud-bari"): CiriUnit(-0.15, (("U3", -0.2), ("U9", -0.1)), ramai=True),
    ("kota-palembang", "kecamatan-ilir-timur-i"): CiriUnit(0.05),
    ("kota-palembang", "dishub"): CiriUnit(-0.1),
    ("kota-palembang", "disperin"): CiriUnit(-0.05),
    ("kota-palembang", "disdag"): CiriUnit(-0.15),
    ("kota-palembang", "disperindag"): CiriUnit(-0.10),
    ("kota-serang", "disdukcapil"): CiriUnit(0.1, (("U4", 0.4),), ramai=True),
    ("kota-serang", "dpmptsp"): CiriUnit(0.1, ramai=True),
    ("kota-serang", "dinkes-2017-2024"): CiriUnit(-0.05),
    ("kota-serang", "dinkes"): CiriUnit(-0.05),
    ("kota-serang", "uptd-labkesda"): CiriUnit(-0.05),
    ("kota-serang", "puskesmas-serang-kota"): CiriUnit(0.05, ramai=True),
    ("kota-serang", "puskesmas-ciracas"): CiriUnit(0.0, ramai=True),
    ("kota-serang", "rsud-kota-serang"): CiriUnit(-0.2, (("U3", -0.2),), ramai=True),
    ("kota-serang", "dishub"): CiriUnit(-0.1),
    ("kota-sawahlunto", "disdukcapil"): CiriUnit(0.2, (("U4", 0.4),), ramai=True),
    ("kota-sawahlunto", "dpmptsp"): CiriUnit(0.1),
    ("kota-sawahlunto", "puskesmas-silungkang"): CiriUnit(0.15, ramai=True),
    ("kota-sawahlunto", "rsud-sawahlunto"): CiriUnit(-0.05, ramai=True),
    ("kota-sawahlunto", "kecamatan-talawi"): CiriUnit(0.1),
    ("kota-sawahlunto", "inspektorat"): CiriUnit(0.0, (("U8", 0.2),)),
    # The complaint unit is new (no "before"); handling complaints is its job.
    ("kota-sawahlunto", "ulpm"): CiriUnit(0.05, (("U8", 0.5),)),
    ("kota-tebing-tinggi", "disdukcapil"): CiriUnit(0.05, (("U4", 0.4),), ramai=True),
    ("kota-tebing-tinggi", "puskesmas-rantau-laban"): CiriUnit(0.05, ramai=True),
    ("kota-tebing-tinggi", "rsud-kumpulan-pane"): CiriUnit(-0.2, (("U9", -0.2),), ramai=True),
    ("kota-tebing-tinggi", "dpppa"): CiriUnit(0.06),
    ("kota-tebing-tinggi", "dppkb"): CiriUnit(-0.06),
    ("kota-tebing-tinggi", "dp3appkb"): CiriUnit(0.0),
}


@dataclass(frozen=True)
class Efek:
    """A shift of the latent mean (1-4 scale) of some unsur at some units, for responses dated
    from `dari` to `sampai` (inclusive; None = for good). With `penuh`, the shift grows
    linearly from 0 on `dari` to `besar` on `penuh` (an effect that takes time to build)."""

    instansi: str
    unit: tuple[str, ...]
    unsur: tuple[str, ...]
    besar: float
    dari: date
    sampai: date | None = None
    penuh: date | None = None
    catatan: str = ""

    def pada(self, tanggal: date) -> float:
        if tanggal < self.dari or (self.sampai is not None and tanggal > self.sampai):
            return 0.0
        if self.penuh is not None and tanggal < self.penuh:
            return self.besar * (tanggal - self.dari).days / (self.penuh - self.dari).days
        return self.besar


# The intended effects, on top of CIRI_UNIT and the common trend. An evaluator comparing a
# restructured unit with its predecessors (organisasi.selectors.unit_sebelum) and with the
# untouched units (unit_tidak_ditata) should find these, and nothing else.
EFEK: tuple[Efek, ...] = (
    Efek(
        "kota-palembang",
        ("disperindag",),
        ("U2",),
        0.35,
        date(2024, 7, 1),
        catatan="Satu loket untuk izin IKM, tera dan pasar: prosedur lebih mudah setelah penggabungan.",
    ),
    Efek(
        "kota-palembang",
        ("disperindag",),
        ("U3",),
        0.45,
        date(2024, 7, 1),
        catatan="Berkas tidak lagi berpindah antardinas: penyelesaian lebih cepat.",
    ),
    Efek(
        "kota-palembang",
        ("disperindag",),
        ("U8",),
        -0.5,
        date(2024, 7, 1),
        sampai=date(2024, 12, 31),
        catatan=(
            "Kanal pengaduan kedua dinas lama ditutup sebelum kanal dinas baru siap: U8 turun "
            "selama Semester II 2024 saja, lalu kembali ke tingkat semula."
        ),
    ),
    Efek(
        "kota-serang",
        ("dinkes", "uptd-labkesda"),
        ("U3",),
        0.4,
        date(2025, 1, 1),
        catatan="Pemeriksaan laboratorium punya unit sendiri: antrean di kedua unit lebih pendek.",
    ),
    Efek(
        "kota-serang",
        ("uptd-labkesda",),
        ("U9",),
        0.45,
        date(2025, 1, 1),
        catatan="UPTD Labkesda menempati gedung dan peralatan baru.",
    ),
    Efek(
        "kota-serang",
        ("dinkes",),
        ("U9",),
        0.2,
        date(2025, 1, 1),
        catatan="Ruang pelayanan Dinas Kesehatan lega setelah laboratorium pindah.",
    ),
    Efek(
        "kota-sawahlunto",
        ("disdukcapil", "dpmptsp", "dinkes", "dinsos", "kecamatan-talawi"),
        ("U8",),
        0.45,
        date(2025, 3, 1),
        penuh=date(2025, 12, 31),
        catatan=(
            "Pengaduan unit-unit ini kini ditangani ULPM; perbaikan U8 tumbuh bertahap sampai "
            "akhir 2025. Puskesmas dan RSUD tetap memakai meja pengaduannya sendiri (pembanding)."
        ),
    ),
    Efek(
        "kota-tebing-tinggi",
        ("dp3appkb",),
        KODE_UNSUR,
        0.0,
        date(2024, 10, 1),
        catatan=(
            "Efek nol: penggabungan DPPPA dan DPPKB tidak mengubah mutu layanan. Analisis harus "
            "menyimpulkan 'tidak ada perubahan bermakna'."
        ),
    ),
)

# Answer noise: a respondent's own leniency shared by all his answers, plus noise per answer.
SD_RESPONDEN = 0.3
SD_JAWABAN = 0.5


# Respondents ----------------------------------------------------------------------------------

PENDIDIKAN = (("SD", 8), ("SMP", 12), ("SMA", 42), ("D1-D3", 10), ("S1", 23), ("S2", 4), ("S3", 1))
PEKERJAAN = (("PNS", 12), ("TNI", 2), ("POLRI", 2), ("Swasta", 30), ("Wirausaha", 28), ("Lainnya", 26))
# Chance that a respondent leaves one profile item empty (all are optional).
KOSONG_PROFIL = {"jenis_kelamin": 0.06, "usia": 0.14, "pendidikan": 0.1, "pekerjaan": 0.1}
# On paper some unsur are left empty (the online form and kiosk require them): the complaint
# and fee items most often, by citizens who never complained or paid nothing.
KOSONG_UNSUR_KERTAS = {"U4": 0.25, "U8": 0.35}
KOSONG_UNSUR_KERTAS_LAIN = 0.1


def _pilih_berbobot(rng: random.Random, pilihan: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in pilihan], weights=[b for _, b in pilihan])[0]


def _skala4(x: float) -> int:
    return min(4, max(1, math.floor(x + 0.5)))


# Building -------------------------------------------------------------------------------------


@dataclass
class Rencana:
    """Everything about one unit in one semester that is not a response."""

    kota: KotaSurvei
    semester: Semester
    unit: UnitLayanan
    awal: date  # first and last day responses may carry
    akhir: date


def _rng(kota: KotaSurvei, unit_slug: str, semester: Semester) -> random.Random:
    # A str seed is hashed with SHA-512 by random.seed(version=2): stable across processes.
    # Demo data, not secrets: a reproducible generator is the point.
    return random.Random(  # noqa: S311
        f"tilik-demo/{kota.instansi}/{unit_slug}/{semester.tahun}-{semester.ke}"
    )


def _populasi(rng: random.Random, kota: KotaSurvei, unit: UnitLayanan, porsi_waktu: float) -> int:
    dasar = {
        UnitLayanan.Jenis.RSUD: 45_000,
        UnitLayanan.Jenis.PUSKESMAS: 20_000,
        UnitLayanan.Jenis.KECAMATAN: 9_000,
    }.get(UnitLayanan.Jenis(unit.jenis), 6_000)
    if unit.slug == "disdukcapil":
        dasar = 60_000
    elif unit.slug == "dpmptsp":
        dasar = 15_000
    nilai = dasar * kota.skala_populasi * porsi_waktu * rng.uniform(0.8, 1.2)
    return max(2_000, round(nilai / 100) * 100)


def _jumlah_respons(rng: random.Random, ciri: CiriUnit, porsi_waktu: float) -> int:
    n = rng.randint(65, 120) if ciri.ramai else rng.randint(40, 75)
    return max(40, round(n * porsi_waktu))


def _tanggal(rng: random.Random, awal: date, akhir: date, *, hari_kerja: bool) -> date:
    rentang = (akhir - awal).days
    while True:
        tanggal = awal + timedelta(days=rng.randint(0, rentang))
        if not hari_kerja or tanggal.weekday() < 5 or rentang < 7:
            return tanggal


def _mean_laten(rencana: Rencana, ciri: CiriUnit, kode: str, tanggal: date) -> float:
    nilai = DASAR_UNSUR[kode] + ciri.tingkat + dict(ciri.unsur).get(kode, 0.0)
    nilai += rencana.kota.tren_per_semester * rencana.semester.indeks
    for efek in EFEK:
        if efek.instansi == rencana.kota.instansi and rencana.unit.slug in efek.unit and kode in efek.unsur:
            nilai += efek.pada(tanggal)
    return nilai


@dataclass(frozen=True)
class ResponsDemo:
    waktu: datetime
    sumber: str
    layanan_id: int | None
    jawaban: tuple[tuple[str, int | None, str | None], ...]  # (question code, nilai, teks)


def _buat_respons(
    rng: random.Random,
    rencana: Rencana,
    *,
    n: int,
    layanan: list[Layanan],
    dengan_harapan: bool,
) -> list[ResponsDemo]:
    ciri = CIRI_UNIT.get((rencana.kota.instansi, rencana.unit.slug), CiriUnit())
    porsi_kertas = (
        0.25 if rencana.unit.jenis in (UnitLayanan.Jenis.PUSKESMAS, UnitLayanan.Jenis.KECAMATAN) else 0.1
    )
    hasil: list[ResponsDemo] = []
    for _ in range(n):
        r = rng.random()
        sumber = (
            Respons.Sumber.KERTAS
            if r < porsi_kertas
            else Respons.Sumber.KIOS
            if r < porsi_kertas + 0.17
            else Respons.Sumber.ONLINE
        )
        online = sumber == Respons.Sumber.ONLINE
        tanggal = _tanggal(rng, rencana.awal, rencana.akhir, hari_kerja=not online)
        jam = time(
            rng.randint(6, 21) if online else rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59)
        )
        waktu = datetime.combine(tanggal, jam, tzinfo=WIB)

        jawaban: list[tuple[str, int | None, str | None]] = []
        leniensi = rng.gauss(0, SD_RESPONDEN)
        for kode in KODE_UNSUR:
            nilai = _skala4(_mean_laten(rencana, ciri, kode, tanggal) + leniensi + rng.gauss(0, SD_JAWABAN))
            kosong = KOSONG_UNSUR_KERTAS.get(kode, KOSONG_UNSUR_KERTAS_LAIN)
            if sumber == Respons.Sumber.KERTAS and rng.random() < kosong:
                continue
            jawaban.append((kode, nilai, None))
        if not jawaban:  # a paper form must answer at least one unsur
            jawaban.append(("U7", _skala4(DASAR_UNSUR["U7"] + leniensi), None))
        if dengan_harapan and rng.random() > 0.08:
            penting = rng.gauss(0, SD_RESPONDEN)
            for kode in KODE_UNSUR:
                nilai = _skala4(DASAR_HARAPAN[kode] + penting + rng.gauss(0, 0.45))
                if rng.random() > 0.05:
                    jawaban.append(("H" + kode[1:], nilai, None))
        if rng.random() > 0.05:  # a few skip the whole profile
            if rng.random() > KOSONG_PROFIL["jenis_kelamin"]:
                perempuan = 0.65 if rencana.unit.jenis == UnitLayanan.Jenis.PUSKESMAS else 0.5
                jawaban.append(("jenis_kelamin", None, "P" if rng.random() < perempuan else "L"))
            if rng.random() > KOSONG_PROFIL["usia"]:
                jawaban.append(("usia", min(80, max(17, round(rng.gauss(38, 12)))), None))
            if rng.random() > KOSONG_PROFIL["pendidikan"]:
                jawaban.append(("pendidikan", None, _pilih_berbobot(rng, PENDIDIKAN)))
            if rng.random() > KOSONG_PROFIL["pekerjaan"]:
                jawaban.append(("pekerjaan", None, _pilih_berbobot(rng, PEKERJAAN)))
        hasil.append(
            ResponsDemo(
                waktu=waktu,
                sumber=sumber,
                layanan_id=rng.choice(layanan).pk if layanan else None,
                jawaban=tuple(jawaban),
            )
        )
    hasil.sort(key=lambda x: x.waktu)
    return hasil


def _rencana_kota(
    kota: KotaSurvei, data: DataInstansi
) -> Iterator[tuple[Semester, list[tuple[str, date, date]]]]:
    """Per semester, the demo units active in it with the first and last day they serve in it
    (the open semester included: its survey covers the whole semester)."""
    masa = masa_aktif(data)
    for semester in SEMESTER:
        unit = []
        for u in data.unit:
            dari, sampai = masa[u.slug]
            awal = max(semester.mulai, dari)
            akhir = min(semester.selesai, sampai or semester.selesai)
            if awal <= akhir:
                unit.append((u.slug, awal, akhir))
        yield semester, unit


def _isi_kota(kota: KotaSurvei, hitung: Hitungan) -> int:
    """Surveys, their units and (where missing) responses of one city; returns how many
    responses were created."""
    data = next(d for d in INSTANSI_DEMO if d.slug == kota.instansi)
    instansi = Instansi.objects.get(slug=kota.instansi)
    kuesioner = Kuesioner.objects.get(kode=kota.kuesioner)
    pertanyaan = {p.kode: p for p in Pertanyaan.objects.filter(kuesioner=kuesioner)}
    dengan_harapan = any(p.kelompok == Pertanyaan.Kelompok.HARAPAN for p in pertanyaan.values())
    unit_per_slug = {u.slug: u for u in UnitLayanan.objects.filter(instansi=instansi)}
    layanan_per_unit: dict[int, list[Layanan]] = {}
    for layanan in Layanan.objects.filter(unit__instansi=instansi).order_by("unit_id", "nama"):
        layanan_per_unit.setdefault(layanan.unit_id, []).append(layanan)
    # A paper form at a unit with a demo petugas is keyed in by him: the accounts of
    # organisasi.demo, which runs first, not those later demo steps add (the forum's), so that
    # running the demo again writes the same responses.
    petugas = dict(
        Keanggotaan.objects.filter(
            instansi=instansi,
            peran=Keanggotaan.Peran.PETUGAS,
            pengguna__email__in=[a.email for a in AKUN_DEMO],
        )
        .order_by("pengguna__email")
        .values_list("unit_id", "pengguna_id")
    )

    dibuat = 0
    for semester, daftar_unit in _rencana_kota(kota, data):
        status = Survei.Status.TERBUKA if semester.terbuka else Survei.Status.DITUTUP
        survei = _simpan(
            Survei,
            kunci={"kode": f"{kota.awalan}-{semester.tahun}-s{semester.ke}"},
            nilai={
                "kuesioner": kuesioner,
                "instansi": instansi,
                "judul": f"Survei Kepuasan Masyarakat {instansi.nama} {semester.label}",
                "periode": semester.label,
                "mulai": semester.mulai,
                "selesai": semester.selesai,
                "status": status,
                "dibuka_pada": datetime.combine(semester.mulai, time(8), tzinfo=WIB),
                "ditutup_pada": (
                    None
                    if semester.terbuka
                    else datetime.combine(semester.selesai + timedelta(days=1), time(8), tzinfo=WIB)
                ),
            },
            hitung=hitung,
        )
        sudah = set(
            Respons.objects.filter(survei=survei, kunci__startswith=AWALAN_KUNCI)
            .values_list("unit_id", flat=True)
            .distinct()
        )
        baru: list[tuple[Rencana, list[ResponsDemo]]] = []
        hari_semester = (semester.selesai - semester.mulai).days + 1
        for slug, awal, akhir_aktif in daftar_unit:
            unit = unit_per_slug[slug]
            rng = _rng(kota, slug, semester)
            # The population is the whole period's; respondents so far only up to BATAS_RESPONS.
            _simpan(
                SurveiUnit,
                kunci={"survei": survei, "unit": unit},
                nilai={
                    "populasi": _populasi(rng, kota, unit, ((akhir_aktif - awal).days + 1) / hari_semester)
                },
                hitung=hitung,
            )
            akhir = min(akhir_aktif, BATAS_RESPONS)
            if unit.pk in sudah or akhir < awal:
                continue
            ciri = CIRI_UNIT.get((kota.instansi, slug), CiriUnit())
            rencana = Rencana(kota, semester, unit, awal, akhir)
            n = _jumlah_respons(rng, ciri, ((akhir - awal).days + 1) / hari_semester)
            baru.append(
                (
                    rencana,
                    _buat_respons(
                        rng,
                        rencana,
                        n=n,
                        layanan=layanan_per_unit.get(unit.pk, []),
                        dengan_harapan=dengan_harapan,
                    ),
                )
            )
        dibuat += _simpan_respons(survei, baru, pertanyaan=pertanyaan, petugas=petugas)
    return dibuat


def _simpan_respons(
    survei: Survei,
    baru: list[tuple[Rencana, list[ResponsDemo]]],
    *,
    pertanyaan: dict[str, Pertanyaan],
    petugas: dict[int, int],
) -> int:
    """bulk_create the responses (with their unsur answers), then their other answers. Bypasses
    respons_simpan() (thousands of rows in one go) but builds only rows it would accept: values
    within each question's scale or choices, jenis copied from the question, a unique kunci per
    survey."""
    respons: list[Respons] = []
    isi: list[list[tuple[str, int | None, str | None]]] = []
    for rencana, daftar in baru:
        for i, r in enumerate(daftar, start=1):
            kunci = f"{AWALAN_KUNCI}{survei.kode}-{rencana.unit.slug}-{i:03d}"
            assert len(kunci) <= 64, kunci
            unsur = isian_unsur(
                {
                    pertanyaan[kode].unsur: nilai
                    for kode, nilai, _teks in r.jawaban
                    if pertanyaan[kode].kelompok == Pertanyaan.Kelompok.UNSUR
                }
            )
            respons.append(
                Respons(
                    survei=survei,
                    unit=rencana.unit,
                    layanan_id=r.layanan_id,
                    sumber=r.sumber,
                    waktu=r.waktu,
                    kunci=kunci,
                    dientri_oleh_id=petugas.get(rencana.unit.pk)
                    if r.sumber == Respons.Sumber.KERTAS
                    else None,
                    **unsur,
                )
            )
            isi.append([j for j in r.jawaban if pertanyaan[j[0]].kelompok != Pertanyaan.Kelompok.UNSUR])
    if not respons:
        return 0
    Respons.objects.bulk_create(respons, batch_size=UKURAN_BATCH)
    if any(r.pk is None for r in respons):  # a backend that does not return ids from bulk inserts
        pk = dict(Respons.objects.filter(survei=survei).values_list("kunci", "pk"))
        for baris in respons:
            baris.pk = pk[baris.kunci]
    jawaban = [
        Jawaban(
            respons_id=r.pk,
            pertanyaan_id=pertanyaan[kode].pk,
            jenis=pertanyaan[kode].jenis,
            nilai=nilai,
            teks=teks,
        )
        for r, daftar in zip(respons, isi, strict=True)
        for kode, nilai, teks in daftar
    ]
    Jawaban.objects.bulk_create(jawaban, batch_size=UKURAN_BATCH)
    return len(respons)


def isi(*, keluaran: Keluaran) -> None:
    """Write the demo surveys and responses (after organisasi.demo.isi), then print a summary."""
    hitung = Hitungan()
    with transaction.atomic():
        respons_baru = sum(_isi_kota(kota, hitung) for kota in KOTA_SURVEI)
    keluaran.write(
        f"Survei demo: {hitung.dibuat} baris survei dibuat, {hitung.diperbarui} diperbarui, "
        f"{respons_baru} respons baru.\n"
    )
    for kota in KOTA_SURVEI:
        survei = Survei.objects.filter(instansi__slug=kota.instansi, kode__startswith=f"{kota.awalan}-")
        jumlah = Respons.objects.filter(survei__in=survei, kunci__startswith=AWALAN_KUNCI).count()
        keluaran.write(
            f"  {kota.instansi}: {survei.count()} survei ({SEMESTER[0].label} - {SEMESTER[-1].label}), "
            f"{jumlah} respons demo\n"
        )
