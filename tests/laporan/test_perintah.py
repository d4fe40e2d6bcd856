"""`python manage.py laporan`: the list of slugs, writing a report to a file without a worker,
and every bad argument (a one-line error, exit code 1, no file). The evaluation report on real
data is written in test_pdf.py."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from laporan.models import Laporan
from organisasi.models import Instansi, Penataan, UnitLayanan
from survei.models import Survei
from tests.factories import PenataanFactory


def jalankan(*argumen: str) -> str:
    keluaran = io.StringIO()
    call_command("laporan", *argumen, stdout=keluaran)
    return keluaran.getvalue()


def test_the_list_has_one_penataan_per_line_with_instansi_and_name(
    penataan_kosong: Penataan, instansi_lain: Instansi
) -> None:
    PenataanFactory.create(instansi=instansi_lain, judul="Pembentukan Mal Pelayanan Publik")

    baris = jalankan("--daftar").splitlines()

    assert baris == [
        "pembentukan-mal-pelayanan-publik\tPemerintah Kota Jambi\tPembentukan Mal Pelayanan Publik",
        "penggabungan-tanpa-data\tPemerintah Kota Palembang\tPenggabungan Tanpa Data",
    ]


def test_the_skm_list_has_the_survey_codes(survei_kecil: Survei) -> None:
    assert jalankan("--daftar", "--jenis", "skm").splitlines() == [
        f"{survei_kecil.kode}\tPemerintah Kota Palembang\tSKM Palembang 2025 (Tahun 2025)"
    ]


def test_it_writes_an_skm_report_for_one_unit_without_a_worker(
    survei_kecil: Survei, unit: UnitLayanan, tmp_path: Path
) -> None:
    keluar = tmp_path / "skm.pdf"

    pesan = jalankan(survei_kecil.kode, "--jenis", "skm", "--unit", unit.slug, "--keluar", str(keluar))

    laporan = Laporan.objects.get()
    assert (laporan.status, laporan.unit, laporan.diminta_oleh) == (Laporan.Status.SELESAI, unit, None)
    teks = " ".join(h.extract_text() for h in PdfReader(keluar).pages)
    assert "Laporan Hasil Survei Kepuasan Masyarakat" in teks
    assert unit.nama in teks
    assert f"http://localhost:8000/laporan/verifikasi/{laporan.pk}/" in re.sub(r"\s", "", teks)
    assert laporan.sha256_berkas in pesan and str(keluar) in pesan


def test_the_verification_address_is_the_sites_public_address_when_set(
    survei_kecil: Survei, tmp_path: Path, settings: Any
) -> None:
    settings.URL_SITUS = "https://tilik.example.go.id"
    keluar = tmp_path / "skm.pdf"

    pesan = jalankan(survei_kecil.kode, "--jenis", "skm", "--keluar", str(keluar))

    laporan = Laporan.objects.get()
    assert f"https://tilik.example.go.id/laporan/verifikasi/{laporan.pk}/" in pesan


@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        ((), "Berikan SLUG dan --keluar BERKAS.pdf, atau --daftar."),
        (("penggabungan-tanpa-data",), "Berikan SLUG dan --keluar BERKAS.pdf, atau --daftar."),
        (("tidak-ada", "--keluar", "KELUAR"), "Penataan “tidak-ada” tidak ditemukan."),
        (
            ("penggabungan-tanpa-data", "--instansi", "antah", "--keluar", "KELUAR"),
            "Instansi “antah” tidak ditemukan.",
        ),
        (
            ("penggabungan-tanpa-data", "--jeda-bulan", "30", "--keluar", "KELUAR"),
            "--jeda-bulan harus 0 sampai 24.",
        ),
        (("penggabungan-tanpa-data", "--keluar", "KELUAR"), "belum dapat dianalisis"),
        (("penggabungan-tanpa-data", "--keluar", "FOLDER"), "--keluar harus nama berkas, bukan folder"),
        (("penggabungan-tanpa-data", "--keluar", "TAK_ADA/laporan.pdf"), "tidak ada."),
        (
            ("zzzzzzz", "--jenis", "skm", "--keluar", "KELUAR"),
            "Survei dengan kode “zzzzzzz” tidak ditemukan.",
        ),
        (
            ("SURVEI", "--jenis", "skm", "--unit", "antah", "--keluar", "KELUAR"),
            "Unit “antah” tidak ditemukan",
        ),
        (("SURVEI", "--jenis", "skm", "--unit", "uptd-akta", "--keluar", "KELUAR"), "tidak termasuk survei"),
    ],
)
def test_bad_arguments_fail_with_one_clear_line_and_write_nothing(
    argumen: tuple[str, ...],
    pesan: str,
    penataan_kosong: Penataan,
    survei_kecil: Survei,
    unit_anak: UnitLayanan,
    tmp_path: Path,
) -> None:
    keluar = tmp_path / "laporan.pdf"
    ganti = {
        "KELUAR": str(keluar),
        "FOLDER": str(tmp_path),
        "TAK_ADA/laporan.pdf": str(tmp_path / "tak-ada" / "laporan.pdf"),
        "SURVEI": survei_kecil.kode,
    }

    with pytest.raises(CommandError, match=re.escape(pesan)):
        jalankan(*(ganti.get(a, a) for a in argumen))

    assert not keluar.exists()
    assert not Laporan.objects.filter(status=Laporan.Status.SELESAI).exists()
