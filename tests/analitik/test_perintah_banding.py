"""`manage.py banding SEBELUM SESUDAH [--json]` on files, and the hook for
`banding --penataan SLUG` (the database side lives in analitik.penataan; here it is replaced by
a stand-in module so the command's part is tested on its own)."""

from __future__ import annotations

import json
import sys
import types
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from scipy import stats

from analitik.keluaran import objek_banding
from analitik.tabel import dari_baris
from tests import proses

from .test_berkas import KEPALA, isi, tulis_csv, tulis_xlsx

RNG = np.random.default_rng(2017)


def acak(n: int, peluang: list[float]) -> list[list[int | None]]:
    return [[int(v) or None for v in RNG.choice(5, size=9, p=peluang)] for _ in range(n)]


SEBELUM = acak(80, [0.05, 0.1, 0.25, 0.4, 0.2])
SESUDAH = acak(90, [0.05, 0.05, 0.1, 0.4, 0.4])


def jalankan(*args: str) -> str:
    keluaran = StringIO()
    call_command("banding", *args, stdout=keluaran)
    return keluaran.getvalue()


@pytest.fixture
def berkas(tmp_path):
    sebelum = tulis_csv(tmp_path / "sebelum.csv", KEPALA, isi(SEBELUM))
    sesudah = tulis_xlsx(tmp_path / "sesudah.xlsx", [KEPALA, *isi(SESUDAH)])
    return str(sebelum), str(sesudah)


def test_json_output_is_the_banding_object_oriented_sesudah_minus_sebelum(berkas):
    obj = json.loads(jalankan(*berkas, "--json", "--bootstrap", "300"))
    assert obj == json.loads(
        json.dumps(objek_banding(dari_baris(SEBELUM), dari_baris(SESUDAH), bootstrap=300))
    )
    u3 = obj["unsur"]["U3"]
    a = np.array([r[2] for r in SESUDAH if r[2]], dtype=float)
    b = np.array([r[2] for r in SEBELUM if r[2]], dtype=float)
    assert u3["welch"]["t"] == pytest.approx(stats.ttest_ind(a, b, equal_var=False).statistic, rel=1e-12)
    assert u3["mann_whitney"]["u"] == stats.mannwhitneyu(a, b, method="asymptotic").statistic
    assert obj["ikm"]["selisih"] == pytest.approx(
        obj["sesudah"]["nilai_konversi"] - obj["sebelum"]["nilai_konversi"], rel=1e-12
    )


def test_the_readable_report_has_a_sentence_per_unsur(berkas):
    teks = jalankan(*berkas, "--bootstrap", "200")
    obj = objek_banding(dari_baris(SEBELUM), dari_baris(SESUDAH), bootstrap=200)
    assert "Nilai konversi IKM naik" in teks
    # 170 respondents: few enough patterns for the exact resampling at B = 200.
    assert "Interval bootstrap 95% (persentil, 200 replikasi, pengambilan ulang tepat)" in teks
    for kode in obj["unsur"]:
        assert f"- {kode} " in teks
    assert "U3 Waktu Penyelesaian naik" in teks
    assert "koreksi Holm" in teks
    assert "|d| < 0,2 dapat diabaikan; 0,2 sampai < 0,5 kecil" in teks


def test_the_same_seed_gives_the_same_bootstrap_interval(berkas):
    a = json.loads(jalankan(*berkas, "--json", "--bootstrap", "200", "--seed", "5"))
    b = json.loads(jalankan(*berkas, "--json", "--bootstrap", "200", "--seed", "5"))
    assert a["ikm"]["bootstrap_ci95"] == b["ikm"]["bootstrap_ci95"]


def test_bad_data_in_either_file_is_named(tmp_path, berkas):
    baris = isi(SESUDAH)
    baris[4][13] = "4a"
    buruk = str(tulis_csv(tmp_path / "buruk.csv", KEPALA, baris))
    with pytest.raises(CommandError, match=r'^Baris 6, kolom U6 \(N\): "4a"'):
        jalankan(berkas[0], buruk)
    with pytest.raises(CommandError, match="Berikan dua berkas"):
        jalankan(berkas[0])
    with pytest.raises(CommandError, match="--bootstrap"):
        jalankan(*berkas, "--bootstrap", "0")


def test_an_unsur_missing_in_one_period_names_that_file(tmp_path, berkas):
    tanpa_u8 = [[*r[:7], None, r[8]] for r in SEBELUM]
    jalur = str(tulis_csv(tmp_path / "lama.csv", KEPALA, isi(tanpa_u8)))
    with pytest.raises(CommandError, match=r"dari .*lama\.csv: unsur U8 tidak dijawab"):
        jalankan(jalur, berkas[1])


def test_in_a_real_process_a_bad_file_exits_non_zero_without_a_traceback(tmp_path, berkas):
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 bukan buku kerja")
    hasil = proses.manage(
        "banding", berkas[0], str(rusak), DEBUG="1", SQLITE_PATH=str(tmp_path / "db.sqlite3")
    )
    assert hasil.returncode != 0
    assert "Traceback" not in hasil.stderr
    assert hasil.stderr.strip() == "CommandError: Berkas XLSX ini rusak atau bukan buku kerja Excel yang sah."


# The --penataan hook ---------------------------------------------------------------------------


@pytest.fixture
def penataan_palsu(monkeypatch):
    """A stand-in analitik.penataan that records its call and returns a result of the shape
    the database side returns."""
    panggilan = {}
    banding = objek_banding(dari_baris(SEBELUM), dari_baris(SESUDAH), bootstrap=50)

    def banding_penataan(**kwargs):
        panggilan.update(kwargs)
        if kwargs["penataan_slug"] == "tidak-ada":
            raise LookupError("Penataan tidak-ada tidak ditemukan.")
        return {
            "penataan": {"judul": "Penggabungan Dinas A dan B", "tanggal_efektif": "2025-01-01"},
            "unit": {"Dinas AB": banding, "Dinas C": {"alasan": "Tidak ada respons sesudah."}},
            "pembanding": {
                "unit": ["Dinas X"],
                "did": {"n": 10, "klaster": 1, "estimasi": {"koef": None}, "alasan": "klaster_kurang"},
            },
            "its": {"Dinas AB": {"perubahan_level": {"koef": None}, "alasan": "tidak_cukup_periode"}},
        }

    modul = types.ModuleType("analitik.penataan")
    modul.banding_penataan = banding_penataan  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "analitik.penataan", modul)
    return panggilan


def test_penataan_mode_calls_the_database_side_with_the_options(penataan_palsu):
    obj = json.loads(
        jalankan("--penataan", "gabung-ab", "--instansi", "palembang", "--jeda-bulan", "3", "--json")
    )
    assert penataan_palsu == {
        "penataan_slug": "gabung-ab",
        "instansi_slug": "palembang",
        "jeda_bulan": 3,
        "bobot_lama": False,
        "bootstrap": 2000,
        "seed": 142017,
        "metode_bootstrap": "otomatis",
    }
    jalankan("--penataan", "gabung-ab", "--bootstrap", "500", "--seed", "7", "--bootstrap-metode", "normal")
    assert (penataan_palsu["bootstrap"], penataan_palsu["seed"], penataan_palsu["metode_bootstrap"]) == (
        500,
        7,
        "normal",
    )
    assert set(obj["unit"]["Dinas AB"]) == {"sebelum", "sesudah", "unsur", "ikm"}


def test_penataan_mode_prints_a_readable_report_per_unit(penataan_palsu):
    teks = jalankan("--penataan", "gabung-ab")
    assert "Penataan: Penggabungan Dinas A dan B (efektif 2025-01-01)" in teks
    assert "== Dinas AB ==" in teks and "U3 Waktu Penyelesaian" in teks
    assert "== Dinas C ==\nTidak ada respons sesudah." in teks
    assert "diperlukan paling sedikit dua unit layanan" in teks
    assert "tidak cukup periode" in teks


def test_the_bootstrap_method_can_be_forced_and_is_named_in_the_report(berkas):
    teks = jalankan(*berkas, "--bootstrap", "200", "--bootstrap-metode", "normal")
    assert "(persentil, 200 replikasi, pendekatan normal atas pengambilan ulang)" in teks
    normal = json.loads(jalankan(*berkas, "--json", "--bootstrap", "200", "--bootstrap-metode", "normal"))
    tepat = json.loads(jalankan(*berkas, "--json", "--bootstrap", "200", "--bootstrap-metode", "multinomial"))
    assert normal["ikm"]["bootstrap_ci95"] != tepat["ikm"]["bootstrap_ci95"]
    assert {k: v for k, v in normal.items() if k != "ikm"} == {k: v for k, v in tepat.items() if k != "ikm"}
    with pytest.raises(CommandError, match="bootstrap-metode"):
        jalankan(*berkas, "--bootstrap-metode", "bayes")


def test_penataan_mode_refuses_zero_replicates(penataan_palsu):
    with pytest.raises(CommandError, match="--bootstrap harus paling sedikit 1"):
        jalankan("--penataan", "gabung-ab", "--bootstrap", "0")
    assert penataan_palsu == {}


def test_penataan_errors_become_one_command_error(penataan_palsu):
    with pytest.raises(CommandError, match=r"^Penataan tidak-ada tidak ditemukan\.$"):
        jalankan("--penataan", "tidak-ada")
    with pytest.raises(CommandError, match="jangan berikan berkas"):
        jalankan("a.csv", "--penataan", "gabung-ab")


def test_without_the_database_side_penataan_mode_says_it_is_not_available(monkeypatch):
    monkeypatch.setitem(sys.modules, "analitik.penataan", None)  # import fails as if absent
    with pytest.raises(CommandError, match="belum tersedia"):
        jalankan("--penataan", "gabung-ab")
    monkeypatch.setitem(sys.modules, "analitik.penataan", types.ModuleType("analitik.penataan"))
    with pytest.raises(CommandError, match="belum tersedia"):
        jalankan("--penataan", "gabung-ab")
