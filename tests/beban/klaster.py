"""A private PostgreSQL cluster for the load and fault tests: its own data directory and socket
directory in a temporary folder, its own free port on 127.0.0.1, trust authentication. It can
be stopped and started while gunicorn keeps running, which the shared server (used by the
other suites at the same time) must never be.

As root the cluster runs as the postgres user (PostgreSQL refuses to run as root); otherwise
as the current user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


def bin_postgres() -> Path | None:
    """The directory of initdb and pg_ctl of the newest installed PostgreSQL, or None."""
    calon = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if calon:
        return calon[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Klaster:
    bin: Path
    folder: Path
    port: int
    pengguna: str | None  # run as this user (root's case), else as ourselves

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "postgres.log"

    def url(self, basis_data: str = "postgres") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{basis_data}"

    def _jalankan(self, *perintah: str, cek: bool = True) -> subprocess.CompletedProcess[str]:
        awal = ["runuser", "-u", self.pengguna, "--"] if self.pengguna else []
        return subprocess.run(
            [*awal, *perintah], capture_output=True, text=True, check=cek, timeout=120, cwd=self.folder
        )

    def initdb(self) -> None:
        self._jalankan(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )

    def mulai(self) -> None:
        opsi = (
            f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c max_connections=200 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._jalankan(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", opsi, "-w", "start"
        )

    def berhenti(self) -> None:
        # fast: every connection is cut at once, as in a crash or a failover.
        self._jalankan(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", cek=False)

    def buat_db(self, nama: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{nama}"')
        return self.url(nama)

    def tunggu_siap(self, batas_detik: float = 30) -> None:
        import psycopg

        batas = time.monotonic() + batas_detik
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > batas:
                    raise
                time.sleep(0.2)


@contextmanager
def klaster_pribadi() -> Iterator[Klaster]:
    """A fresh cluster for the duration of the block, stopped and deleted afterwards."""
    bin_pg = bin_postgres()
    if bin_pg is None:
        raise RuntimeError("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="tilik-pg-"))
    pengguna = "postgres" if os.geteuid() == 0 else None
    if pengguna:
        shutil.chown(folder, user=pengguna)
    klaster = Klaster(bin=bin_pg, folder=folder, port=port_bebas(), pengguna=pengguna)
    try:
        klaster.initdb()
        klaster.mulai()
        klaster.tunggu_siap()
        yield klaster
    finally:
        klaster.berhenti()
        shutil.rmtree(folder, ignore_errors=True)
