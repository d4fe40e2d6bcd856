"""analitik.penataan on the demo data, whose effects are written down in survei.demo.EFEK: the
analysis must find those and nothing else.

`manage.py demo` writes about 20 000 responses, so it runs once for the whole module inside a
transaction that is rolled back at the end; each test runs in a savepoint within it.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from analitik.penataan import KesalahanAnalisis, banding_penataan
from analitik.tabel import KODE_UNSUR
from tests.factories import pasang_template_skm

PALEMBANG = "penggabungan-dinas-perindustrian-dan-dinas-perdagangan"
DISPERINDAG = "Dinas Perindustrian dan Perdagangan"
SERANG = "penataan-dinas-kesehatan-dan-pembentukan-uptd-laboratorium-kesehatan-daerah"
TEBING_TINGGI = "penggabungan-dpppa-dan-dppkb"
DP3APPKB = "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana"
ALFA = 0.05


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        pasang_template_skm()
        call_command("demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def data_demo(demo: None, db: None) -> None:
    return None


def bermakna(unit: dict[str, Any]) -> dict[str, float]:
    """Unsur whose change is significant after Holm's correction, with their difference."""
    return {
        k: u["selisih"] for k, u in unit["unsur"].items() if u["p_holm"] is not None and u["p_holm"] < ALFA
    }


def test_palembangs_merged_unit_answers_faster_and_with_easier_procedures(data_demo: None) -> None:
    hasil = banding_penataan(penataan_slug=PALEMBANG, instansi_slug="kota-palembang", jeda_bulan=6)
    unit = hasil["unit"][DISPERINDAG]

    assert unit["unit_sebelum"] == ["Dinas Perdagangan", "Dinas Perindustrian"]
    # EFEK: U2 +0,35 and U3 +0,45 on the 1-4 scale from the merger on; the U8 dip of
    # Semester II 2024 lies inside the six-month gap. (Further from the date the city's common
    # trend, +0,03 a semester on every unsur, can reach significance too: the DiD removes it.)
    assert {"U2", "U3"} <= set(bermakna(unit))
    assert "U8" not in bermakna(unit)
    assert unit["unsur"]["U3"]["selisih"] > 0.3
    assert unit["unsur"]["U3"]["cohen_d"] > 0.3
    assert unit["ikm"]["selisih"] > 0
    assert unit["ikm"]["bootstrap_ci95"][0] > 0


def test_palembangs_complaint_channel_dips_right_after_the_merger(data_demo: None) -> None:
    unit = banding_penataan(penataan_slug=PALEMBANG)["unit"][DISPERINDAG]

    # EFEK: U8 -0,5 during Semester II 2024 only, half of the first year after.
    assert unit["unsur"]["U8"]["selisih"] < -0.15
    assert set(bermakna(unit)) == {"U2", "U3", "U8"}


def test_palembangs_change_exceeds_the_common_trend_of_the_untouched_units(data_demo: None) -> None:
    hasil = banding_penataan(penataan_slug=PALEMBANG, jeda_bulan=6)
    did = hasil["pembanding"]["did"]

    assert DISPERINDAG not in hasil["pembanding"]["unit"]
    assert "Dinas Perdagangan" not in hasil["pembanding"]["unit"]
    assert len(hasil["pembanding"]["unit"]) == 8
    assert did["klaster"] == 9
    assert did["estimasi"]["koef"] > 0
    assert did["estimasi"]["p_t"] < ALFA
    rata = did["rata"]
    assert rata["pembanding_sesudah"] > rata["pembanding_sebelum"]  # the common trend


def test_palembang_has_enough_semesters_for_an_interrupted_time_series(data_demo: None) -> None:
    its = banding_penataan(penataan_slug=PALEMBANG)["its"][DISPERINDAG]

    assert its["indeks_intervensi"] == 3
    assert its["n_periode"] >= 6
    assert its["alasan"] is None
    assert its["perubahan_level"]["koef"] is not None


def test_tebing_tinggis_merger_changes_nothing_significant(data_demo: None) -> None:
    hasil = banding_penataan(penataan_slug=TEBING_TINGGI)
    unit = hasil["unit"][DP3APPKB]

    assert unit["unit_sebelum"] == [
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    ]
    assert list(unit["unsur"]) == list(KODE_UNSUR)
    assert bermakna(unit) == {}
    assert unit["ikm"]["welch"]["p"] > ALFA
    assert hasil["pembanding"]["did"]["estimasi"]["p_t"] > ALFA


def test_serangs_split_units_both_answer_faster_and_the_laboratory_got_a_new_building(
    data_demo: None,
) -> None:
    hasil = banding_penataan(penataan_slug=SERANG)

    dinkes = hasil["unit"]["Dinas Kesehatan"]
    labkesda = hasil["unit"]["UPTD Laboratorium Kesehatan Daerah"]
    assert dinkes["unit_sebelum"] == labkesda["unit_sebelum"] == ["Dinas Kesehatan"]
    assert "U3" in bermakna(dinkes)
    assert {"U3", "U9"} <= set(bermakna(labkesda))
    # Both parts share the old Dinas Kesehatan's history: one cluster, counted once.
    assert hasil["pembanding"]["did"]["klaster"] == len(hasil["pembanding"]["unit"]) + 1


def test_sawahluntos_new_complaint_unit_has_no_before(data_demo: None) -> None:
    with pytest.raises(KesalahanAnalisis, match="tanpa unit pendahulu"):
        banding_penataan(penataan_slug="pembentukan-unit-layanan-pengaduan-masyarakat")
