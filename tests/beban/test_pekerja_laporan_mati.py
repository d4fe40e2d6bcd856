"""A report worker killed in the middle of a report: the job is not stuck.

A real `manage.py db_worker` (django_tasks_db, as deployed) takes the evaluation report of a
merger with several hundred responses and is killed with SIGKILL while the report row says
"berjalan" at step 2 of 5 (the statistics): no handler runs, no row is tidied, its queue row
stays "RUNNING" for ever. Once the heartbeat is older than LAPORAN_BATAS_DETAK (two seconds
here), the next worker that starts a report (laporan.tasks.buat_laporan calls
laporan_pulihkan_macet first) queues the dead job again with a new giliran, takes it, and
finishes it: status selesai, second attempt, and a file on disk whose SHA-256 is the one
recorded. Nothing but the queue and the report rows is touched from outside.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from tests.beban.klaster import Klaster
from tests.beban.situs import ROOT, lingkungan

BATAS_DETAK = 2  # seconds: LAPORAN_BATAS_DETAK of the workers
BATAS_TUNGGU = 40.0

# Run in a fresh interpreter against the test's own database: migrate, then the report tests'
# city (tests.laporan.conftest.bangun_kota: a merger, two surveys, ~700 responses) and its
# evaluation report queued on the database backend; prints the report's id.
_SIAPKAN = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from laporan.services import laporan_minta_evaluasi
from tests.laporan.conftest import bangun_kota, url_verifikasi
isi = bangun_kota()
laporan = laporan_minta_evaluasi(
    penataan=isi["penataan"], pengguna=isi["evaluator"], url_verifikasi=url_verifikasi
)
print(json.dumps({"laporan": str(laporan.pk), "survei": isi["survei"].pk, "status": laporan.status}))
"""

# Another report asked for later (the SKM report of the newer survey), as a person would.
_MINTA_LAGI = """
import json, sys, django
django.setup()
from laporan.services import laporan_minta_skm
from survei.models import Survei
from tests.laporan.conftest import url_verifikasi
laporan = laporan_minta_skm(
    survei=Survei.objects.get(pk=int(sys.argv[1])), unit=None, pengguna=None, url_verifikasi=url_verifikasi
)
print(json.dumps({"laporan": str(laporan.pk), "status": laporan.status}))
"""

# `manage.py db_worker` with the heartbeat limit and the report folder of this test.
_PEKERJA = """
import sys, django
django.setup()
from django.conf import settings
settings.LAPORAN_BATAS_DETAK = int(sys.argv[1])
settings.LAPORAN_FOLDER = sys.argv[2]
from django.core.management import call_command
call_command(
    "db_worker", "--interval", "0.1", "--no-startup-delay", "--no-reload", "--worker-id", sys.argv[3]
)
"""


def jalankan(skrip: str, url_db: str, *argumen: str) -> dict[str, Any]:
    hasil = subprocess.run(
        [sys.executable, "-c", skrip, *argumen],
        cwd=ROOT,
        env=lingkungan(url_db),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stderr[-3000:]
    data: dict[str, Any] = json.loads(hasil.stdout.strip().splitlines()[-1])
    return data


@contextmanager
def pekerja(url_db: str, folder: Path, log: Path, nama: str) -> Iterator[subprocess.Popen[bytes]]:
    """A db_worker in its own process group for the block; whatever is left of it is killed
    afterwards."""
    with log.open("ab") as keluaran:
        proses = subprocess.Popen(
            [sys.executable, "-c", _PEKERJA, str(BATAS_DETAK), str(folder), nama],
            cwd=ROOT,
            env=lingkungan(url_db),
            stdout=keluaran,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield proses
    finally:
        if proses.poll() is None:
            os.killpg(proses.pid, signal.SIGTERM)
            try:
                proses.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proses.pid, signal.SIGKILL)
                proses.wait()


def baris(conn: psycopg.Connection[dict[str, Any]], laporan_id: str) -> dict[str, Any]:
    hasil = conn.execute(
        "SELECT status, giliran, percobaan, langkah, label_langkah, pesan_galat, berkas, sha256_berkas, "
        "ukuran_berkas, detak, now() AS sekarang FROM laporan_laporan WHERE id = %s",
        [laporan_id],
    ).fetchone()
    assert hasil is not None
    return hasil


def diam(b: dict[str, Any]) -> timedelta:
    """How long the job's heartbeat has been silent, by the database's clock."""
    selisih: timedelta = b["sekarang"] - b["detak"]
    return selisih


def tunggu(syarat: Any, batas: float, jeda: float, pesan: Any) -> None:
    akhir = time.monotonic() + batas
    while not syarat():
        assert time.monotonic() < akhir, pesan()
        time.sleep(jeda)


def test_a_killed_report_worker_leaves_no_stuck_job(klaster: Klaster, tmp_path: Path) -> None:
    url_db = klaster.buat_db("laporan_pekerja_mati")
    siap = jalankan(_SIAPKAN, url_db)
    laporan_id = siap["laporan"]
    assert siap["status"] == "antri"
    folder = tmp_path / "laporan"
    log = tmp_path / "pekerja.log"

    def isi_log() -> str:
        return log.read_text(errors="replace")[-4000:] if log.exists() else ""

    with psycopg.connect(url_db, autocommit=True, row_factory=dict_row) as conn:
        # The first worker takes the job; it is killed once the row says it is computing
        # (step 2 of 5, the statistics), in the middle of the report.
        def di_tengah() -> bool:
            b = baris(conn, laporan_id)
            return b["status"] not in ("antri", "berjalan") or b["langkah"] >= 2

        with pekerja(url_db, folder, log, "pekerja-1") as pertama:
            tunggu(
                di_tengah,
                30,
                0.005,
                lambda: f"no worker took the job:\n{isi_log()}",
            )
            os.killpg(pertama.pid, signal.SIGKILL)
            pertama.wait(timeout=10)
        mati = baris(conn, laporan_id)
        assert mati["status"] == "berjalan", (
            f"the report was {mati['status']} before the worker could be killed mid-way: {mati}"
        )
        assert 2 <= mati["langkah"] < 5, mati
        assert mati["giliran"] == 1 and mati["percobaan"] == 1
        assert mati["berkas"] == "" and mati["sha256_berkas"] == ""
        assert not (folder / f"{laporan_id}-1.pdf").exists()
        # The task queue still believes the dead worker is running it.
        antrean = conn.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE args_kwargs->'args'->>0 = %s",
            [laporan_id],
        ).fetchall()
        assert [a["status"] for a in antrean] == ["RUNNING"], antrean

        # Past the limit, somebody asks for another report and a new worker starts.
        tunggu(
            lambda: diam(baris(conn, laporan_id)) > timedelta(seconds=BATAS_DETAK),
            BATAS_DETAK + 5,
            0.1,
            lambda: "the heartbeat never aged",
        )
        lain = jalankan(_MINTA_LAGI, url_db, str(siap["survei"]))
        with pekerja(url_db, folder, log, "pekerja-2"):
            tunggu(
                lambda: (
                    baris(conn, laporan_id)["status"] in ("selesai", "gagal")
                    and baris(conn, lain["laporan"])["status"] in ("selesai", "gagal")
                ),
                BATAS_TUNGGU,
                0.2,
                lambda: f"the job stayed stuck: {baris(conn, laporan_id)}\n{isi_log()}",
            )

        akhir = baris(conn, laporan_id)
        assert akhir["status"] == "selesai", akhir
        assert akhir["giliran"] == 2, akhir  # queued again once, by the recovery
        assert akhir["percobaan"] == 2, akhir  # the killed attempt counts
        assert akhir["pesan_galat"] == ""
        assert akhir["berkas"] == f"{laporan_id}-2.pdf"
        pdf = (folder / akhir["berkas"]).read_bytes()
        assert pdf.startswith(b"%PDF-")
        assert len(pdf) == akhir["ukuran_berkas"]
        assert hashlib.sha256(pdf).hexdigest() == akhir["sha256_berkas"]
        # Only the finished file is there: no half-written one, none of the killed attempt.
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith(laporan_id)) == [akhir["berkas"]]
        assert baris(conn, lain["laporan"])["status"] == "selesai"
        antrean = conn.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE args_kwargs->'args'->>0 = %s "
            "ORDER BY enqueued_at",
            [laporan_id],
        ).fetchall()
        assert [a["status"] for a in antrean] == ["RUNNING", "SUCCESSFUL"], antrean
