"""`python manage.py ekspor KODE [--format csv|xlsx] [--keluar BERKAS]`."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from organisasi.models import UnitLayanan
from survei.ekspor import csv_bertahap
from survei.impor import hari_ini, waktu_dari_tanggal
from survei.models import Respons, Survei
from survei.services import kunci_baru, respons_simpan
from tests.survei.data import jawaban_tersimpan, survei_skm


@pytest.fixture
def survei(unit: UnitLayanan) -> Survei:
    survei = survei_skm(unit=[unit])
    for i in range(3):
        respons_simpan(
            survei=survei,
            unit=unit,
            jawaban={"U1": 1 + i, "U9": 4, "jenis_kelamin": "P"},
            sumber=Respons.Sumber.KERTAS,
            kunci=kunci_baru(),
            waktu=waktu_dari_tanggal(hari_ini() - timedelta(days=i + 1)),
        )
    return survei


def ekspor(*args: str) -> str:
    keluar = io.StringIO()
    call_command("ekspor", *args, stdout=keluar, stderr=io.StringIO())
    return keluar.getvalue()


def test_csv_goes_to_standard_output(survei: Survei) -> None:
    keluar = ekspor(survei.kode)

    assert keluar == "".join(csv_bertahap(survei))
    assert keluar.startswith("waktu,unit,layanan,sumber,jenis_kelamin,usia,pendidikan,pekerjaan,U1,")
    assert len(keluar.splitlines()) == 4


def test_csv_to_a_file(survei: Survei, tmp_path: Path) -> None:
    jalur = tmp_path / "respons.csv"

    ekspor(survei.kode, "--keluar", str(jalur))

    assert jalur.read_bytes().decode("utf-8") == "".join(csv_bertahap(survei))
    assert not jalur.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("opsi", [["--format", "xlsx"], []])
def test_xlsx_to_a_file(opsi: list[str], survei: Survei, tmp_path: Path) -> None:
    jalur = tmp_path / "respons.xlsx"

    ekspor(survei.kode, *opsi, "--keluar", str(jalur))

    baris = list(load_workbook(jalur).worksheets[0].iter_rows(values_only=True))
    assert len(baris) == 4
    assert baris[0][8] == "U1"


def test_xlsx_needs_an_output_file(survei: Survei) -> None:
    with pytest.raises(CommandError, match="Format xlsx perlu --keluar"):
        ekspor(survei.kode, "--format", "xlsx")


def test_an_unknown_survey_is_one_clear_error(db: None) -> None:
    with pytest.raises(CommandError, match=re.escape("Survei dengan kode tidakada tidak ditemukan.")):
        ekspor("tidakada")


def test_an_unwritable_output_is_one_clear_error(survei: Survei, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Tidak dapat menulis"):
        ekspor(survei.kode, "--keluar", str(tmp_path / "tidak-ada" / "respons.csv"))


def test_the_commands_round_trip(survei: Survei, unit: UnitLayanan, tmp_path: Path) -> None:
    tujuan = survei_skm(unit=[unit])
    jalur = tmp_path / "respons.csv"
    ekspor(survei.kode, "--keluar", str(jalur))

    call_command("impor", tujuan.kode, str(jalur), stdout=io.StringIO())

    assert jawaban_tersimpan(tujuan) == jawaban_tersimpan(survei)
