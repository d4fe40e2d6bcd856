"""`manage.py ikm FILE [--json] [--bobot-lama]` on CSV and XLSX files in the export format."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import proses

from .test_berkas import BARIS, KEPALA, isi, tulis_csv, tulis_xlsx


def jalankan(*args: str) -> str:
    keluaran = StringIO()
    call_command("ikm", *args, stdout=keluaran)
    return keluaran.getvalue()


@pytest.fixture
def berkas(tmp_path):
    return str(tulis_csv(tmp_path / "skm.csv", KEPALA, isi(BARIS)))


def test_json_output_is_the_ikm_object(berkas):
    obj = json.loads(jalankan(berkas, "--json"))
    assert set(obj) == {"n", "bobot", "unsur", "ikm", "nilai_konversi", "mutu", "kinerja"}
    assert obj["n"] == 3
    # U1: 4 + 3 + 2 = 9 over 3; U3: one answer, 3.
    assert obj["unsur"]["U1"] == {"n": 3, "jumlah": 9, "nrr": 3.0, "nrr_tertimbang": 3.0 / 9}
    assert obj["unsur"]["U3"]["n"] == 1
    # NRR: 3, 3, 3, 4, 3, 3,5, 4, 1,5, 3 -> sum 28; IKM 28/9; x 25 = 77,78 -> B.
    assert obj["ikm"] == pytest.approx(28 / 9, rel=1e-15)
    assert obj["nilai_konversi"] == pytest.approx(700 / 9, rel=1e-15)
    assert (obj["mutu"], obj["kinerja"]) == ("B", "Baik")
    assert obj["bobot"] == 1 / 9


def test_the_legacy_weight_option_changes_the_weight_and_the_index(berkas):
    obj = json.loads(jalankan(berkas, "--json", "--bobot-lama"))
    assert obj["bobot"] == 0.111
    assert obj["ikm"] == pytest.approx(28 * 0.111, rel=1e-15)


def test_the_readable_table_is_indonesian_with_a_decimal_comma(berkas):
    teks = jalankan(berkas)
    assert "Jumlah responden: 3" in teks
    assert "U9 Sarana dan Prasarana" in teks
    assert "U8 Penanganan Pengaduan, Saran dan Masukan" in teks
    assert "IKM (1-4): 3,1111" in teks
    assert "Nilai konversi (IKM × 25): 77,78" in teks
    assert "Mutu pelayanan: B" in teks
    assert "Kinerja unit pelayanan: Baik" in teks
    assert "Bobot: tepat 1/9 per unsur" in teks
    assert "0,111 per unsur" in jalankan(berkas, "--bobot-lama")


def test_an_xlsx_file_gives_the_same_result(tmp_path, berkas):
    xlsx = tulis_xlsx(tmp_path / "skm.xlsx", [KEPALA, *isi(BARIS)])
    assert jalankan(str(xlsx), "--json") == jalankan(berkas, "--json")


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (lambda b: b[0].__setitem__(12, "5"), r'^Baris 2, kolom U5 \(M\): "5" bukan nilai yang sah'),
        (lambda b: b[2].__setitem__(8, "x"), r'^Baris 4, kolom U1 \(I\): "x" bukan nilai yang sah'),
    ],
)
def test_bad_data_is_one_command_error_naming_row_and_column(tmp_path, ubah, pesan):
    baris = isi(BARIS)
    ubah(baris)
    with pytest.raises(CommandError, match=pesan):
        jalankan(str(tulis_csv(tmp_path / "a.csv", KEPALA, baris)))


def test_a_missing_column_an_empty_file_and_a_missing_file_are_command_errors(tmp_path):
    tanpa_u9 = tulis_csv(tmp_path / "a.csv", KEPALA[:-1], [r[:-1] for r in isi(BARIS)])
    with pytest.raises(CommandError, match="kolom U9 tidak ditemukan"):
        jalankan(str(tanpa_u9))
    kosong = tmp_path / "kosong.csv"
    kosong.write_bytes(b"")
    with pytest.raises(CommandError, match="Berkas kosong"):
        jalankan(str(kosong))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        jalankan(str(tmp_path / "tidak-ada.xlsx"))


def test_an_unsur_nobody_answered_is_explained(tmp_path):
    baris = [[*r[:7], None, r[8]] for r in BARIS]
    with pytest.raises(CommandError, match="unsur U8 tidak dijawab satu responden pun"):
        jalankan(str(tulis_csv(tmp_path / "a.csv", KEPALA, isi(baris))))


def test_in_a_real_process_bad_data_exits_non_zero_without_a_traceback(tmp_path, berkas):
    baris = isi(BARIS)
    baris[1][10] = "9"
    buruk = str(tulis_csv(tmp_path / "buruk.csv", KEPALA, baris))
    basis = str(tmp_path / "db.sqlite3")
    hasil_buruk = proses.manage("ikm", buruk, DEBUG="1", SQLITE_PATH=basis)
    hasil_baik = proses.manage("ikm", berkas, "--json", DEBUG="1", SQLITE_PATH=basis)
    assert hasil_buruk.returncode != 0
    assert "Traceback" not in hasil_buruk.stderr
    assert hasil_buruk.stderr.strip() == (
        'CommandError: Baris 3, kolom U3 (K): "9" bukan nilai yang sah; isi 1, 2, 3 atau 4, atau '
        "kosongkan bila tidak dijawab."
    )
    assert hasil_baik.returncode == 0, hasil_baik.stderr
    assert json.loads(hasil_baik.stdout)["mutu"] == "B"
