"""Where report files live and how they are written: never half.

A report is written to a temporary file in the folder of its final name, flushed to disk
(fsync), then renamed over the final name (os.replace is atomic within one file system) and the
folder is synced too, so that after a crash there is either no file or the whole file under
that name. The database row is marked selesai only after that, so a file is served only when it
is complete; a file whose row never became selesai is never served.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

SUBFOLDER = "laporan"
_POTONGAN = 1 << 16


def folder_laporan() -> Path:
    """settings.LAPORAN_FOLDER, or MEDIA_ROOT/laporan; read at call time so tests can move it."""
    folder = getattr(settings, "LAPORAN_FOLDER", None)
    return Path(folder) if folder else Path(settings.MEDIA_ROOT) / SUBFOLDER


def jalur(nama: str) -> Path:
    """The absolute path of a stored report name; refuses names that leave the folder."""
    folder = folder_laporan().resolve()
    hasil = (folder / nama).resolve()
    if hasil.parent != folder:
        raise ValueError(f"nama berkas laporan tidak sah: {nama!r}")
    return hasil


def tulis_atomik(nama: str, isi: bytes) -> Path:
    """Write isi under nama in the report folder, all or nothing (see the module docstring)."""
    folder = folder_laporan()
    folder.mkdir(parents=True, exist_ok=True)
    tujuan = jalur(nama)
    fd, sementara = tempfile.mkstemp(dir=folder, prefix=".tulis-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    return tujuan


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the directory entry is on disk.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms whose directories cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(fd)


def hapus(nama: str) -> None:
    if nama:
        jalur(nama).unlink(missing_ok=True)


def sha256_bita(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def sha256_potongan(potongan: Iterable[bytes]) -> str:
    """The SHA-256 of content read piece by piece (a file, an upload), never whole in memory."""
    h = hashlib.sha256()
    for isi in potongan:
        h.update(isi)
    return h.hexdigest()


def sha256_jalur(path: Path) -> str:
    with path.open("rb") as f:
        return sha256_potongan(iter(lambda: f.read(_POTONGAN), b""))
