"""The complete before/after analysis of a penataan against the naive path and one SQL scan.

Generates N responses (--respons, default 100 000) over 20 units and 8 semesters with one
penataan (benchmarks/_analitik_data.py), then times, on PostgreSQL and on SQLite:
  analisis  analitik.penataan.banding_penataan(): every resulting unit, all unsur, all tests,
            the difference-in-differences and the interrupted time series; also split into
            data (the GROUP BY queries, analitik.penataan.data_penataan) and statistik (the
            statistics on the count tables alone, analitik.penataan.analisis_penataan, with
            the default automatic bootstrap and, as detik_statistik_bootstrap_tepat, with
            the exact multinomial resampling forced, whose cost grows with the number of
            distinct answer patterns);
  naif      the same figures from ORM rows (one per response, its u1..u9) -> pandas ->
            scipy/statsmodels on raw arrays (benchmarks/_analitik_naif.py);
  pindai    one SQL scan of the same answers: the number and the sum of the unsur answers
            (COUNT and SUM of each of u1..u9) of the responses of the analysed units
            (restructured and comparison) within the two windows. (The analysis itself reads
            no answer: each response carries its answer pattern, sum and count, written with
            it, and the counts are one GROUP BY over those, read from an index.)
and prints one JSON line per database ("jawaban": unsur answers written, "jawaban_dipindai":
those the scan counted):
  {"db", "respons", "detik_analisis", "detik_naif", "detik_pindai", "detik_statistik", ...}
Timings are medians over --ulang runs after a warm-up (the naive path runs once when N is
large). Goals, reported only: at N = 1 000 000 the analysis at least 20x faster than naive and
at most 3x one scan; the statistics step under 50 ms whatever N.

PostgreSQL: its own database tilik_bench_analitik on BENCH_PG_URL (default
postgres://postgres@127.0.0.1:5432/postgres), created and dropped here; when the server is
not reachable a SKIP line is printed. SQLite: a file in a temporary folder, removed at the end.

    .venv/bin/python benchmarks/bench_analitik.py                       (both, N = 100 000)
    .venv/bin/python benchmarks/bench_analitik.py --respons 1000000 --db sqlite
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
NAMA_DB = "tilik_bench_analitik"
T = TypeVar("T")
JEDA_BULAN = 0


# Databases -------------------------------------------------------------------------------------


def _url_db(nama: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(PG_URL)._replace(path=f"/{nama}"))


def _admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _pg_terjangkau() -> str | None:
    import psycopg

    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        return str(e).strip().splitlines()[0]
    return None


# Timing ------------------------------------------------------------------------------------------


def _ukur(fungsi: Callable[[], T], *, ulang: int, pemanasan: bool = True) -> tuple[float, T]:
    """Median wall time in seconds over ulang runs (after one warm-up run unless told not to),
    and the result of the last run."""
    if pemanasan:
        fungsi()
    waktu = []
    for _ in range(ulang - 1):
        mulai = time.perf_counter()
        fungsi()
        waktu.append(time.perf_counter() - mulai)
    mulai = time.perf_counter()
    hasil = fungsi()
    waktu.append(time.perf_counter() - mulai)
    return statistics.median(waktu), hasil


def _periksa_sama(analisis: dict[str, Any], naif: dict[str, Any]) -> float:
    """Largest absolute difference between the two paths over the per-unsur differences,
    Welch t and p, Mann-Whitney U and the IKM difference: the paths must agree."""
    beda = 0.0
    for nama, n in naif["unit"].items():
        a = analisis["unit"][nama]
        for k, u in n["unsur"].items():
            x = a["unsur"][k]
            beda = max(
                beda,
                abs(x["selisih"] - u["selisih"]),
                abs(x["welch"]["t"] - u["welch"][0]),
                abs(x["welch"]["p"] - u["welch"][1]),
                abs(x["mann_whitney"]["u"] - u["u"][0]) / max(1.0, u["u"][0]),
                abs(x["p_holm"] - u["p_holm"]),
            )
        beda = max(beda, abs(a["ikm"]["selisih"] - n["ikm"]["selisih"]))
    return beda


def jalankan(db: str, n: int, ulang: int) -> int:
    """One database: build, measure, print the JSON line, clean up."""
    sementara = None
    if db == "postgresql":
        alasan = _pg_terjangkau()
        if alasan is not None:
            print(
                f"SKIP bench_analitik postgresql: PostgreSQL not reachable at {PG_URL} ({alasan})", flush=True
            )
            return 0
        # A leftover from an interrupted run is ours (the name is this benchmark's own).
        _admin_sql(f'DROP DATABASE IF EXISTS "{NAMA_DB}" WITH (FORCE)')
        _admin_sql(f'CREATE DATABASE "{NAMA_DB}"')
        os.environ["DATABASE_URL"] = _url_db(NAMA_DB)
        os.environ["CONN_MAX_AGE"] = "0"
    else:
        sementara = tempfile.mkdtemp(prefix="tilik-bench-analitik-")
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(Path(sementara) / "bench.sqlite3")
    try:
        return _ukur_db(db, n, ulang)
    finally:
        from django.db import connections

        connections.close_all()
        if db == "postgresql":
            _admin_sql(f'DROP DATABASE IF EXISTS "{NAMA_DB}" WITH (FORCE)')
        if sementara is not None:
            shutil.rmtree(sementara, ignore_errors=True)


def _ukur_db(db: str, n: int, ulang: int) -> int:
    sys.path[:0] = [str(ROOT), str(HERE)]
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from _analitik_data import bangun
    from _analitik_naif import analisis_naif
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Sum
    from django.test.utils import CaptureQueriesContext

    from analitik.penataan import (
        _awal_hari,
        analisis_penataan,
        banding_penataan,
        data_penataan,
        penataan_cari,
    )
    from survei.models import KOLOM_UNSUR, Respons

    call_command("migrate", verbosity=0)
    mulai = time.perf_counter()
    sk = bangun(n)
    detik_muat = time.perf_counter() - mulai

    def analisis() -> dict[str, Any]:
        return banding_penataan(
            penataan_slug=sk.penataan_slug, instansi_slug=sk.instansi_slug, jeda_bulan=JEDA_BULAN
        )

    penataan = penataan_cari(penataan_slug=sk.penataan_slug, instansi_slug=sk.instansi_slug)
    data = data_penataan(penataan=penataan, jeda_bulan=JEDA_BULAN)
    batas_bawah, batas_atas = data.jendela.sebelum_mulai, data.jendela.sesudah_sampai
    assert batas_bawah is not None and batas_atas is not None
    unit_ids = [sk.unit_a, sk.unit_b, sk.unit_c, *[k.unit.pk for k in data.pembanding]]

    def pindai() -> tuple[int, int]:
        q = Respons.objects.filter(
            unit_id__in=unit_ids,
            waktu__gte=_awal_hari(batas_bawah),
            waktu__lt=_awal_hari(batas_atas),
        ).aggregate(
            **{f"n_{k}": Count(k) for k in KOLOM_UNSUR}, **{f"jumlah_{k}": Sum(k) for k in KOLOM_UNSUR}
        )
        return (
            sum(int(q[f"n_{k}"]) for k in KOLOM_UNSUR),
            sum(int(q[f"jumlah_{k}"] or 0) for k in KOLOM_UNSUR),
        )

    detik_pindai, (n_pindai, _jumlah) = _ukur(pindai, ulang=ulang)
    with CaptureQueriesContext(connection) as kueri:
        analisis()
    n_kueri = len(kueri)
    detik_analisis, hasil = _ukur(analisis, ulang=ulang)
    detik_data, _ = _ukur(lambda: data_penataan(penataan=penataan, jeda_bulan=JEDA_BULAN), ulang=ulang)
    detik_statistik, _ = _ukur(lambda: analisis_penataan(data), ulang=max(ulang, 5))
    # The same step with the exact multinomial resampling forced (analitik.statistik.bootstrap):
    # what "otomatis" avoids once the pattern table is large.
    detik_statistik_tepat, _ = _ukur(
        lambda: analisis_penataan(data, metode_bootstrap="multinomial"), ulang=max(ulang, 3)
    )
    metode = {nama: u.get("bootstrap_metode") for nama, u in hasil["unit"].items()}
    ulang_naif = 1 if n >= 300_000 else ulang
    detik_naif, naif = _ukur(
        lambda: analisis_naif(penataan_id=sk.penataan_id, jeda_bulan=JEDA_BULAN),
        ulang=ulang_naif,
        pemanasan=n < 300_000,
    )
    beda = _periksa_sama(hasil, naif)
    pola = {k: (len(d.sebelum.pola), len(d.sesudah.pola)) for k, d in zip("C", data.unit, strict=True)}
    baris = {
        "db": db,
        "respons": sk.respons,
        "detik_analisis": round(detik_analisis, 4),
        "detik_naif": round(detik_naif, 4),
        "detik_pindai": round(detik_pindai, 4),
        "detik_statistik": round(detik_statistik, 4),
        "detik_statistik_bootstrap_tepat": round(detik_statistik_tepat, 4),
        "bootstrap_metode": metode,
        "detik_data": round(detik_data, 4),
        "naif_per_analisis": round(detik_naif / detik_analisis, 1),
        "analisis_per_pindai": round(detik_analisis / detik_pindai, 2),
        "jawaban": sk.jawaban,
        "jawaban_dipindai": n_pindai,
        "kueri_analisis": n_kueri,
        "pola_sebelum_sesudah": pola["C"],
        "beda_maks_naif": beda,
        "detik_muat": round(detik_muat, 1),
        "ulang": ulang,
        "ulang_naif": ulang_naif,
    }
    print(json.dumps(baris), flush=True)
    sasaran = [
        ("analisis >= 20x lebih cepat dari naif", detik_naif / detik_analisis >= 20),
        ("analisis <= 3x satu pindai", detik_analisis <= 3 * detik_pindai),
        ("langkah statistik < 50 ms", detik_statistik < 0.05),
        ("hasil sama dengan jalur naif (beda <= 1e-6)", beda <= 1e-6),
    ]
    print(
        f"   {db}, N = {sk.respons}: "
        + "; ".join(f"{nama}: {'ya' if ok else 'TIDAK'}" for nama, ok in sasaran)
        + " (sasaran 20x / 3x berlaku pada N = 1 000 000)",
        flush=True,
    )
    return 0 if beda <= 1e-6 else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--respons", type=int, default=100_000, help="number of responses (default 100000)")
    parser.add_argument("--db", choices=["postgresql", "sqlite", "semua"], default="semua")
    parser.add_argument("--ulang", type=int, default=3, help="timed runs per measurement (median)")
    args = parser.parse_args()
    if args.respons < len("12345678"):
        parser.error("--respons must be at least 8 (one per semester)")
    if args.db != "semua":
        return jalankan(args.db, args.respons, args.ulang)
    # One process per database: Django's settings are read once per process.
    gagal = 0
    for db in ("postgresql", "sqlite"):
        perintah = [sys.executable, str(Path(__file__).resolve()), "--db", db]
        perintah += ["--respons", str(args.respons), "--ulang", str(args.ulang)]
        gagal += subprocess.run(perintah, cwd=ROOT, check=False).returncode != 0
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
