"""gunicorn serving Tilik on a port of 127.0.0.1 for as long as a block runs: shared by the
load and fault tests (tests/beban/situs.py) and by benchmarks/bench_survei_kirim.py, which
imports it from here (the benchmark puts the project root on sys.path)."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def gunicorn_berjalan(
    *,
    port: int,
    env: Mapping[str, str],
    pekerja: int,
    utas: int,
    kelas: str = "gthread",
    keep_alive: int = 30,
    backlog: int = 512,
    argumen: Sequence[str] = (),
) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn (config.wsgi) on HOST:port with this environment, once /sehat/ answers 200;
    afterwards its whole process group (the master and its workers, even if the master died
    first) is stopped, whatever happened in the block. Its output goes to a temporary log that
    a failure to start quotes."""
    fd, nama_log = tempfile.mkstemp(prefix="tilik-gunicorn-", suffix=".log")
    os.close(fd)
    log = Path(nama_log)
    perintah = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(pekerja),
        "--worker-class",
        kelas,
        "--threads",
        str(utas),
        "--keep-alive",
        str(keep_alive),
        "--backlog",
        str(backlog),
        "--log-level",
        "warning",
        *argumen,
    ]
    with log.open("wb") as keluaran:
        proses = subprocess.Popen(
            perintah,
            cwd=ROOT,
            env=dict(env),
            stdout=keluaran,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _tunggu_sehat(port, proses, log)
        yield proses
    finally:
        try:
            os.killpg(proses.pid, signal.SIGTERM)  # start_new_session: its group id is its pid
            proses.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proses.pid, signal.SIGKILL)
            proses.wait()
        log.unlink(missing_ok=True)


def _tunggu_sehat(port: int, proses: subprocess.Popen[bytes], log: Path) -> None:
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if proses.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start:\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/sehat/")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn not healthy after 60 s:\n{log.read_text()[-3000:]}")
