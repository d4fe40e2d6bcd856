"""`python manage.py impor KODE BERKAS [--peta KOLOM=KODE ...] [--sebagian]`."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from organisasi.models import UnitLayanan
from survei.impor import UKURAN_MAKS, hari_ini
from survei.models import Impor, Jawaban, Respons, Survei
from tests import proses
from tests.survei.data import KODE_U, PNG, csv_bytes, survei_skm, xlsx_bytes

KEPALA = ["tanggal", "unit", *KODE_U]


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return survei_skm(unit=[unit, unit_lain])


def tgl(hari_lalu: int = 2) -> str:
    return (hari_ini() - timedelta(days=hari_lalu)).isoformat()


def berkas(tmp_path: Path, isi: bytes, nama: str = "kertas.csv") -> str:
    jalur = tmp_path / nama
    jalur.write_bytes(isi)
    return str(jalur)


def impor(*args: str) -> tuple[str, str]:
    keluar, galat = io.StringIO(), io.StringIO()
    call_command("impor", *args, stdout=keluar, stderr=galat)
    return keluar.getvalue(), galat.getvalue()


def tidak_ada_yang_tersimpan() -> bool:
    return Respons.objects.count() == 0 and Jawaban.objects.count() == 0 and Impor.objects.count() == 0


def test_it_prints_the_detected_mapping_then_stores_every_row(
    survei: Survei, unit: UnitLayanan, tmp_path: Path
) -> None:
    jalur = berkas(tmp_path, csv_bytes([KEPALA, [tgl(), unit.nama, *[3] * 9], [tgl(3), unit.nama, *[4] * 9]]))

    keluar, _galat = impor(survei.kode, jalur)

    assert (
        keluar.index("Peta kolom:") < keluar.index("tanggal -> waktu") < keluar.index("2 respons disimpan.")
    )
    assert "U9 -> U9 · Sarana dan Prasarana" in keluar
    assert Respons.objects.filter(sumber="impor").count() == 2
    impor_ = Impor.objects.get()
    assert (impor_.status, impor_.jumlah_respons, impor_.nama_berkas) == ("disimpan", 2, "kertas.csv")


def test_peta_maps_position_named_columns_by_code(survei: Survei, unit: UnitLayanan, tmp_path: Path) -> None:
    kepala = ["tanggal", "unit", *[f"P{i}" for i in range(1, 10)]]
    jalur = berkas(
        tmp_path, xlsx_bytes([kepala, [tgl(), unit.nama, 1, 1, 1, 1, 1, 1, 1, 2, 4]]), "kertas.xlsx"
    )
    peta = [a for i in range(1, 8) for a in ("--peta", f"P{i}=U{i}")]

    keluar, _galat = impor(survei.kode, jalur, *peta, "--peta", "P8=U9", "--peta", "p9=u8")

    assert "P8 -> U9 · Sarana dan Prasarana" in keluar
    assert Respons.objects.values_list("u8", "u9").get() == (4, 2)


def test_peta_can_ignore_a_detected_column(survei: Survei, unit: UnitLayanan, tmp_path: Path) -> None:
    jalur = berkas(tmp_path, csv_bytes([KEPALA, [tgl(), unit.nama, *[3] * 9]]))

    impor(survei.kode, jalur, "--peta", "U4=abaikan")

    assert Respons.objects.values_list("u3", "u4", "u5", "dijawab_unsur").get() == (3, None, 3, 8)


def test_refused_rows_are_reported_and_nothing_is_stored(
    survei: Survei, unit: UnitLayanan, tmp_path: Path
) -> None:
    baris = [
        [tgl(), unit.nama, *[3] * 9],
        [tgl(), "Dinas Pariwisata", *[3] * 9],
        [tgl(), unit.nama, 5, *[3] * 8],
    ]
    jalur = berkas(tmp_path, csv_bytes([KEPALA, *baris]))
    keluar = io.StringIO()

    with pytest.raises(CommandError, match=re.escape("2 baris ditolak; tidak ada respons yang disimpan.")):
        call_command("impor", survei.kode, jalur, stdout=keluar)

    teks = keluar.getvalue()
    assert "Baris 3, kolom 'unit', nilai 'Dinas Pariwisata'" in teks
    assert "Baris 4, kolom 'U1', nilai '5': Pilih salah satu nilai 1 sampai 4." in teks
    assert tidak_ada_yang_tersimpan()


def test_sebagian_stores_the_valid_rows_and_still_fails(
    survei: Survei, unit: UnitLayanan, tmp_path: Path
) -> None:
    baris = [[tgl(), unit.nama, *[3] * 9], [tgl(), unit.nama, 5, *[3] * 8]]
    jalur = berkas(tmp_path, csv_bytes([KEPALA, *baris]))

    with pytest.raises(CommandError, match=re.escape("1 baris ditolak dan dilewati.")):
        call_command("impor", survei.kode, jalur, "--sebagian", stdout=io.StringIO())

    assert Respons.objects.count() == 1
    assert Impor.objects.get().jumlah_respons == 1


def test_a_file_without_unsur_columns_is_refused_before_any_row(
    survei: Survei, unit: UnitLayanan, tmp_path: Path
) -> None:
    jalur = berkas(tmp_path, csv_bytes([["tanggal", "unit", "nilai"], [tgl(), unit.nama, 3]]))

    with pytest.raises(CommandError, match="Tidak ada kolom yang dipetakan ke unsur SKM"):
        impor(survei.kode, jalur)

    assert tidak_ada_yang_tersimpan()


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("foto.xlsx", PNG, "bukan buku kerja Excel yang sah"),
        ("acak.csv", bytes(range(256)), "bukan CSV dalam UTF-8"),
        ("kosong.csv", b"", "Berkas kosong."),
        ("besar.csv", b"0" * (UKURAN_MAKS + 1), "Berkas terlalu besar"),
    ],
)
def test_a_bad_file_is_one_clear_error(
    nama: str, isi: bytes, pesan: str, survei: Survei, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match=pesan):
        impor(survei.kode, berkas(tmp_path, isi, nama))

    assert tidak_ada_yang_tersimpan()


def test_a_missing_file_is_one_clear_error(survei: Survei, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        impor(survei.kode, str(tmp_path / "tidak-ada.csv"))


def test_an_unknown_survey_is_one_clear_error(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=re.escape("Survei dengan kode tidakada tidak ditemukan.")):
        impor("tidakada", berkas(tmp_path, b"U1\n3\n"))


@pytest.mark.parametrize(
    ("peta", "pesan"),
    [
        ("Kolom9=U1", "Kolom Kolom9 tidak ada di berkas"),
        ("U1=U10", "Kode U10 tidak dikenal"),
        ("U1", "KOLOM=KODE"),
    ],
)
def test_a_bad_peta_is_one_clear_error(
    peta: str, pesan: str, survei: Survei, unit: UnitLayanan, tmp_path: Path
) -> None:
    jalur = berkas(tmp_path, csv_bytes([KEPALA, [tgl(), unit.nama, *[3] * 9]]))

    with pytest.raises(CommandError, match=pesan):
        impor(survei.kode, jalur, "--peta", peta)

    assert tidak_ada_yang_tersimpan()


def test_a_closed_survey_is_refused(unit: UnitLayanan, tmp_path: Path) -> None:
    survei = survei_skm(unit=[unit], status=Survei.Status.DITUTUP)

    with pytest.raises(CommandError, match="tidak sedang dibuka"):
        impor(survei.kode, berkas(tmp_path, csv_bytes([KEPALA, [tgl(), unit.nama, *[3] * 9]])))

    assert tidak_ada_yang_tersimpan()


def test_from_the_shell_a_refused_file_exits_non_zero_without_a_traceback(tmp_path: Path) -> None:
    basis = str(tmp_path / "tilik.sqlite3")
    assert proses.manage("migrate", "-v0", DEBUG="1", SQLITE_PATH=basis).returncode == 0
    siapkan = (
        "from organisasi.models import Instansi, UnitLayanan\n"
        "from survei import services\nfrom survei.models import Kuesioner\n"
        "from survei.impor import hari_ini\n"
        "from datetime import timedelta\n"
        "i = Instansi.objects.create(nama='Kota', slug='kota')\n"
        "u = UnitLayanan.objects.create(instansi=i, nama='Dinas A', slug='a')\n"
        "s = services.survei_buat(kuesioner=Kuesioner.objects.get(kode='skm-permenpanrb-14-2017'),"
        " instansi_unit=[(u, None)], judul='S', periode='P', mulai=hari_ini() - timedelta(days=9),"
        " selesai=hari_ini(), pengguna=None)\n"
        "s.kode = 'ujikode'; s.save(); services.survei_buka(survei=s)\n"
    )
    assert proses.python(siapkan, DEBUG="1", SQLITE_PATH=basis).returncode == 0
    buruk = berkas(tmp_path, PNG, "foto.xlsx")
    lima = berkas(tmp_path, csv_bytes([["waktu", *KODE_U], [tgl(), 5, *[3] * 8]]))
    baik = berkas(tmp_path, csv_bytes([["waktu", *KODE_U], [tgl(), *[3] * 9]]), "baik.csv")

    hasil_buruk = proses.manage("impor", "ujikode", buruk, DEBUG="1", SQLITE_PATH=basis)
    hasil_lima = proses.manage("impor", "ujikode", lima, DEBUG="1", SQLITE_PATH=basis)
    hasil_baik = proses.manage("impor", "ujikode", baik, DEBUG="1", SQLITE_PATH=basis)

    assert hasil_buruk.returncode == 1
    assert "bukan buku kerja Excel yang sah" in hasil_buruk.stderr
    assert "Traceback" not in hasil_buruk.stderr
    assert hasil_lima.returncode == 1
    assert "Baris 2, kolom 'U1', nilai '5'" in hasil_lima.stdout
    assert "Traceback" not in hasil_lima.stderr
    assert hasil_baik.returncode == 0, hasil_baik.stderr
    assert "1 respons disimpan." in hasil_baik.stdout
