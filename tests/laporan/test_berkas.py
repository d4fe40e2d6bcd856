"""laporan.berkas: a report file is written whole or not at all, and only inside its folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from laporan import berkas


@pytest.fixture
def folder(settings: Any, tmp_path: Path) -> Path:
    settings.LAPORAN_FOLDER = str(tmp_path / "laporan")
    return tmp_path / "laporan"


def test_it_writes_the_whole_file_and_leaves_no_temporary_file(folder: Path) -> None:
    jalur = berkas.tulis_atomik("a-1.pdf", b"%PDF-1.7 satu")

    assert jalur == folder / "a-1.pdf"
    assert jalur.read_bytes() == b"%PDF-1.7 satu"
    assert [p.name for p in folder.iterdir()] == ["a-1.pdf"]
    assert berkas.sha256_jalur(jalur) == berkas.sha256_bita(b"%PDF-1.7 satu")


def test_it_replaces_an_existing_file_in_one_step(folder: Path) -> None:
    berkas.tulis_atomik("a-1.pdf", b"lama")
    berkas.tulis_atomik("a-1.pdf", b"baru")
    assert (folder / "a-1.pdf").read_bytes() == b"baru"
    assert [p.name for p in folder.iterdir()] == ["a-1.pdf"]


def test_a_write_that_fails_keeps_the_old_file_and_removes_the_temporary_one(folder: Path) -> None:
    berkas.tulis_atomik("a-1.pdf", b"lama")

    with pytest.raises(TypeError):
        berkas.tulis_atomik("a-1.pdf", "bukan bita")  # type: ignore[arg-type]

    assert (folder / "a-1.pdf").read_bytes() == b"lama"
    assert [p.name for p in folder.iterdir()] == ["a-1.pdf"]


@pytest.mark.parametrize("nama", ["../luar.pdf", "sub/dalam.pdf", "/etc/passwd", ""])
def test_names_outside_the_folder_are_refused(folder: Path, nama: str) -> None:
    with pytest.raises(ValueError, match="tidak sah"):
        berkas.jalur(nama)


def test_the_folder_is_under_media_root_by_default(settings: Any, tmp_path: Path) -> None:
    settings.LAPORAN_FOLDER = None
    settings.MEDIA_ROOT = tmp_path
    assert berkas.folder_laporan() == tmp_path / "laporan"
