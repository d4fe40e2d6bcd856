"""Synthetic SKM data for benchmarks/bench_analitik.py: one instansi, 20 units, 8 semesters,
one penataan (Unit A and Unit B merged into Unit C after the fourth semester), N responses.

The organisation, the surveys and the questionnaire go through the ORM (a few dozen rows);
the responses are written in bulk with raw SQL: COPY on PostgreSQL, executemany on SQLite, in
batches, never one ORM object per row. As every writer stores them, a response's nine unsur
answers are its columns u1..u9 (NULL = unanswered) next to their summaries pola_unsur,
jumlah_unsur and dijawab_unsur (survei.models.isian_unsur, here computed with numpy and
checked against isian_unsur on the first rows of every batch); the SKM questionnaire used
has no other question answered here, so no Jawaban row is written. Values are drawn with
numpy from a latent mean per unit and unsur with a common trend, so the analysis has
realistic ties, missing answers (paper forms) and thousands of distinct answer patterns.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

WIB = ZoneInfo("Asia/Jakarta")
SEMESTER: tuple[tuple[date, date], ...] = tuple(
    (date(tahun, bulan, 1), date(tahun + (bulan == 7), 1 if bulan == 7 else 7, 1))
    for tahun in (2021, 2022, 2023, 2024)
    for bulan in (1, 7)
)
EFEKTIF = SEMESTER[4][0]  # 1 January 2023
JUDUL_PENATAAN = "Penggabungan Unit A dan Unit B"
UNIT_TETAP = 17
UKURAN_BATCH = 50_000  # responses per batch
TREN_PER_SEMESTER = 0.03
# The merged unit answers U2 and U3 better (EFEK-like, as in survei.demo).
EFEK_C = {"U2": 0.3, "U3": 0.4}
DASAR = np.array([3.15, 3.05, 2.85, 3.45, 3.10, 3.15, 3.30, 2.80, 3.00])
PORSI_KERTAS = 0.15
KOSONG_KERTAS = np.array([0.1, 0.1, 0.1, 0.25, 0.1, 0.1, 0.1, 0.35, 0.1])


@dataclass(frozen=True)
class Skenario:
    instansi_slug: str
    penataan_slug: str
    penataan_id: int
    unit_a: int
    unit_b: int
    unit_c: int
    unit_tetap: tuple[int, ...]
    respons: int
    jawaban: int  # unsur answers (non-NULL u1..u9 values) over all responses


def _awal(tanggal: date) -> datetime:
    return datetime.combine(tanggal, time(0), tzinfo=WIB)


def _organisasi() -> tuple[Skenario, dict[int, int], list[tuple[int, list[int]]]]:
    """Instansi, units, penataan and one survey per semester; returns the scenario (without
    counts), the survey of each semester and, per semester, the active unit ids."""
    from django.utils.text import slugify

    from organisasi.models import Instansi, LinPenataan, Penataan, UnitLayanan
    from survei.models import Kuesioner, Survei, SurveiUnit
    from survei.skm import KODE_TEMPLATE_SKM

    instansi = Instansi.objects.create(nama="Kota Bench Analitik", slug="kota-bench-analitik")
    tetap = UnitLayanan.objects.bulk_create(
        UnitLayanan(instansi=instansi, nama=f"Unit {i:02d}", slug=f"unit-{i:02d}") for i in range(UNIT_TETAP)
    )
    a, b, c = (
        UnitLayanan.objects.create(instansi=instansi, nama=f"Unit {k}", slug=f"unit-{k.lower()}", **masa)
        for k, masa in (
            ("A", {"aktif_sampai": EFEKTIF - timedelta(days=1)}),
            ("B", {"aktif_sampai": EFEKTIF - timedelta(days=1)}),
            ("C", {"aktif_dari": EFEKTIF}),
        )
    )
    penataan = Penataan.objects.create(
        instansi=instansi, judul=JUDUL_PENATAAN, tanggal_efektif=EFEKTIF, dasar_hukum="Perda Kota Bench No. 1"
    )
    LinPenataan.objects.bulk_create(
        LinPenataan(penataan=penataan, jenis=LinPenataan.Jenis.PENGGABUNGAN, unit_asal=u, unit_hasil=c)
        for u in (a, b)
    )
    kuesioner = Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM)
    survei: dict[int, int] = {}
    aktif: list[tuple[int, list[int]]] = []
    for i, (mulai, selesai) in enumerate(SEMESTER):
        unit = [u.pk for u in tetap] + ([a.pk, b.pk] if mulai < EFEKTIF else [c.pk])
        s = Survei.objects.create(
            kuesioner=kuesioner,
            instansi=instansi,
            judul=f"SKM semester {i + 1}",
            kode=f"bench-{i + 1}",
            periode=f"Semester {i + 1}",
            mulai=mulai,
            selesai=selesai - timedelta(days=1),
            status=Survei.Status.DITUTUP,
        )
        SurveiUnit.objects.bulk_create(SurveiUnit(survei=s, unit_id=u, populasi=10_000) for u in unit)
        survei[i] = s.pk
        aktif.append((i, unit))
    skenario = Skenario(
        instansi_slug=instansi.slug,
        penataan_slug=slugify(penataan.judul),
        penataan_id=penataan.pk,
        unit_a=a.pk,
        unit_b=b.pk,
        unit_c=c.pk,
        unit_tetap=tuple(u.pk for u in tetap),
        respons=0,
        jawaban=0,
    )
    return skenario, survei, aktif


@dataclass
class _Batch:
    id: np.ndarray
    survei: int
    unit: np.ndarray
    waktu: list[str]
    sumber: np.ndarray  # True = paper
    nilai: np.ndarray  # (n, 9), 0 = unanswered


def _batches(
    n: int, sk: Skenario, survei: dict[int, int], aktif: list[tuple[int, list[int]]], rng: np.random.Generator
) -> Iterator[_Batch]:
    tingkat = {u: rng.normal(0, 0.12) for _, unit in aktif for u in unit}
    tingkat[sk.unit_c] = (tingkat[sk.unit_a] + tingkat[sk.unit_b]) / 2
    efek = np.zeros(9)
    for kode, besar in EFEK_C.items():
        efek[int(kode[1:]) - 1] = besar
    per_semester = np.full(len(SEMESTER), n // len(SEMESTER))
    per_semester[: n % len(SEMESTER)] += 1
    berikut = 1
    for (i, unit), jumlah in zip(aktif, per_semester, strict=True):
        mulai, sampai = (_awal(t).astimezone(UTC) for t in SEMESTER[i])
        detik = int((sampai - mulai).total_seconds())
        for awal in range(0, int(jumlah), UKURAN_BATCH):
            k = min(UKURAN_BATCH, int(jumlah) - awal)
            unit_r = np.asarray(unit)[rng.integers(0, len(unit), k)]
            laten = (
                DASAR
                + np.vectorize(tingkat.get)(unit_r)[:, None]
                + TREN_PER_SEMESTER * i
                + np.where(unit_r == sk.unit_c, 1.0, 0.0)[:, None] * efek
                + rng.normal(0, 0.3, (k, 1))
                + rng.normal(0, 0.5, (k, 9))
            )
            nilai = np.clip(np.floor(laten + 0.5), 1, 4).astype(np.int64)
            kertas = rng.random(k) < PORSI_KERTAS
            kosong = kertas[:, None] & (rng.random((k, 9)) < KOSONG_KERTAS)
            kosong[kosong.all(axis=1), 6] = False  # a paper form answers at least one unsur
            nilai[kosong] = 0
            offset = np.sort(rng.integers(0, detik, k))
            dasar = np.datetime64(mulai.replace(tzinfo=None), "s")
            waktu = np.datetime_as_string(dasar + offset.astype("timedelta64[s]"), unit="s")
            yield _Batch(
                id=np.arange(berikut, berikut + k),
                survei=survei[i],
                unit=unit_r,
                waktu=[w.replace("T", " ") for w in waktu.tolist()],
                sumber=kertas,
                nilai=nilai,
            )
            berikut += k


def _ringkasan(b: _Batch) -> tuple[list[int], list[int], list[int]]:
    """Respons.pola_unsur, jumlah_unsur and dijawab_unsur of the batch, as
    survei.models.isian_unsur computes them (checked on its first rows)."""
    from survei.models import BASIS_POLA, KODE_UNSUR, isian_unsur

    pangkat = BASIS_POLA ** np.arange(len(KODE_UNSUR), dtype=np.int64)
    ringkasan = (b.nilai @ pangkat).tolist(), b.nilai.sum(axis=1).tolist(), (b.nilai > 0).sum(axis=1).tolist()
    for i, nilai in enumerate(b.nilai[:20].tolist()):
        isian = isian_unsur({k: v for k, v in zip(KODE_UNSUR, nilai, strict=True) if v})
        assert (isian["pola_unsur"], isian["jumlah_unsur"], isian["dijawab_unsur"]) == tuple(
            r[i] for r in ringkasan
        )
    return ringkasan


def _kolom() -> str:
    """The survei_respons columns written, in the order of the rows below."""
    from survei.models import KOLOM_UNSUR

    kolom = ["id", "survei_id", "unit_id", "sumber", "waktu", "kunci", "dibuat", *KOLOM_UNSUR]
    return ", ".join([*kolom, "pola_unsur", "jumlah_unsur", "dijawab_unsur"])


def _baris(b: _Batch, dibuat: str) -> Iterator[tuple[Any, ...]]:
    """The batch's survei_respons rows, in the order of _kolom(); None for an unanswered unsur."""
    kolom = (b.id.tolist(), b.unit.tolist(), b.waktu, b.sumber.tolist(), b.nilai.tolist(), *_ringkasan(b))
    for rid, uid, w, kertas, u, pola, jumlah, dijawab in zip(*kolom, strict=True):
        sumber = "kertas" if kertas else "online"
        unsur = (v or None for v in u)
        yield (rid, b.survei, uid, sumber, w, f"b{rid}", dibuat, *unsur, pola, jumlah, dijawab)


def _tulis_postgresql(b: _Batch, dibuat: str) -> None:
    from django.db import connection

    respons = io.StringIO()
    for baris in _baris(b, dibuat):
        # COPY text format: \N for NULL, and the UTC offset on the time (column 5).
        teks = ["\\N" if v is None else str(v) for v in baris]
        teks[4] += "+00"
        respons.write("\t".join(teks) + "\n")
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY survei_respons ({_kolom()}) FROM STDIN") as copy,
    ):
        copy.write(respons.getvalue())


def _tulis_sqlite(b: _Batch, dibuat: str) -> None:
    from django.db import connection

    respons = list(_baris(b, dibuat))
    tanda = ", ".join(["?"] * len(respons[0])) if respons else ""
    with connection.cursor() as cursor:
        # The sqlite3 cursor itself: no per-row parameter conversion.
        cursor.cursor.executemany(f"INSERT INTO survei_respons ({_kolom()}) VALUES ({tanda})", respons)


def bangun(n: int, *, benih: int = 2017) -> Skenario:
    """Write the scenario with n responses; returns it with the counts."""
    from dataclasses import replace

    from django.db import connection, transaction

    rng = np.random.default_rng(benih)
    with transaction.atomic():
        sk, survei, aktif = _organisasi()
    tulis = _tulis_postgresql if connection.vendor == "postgresql" else _tulis_sqlite
    dibuat = "2025-01-01 00:00:00" + ("+00" if connection.vendor == "postgresql" else "")
    jawaban = 0
    for b in _batches(n, sk, survei, aktif, rng):
        with transaction.atomic():
            tulis(b, dibuat)
            jawaban += int((b.nilai > 0).sum())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('survei_respons', 'id'), %s)", [n])
            # As autovacuum would have by the time anyone analyses: statistics for the
            # planner and a visibility map for index-only scans.
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    return replace(sk, respons=n, jawaban=jawaban)
