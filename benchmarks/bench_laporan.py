"""The evaluation report (laporan) of the largest demo penataan: time and peak memory.

Loads the demo data (`manage.py demo`) into a throw-away SQLite database, picks the penataan
whose restructured units have the most responses, then makes its evaluation report in a fresh
child process (so that the memory of loading the demo does not hide the report's own peak),
step by step as the background task does:

  data      the database queries (analitik.penataan.data_penataan, profile, sources, forum)
  statistik the statistics on the count tables (analitik.penataan.analisis_penataan, bootstrap)
  grafik    the SVG charts (analitik.grafik)
  render    HTML -> PDF (WeasyPrint)
  simpan    the atomic write of the file and the row marked selesai

and prints one JSON line: seconds per step and in total (and the process's CPU seconds, which a
machine busy with other work does not inflate), the process's peak resident memory
after each step (cumulative, MB; includes Python, Django, numpy, matplotlib and WeasyPrint
themselves, whose level before the report is printed too), pages and size. With --heap also
the peak of the Python heap within each step (tracemalloc: it slows every step several times,
so its run's seconds are not the report's). Goal, reported only: at most 5 s in total and
300 MB peak.

    .venv/bin/python benchmarks/bench_laporan.py           (or: make bench)
    .venv/bin/python benchmarks/bench_laporan.py --ulang 3 (median of three reports)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_DETIK = 5.0
TARGET_MB = 300.0


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _django(sqlite: str, folder: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.pop("DATABASE_URL", None)
    os.environ["DEBUG"] = "1"
    os.environ["SQLITE_PATH"] = sqlite
    os.environ["MEDIA_ROOT"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()


def siapkan(folder: str) -> int:
    """Parent: migrate, load the demo, return the largest penataan's id."""
    sqlite = str(Path(folder) / "bench.sqlite3")
    _django(sqlite, folder)
    from io import StringIO

    from django.core.management import call_command
    from django.db.models import Q

    from organisasi.models import LinPenataan, Penataan
    from survei.models import Respons

    call_command("migrate", verbosity=0)
    mulai = time.perf_counter()
    call_command("demo", stdout=StringIO())
    print(f"demo data loaded in {time.perf_counter() - mulai:.1f} s", file=sys.stderr, flush=True)
    # Largest: the most resulting units (each adds its chapters and charts), then the most
    # responses of the units its lineage touches.
    ukuran = []
    for p in Penataan.objects.select_related("instansi"):
        sisi = LinPenataan.objects.filter(penataan=p).values_list("unit_asal_id", "unit_hasil_id")
        unit = {u for pasangan in sisi for u in pasangan if u}
        hasil = {h for _a, h in sisi if h}
        ukuran.append((len(hasil), Respons.objects.filter(Q(unit_id__in=unit)).count(), p))
    assert ukuran, "demo tanpa penataan"
    for n_hasil, n, p in sorted(ukuran, key=lambda x: (x[0], x[1])):
        print(f"  {p.instansi.slug}: {p.judul}: {n_hasil} unit hasil, {n} respons", file=sys.stderr)
    n_hasil, n, terbesar = max(ukuran, key=lambda x: (x[0], x[1]))
    print(f"largest penataan: {terbesar.judul} ({n_hasil} resulting units, {n} responses)", file=sys.stderr)
    return terbesar.pk


def anak(folder: str, penataan_id: int, *, dengan_heap: bool) -> dict[str, Any]:
    """Child: the report twice, measured step by step. The first pays for importing WeasyPrint
    and matplotlib and loading their fonts (a worker's first report); the second is what a
    worker that is already running spends (the goal is read on it; both are printed)."""
    _django(str(Path(folder) / "bench.sqlite3"), folder)
    dingin = satu_laporan(penataan_id, dengan_heap=dengan_heap)
    hangat = satu_laporan(penataan_id, dengan_heap=dengan_heap)
    # Memory per step from the first report (afterwards the peak only stays where it was).
    return hangat | {
        "detik_dingin": dingin["detik"],
        "detik_total_dingin": dingin["detik_total"],
        "cpu_detik_total_dingin": dingin["cpu_detik_total"],
        "rss_per_langkah_mb": dingin["rss_puncak_mb"],
        "rss_awal_mb": dingin["rss_awal_mb"],
    }


def satu_laporan(penataan_id: int, *, dengan_heap: bool) -> dict[str, Any]:
    from django.utils import timezone, translation

    from laporan import berkas
    from laporan.models import Laporan
    from laporan.pdf.evaluasi import PenyusunEvaluasi
    from laporan.services import laporan_minta_evaluasi
    from laporan.versi import versi
    from organisasi.models import Penataan

    penataan = Penataan.objects.select_related("instansi").get(pk=penataan_id)
    rss_awal = _rss_mb()
    with translation.override("id"):
        laporan = laporan_minta_evaluasi(
            penataan=penataan,
            pengguna=None,
            url_verifikasi=lambda lap: f"http://localhost:8000/laporan/verifikasi/{lap.pk}/",
            antrekan=False,
        )
        laporan = Laporan.objects.select_related("instansi", "penataan__instansi").get(pk=laporan.pk)
        laporan.versi, laporan.dihasilkan = versi(), timezone.now()
        p = PenyusunEvaluasi(laporan)
        detik: dict[str, float] = {}
        cpu: dict[str, float] = {}
        rss: dict[str, float] = {}
        heap: dict[str, float] = {}
        if dengan_heap:
            tracemalloc.start()
        hasil: Any = None
        for nama, fungsi in (
            ("data", p.ambil_data),
            ("statistik", p.analisis),
            ("grafik", p.gambar),
            ("render", p.susun),
        ):
            if dengan_heap:
                tracemalloc.reset_peak()
            t, c = time.perf_counter(), time.process_time()
            hasil = fungsi()
            detik[nama] = time.perf_counter() - t
            cpu[nama] = time.process_time() - c
            if dengan_heap:
                heap[nama] = tracemalloc.get_traced_memory()[1] / 2**20
            rss[nama] = _rss_mb()
        if dengan_heap:
            tracemalloc.reset_peak()
        t, c = time.perf_counter(), time.process_time()
        nama_berkas = f"{laporan.pk}-bench.pdf"
        berkas.tulis_atomik(nama_berkas, hasil)
        Laporan.objects.filter(pk=laporan.pk).update(
            status=Laporan.Status.SELESAI,
            berkas=nama_berkas,
            sha256_berkas=berkas.sha256_bita(hasil),
            sha256_data=p.sha256_data,
        )
        detik["simpan"] = time.perf_counter() - t
        cpu["simpan"] = time.process_time() - c
        rss["simpan"] = _rss_mb()
        if dengan_heap:
            heap["simpan"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
    return {
        "penataan": penataan.judul,
        "unit_hasil": len(p.data.unit),
        "halaman": p.jumlah_halaman,
        "bita": len(hasil),
        "detik": detik,
        "detik_total": sum(detik.values()),
        "cpu_detik_total": sum(cpu.values()),
        "rss_awal_mb": rss_awal,
        "rss_puncak_mb": rss,
        "heap_puncak_mb": heap,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ulang", type=int, default=1, help="reports to make (median)")
    parser.add_argument("--heap", action="store_true", help="also the Python heap per step (slow)")
    parser.add_argument("--anak", nargs=2, metavar=("FOLDER", "PENATAAN"), help=argparse.SUPPRESS)
    arg = parser.parse_args()
    if arg.anak:
        print(json.dumps(anak(arg.anak[0], int(arg.anak[1]), dengan_heap=arg.heap)), flush=True)
        return 0
    # BENCH_LAPORAN_FOLDER keeps the demo database between runs (for profiling); by default a
    # temporary folder is made and removed.
    tetap = os.environ.get("BENCH_LAPORAN_FOLDER")
    folder = tetap or tempfile.mkdtemp(prefix="tilik-bench-laporan-")
    try:
        penataan_id = siapkan(folder)
        hasil = []
        for _ in range(max(1, arg.ulang)):
            keluar = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--anak",
                    folder,
                    str(penataan_id),
                    *(["--heap"] if arg.heap else []),
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            hasil.append(json.loads(keluar.stdout.strip().splitlines()[-1]))
        total = statistics.median(h["detik_total"] for h in hasil)
        total_dingin = statistics.median(h["detik_total_dingin"] for h in hasil)
        terakhir = min(hasil, key=lambda h: abs(h["detik_total"] - total))
        puncak = max(terakhir["rss_puncak_mb"].values())  # the second report's: the process's peak
        ringkas = {
            "bench": "laporan_evaluasi",
            "penataan": terakhir["penataan"],
            "unit_hasil": terakhir["unit_hasil"],
            "halaman": terakhir["halaman"],
            "kb": round(terakhir["bita"] / 1024),
            "detik_total": round(total, 2),
            "detik": {k: round(v, 2) for k, v in terakhir["detik"].items()},
            "cpu_detik_total": round(terakhir["cpu_detik_total"], 2),
            "detik_total_dingin": round(total_dingin, 2),
            "cpu_detik_total_dingin": round(terakhir["cpu_detik_total_dingin"], 2),
            "detik_dingin": {k: round(v, 2) for k, v in terakhir["detik_dingin"].items()},
            "rss_puncak_mb": round(puncak, 1),
            "rss_per_langkah_mb": {k: round(v, 1) for k, v in terakhir["rss_per_langkah_mb"].items()},
            "rss_sebelum_laporan_mb": round(terakhir["rss_awal_mb"], 1),
            **(
                {
                    "heap_puncak_per_langkah_mb": {
                        k: round(v, 1) for k, v in terakhir["heap_puncak_mb"].items()
                    }
                }
                if arg.heap
                else {}
            ),
            "target_detik": TARGET_DETIK,
            "target_mb": TARGET_MB,
            "memenuhi_target": total <= TARGET_DETIK and puncak <= TARGET_MB,
            "laporan": len(hasil),
        }
        print(json.dumps(ringkas, ensure_ascii=False), flush=True)
    finally:
        if not tetap:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
