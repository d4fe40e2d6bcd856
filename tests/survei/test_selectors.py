"""survei.selectors: the evaluator's survey list and a survey's progress per unit, counted in the
database, with the sample-size figures checked against hand-computed values.

The helpers buat_survei() and tambah_respons() are also used by tests/survei/test_kelola_*.py.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from pytest_django import DjangoAssertNumQueries

from organisasi.models import Instansi, UnitLayanan
from survei.models import Kuesioner, Respons, Survei
from survei.selectors import (
    SAMPEL_POPULASI_TAK_DIKETAHUI,
    kuesioner_jumlah_pertanyaan,
    survei_kemajuan,
    survei_per_instansi,
)
from survei.services import kunci_baru, respons_simpan, survei_buat, survei_buka
from survei.skm import KODE_TEMPLATE_SKM
from tests.factories import LayananFactory, UnitLayananFactory

JAWABAN_LENGKAP = {f"U{i}": 4 for i in range(1, 10)}


def template_skm() -> Kuesioner:
    return Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM)


def buat_survei(
    *unit_populasi: tuple[UnitLayanan, int | None],
    judul: str = "SKM Semester I 2025",
    buka: bool = False,
) -> Survei:
    """A survey made by the real service (draft, or open with buka=True)."""
    survei = survei_buat(
        kuesioner=template_skm(),
        instansi_unit=list(unit_populasi),
        judul=judul,
        periode="Semester I 2025",
        mulai=date(2025, 1, 1),
        selesai=date(2025, 6, 30),
        pengguna=None,
    )
    return survei_buka(survei=survei) if buka else survei


def tambah_respons(
    survei: Survei, unit: UnitLayanan, jumlah: int, *, sumber: str = Respons.Sumber.ONLINE
) -> None:
    """jumlah responses stored through the real service (the survey must be open)."""
    for _ in range(jumlah):
        respons_simpan(survei=survei, unit=unit, jawaban=JAWABAN_LENGKAP, sumber=sumber, kunci=kunci_baru())


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return buat_survei((unit, 1000), (unit_lain, None), buka=True)


# Progress per unit -------------------------------------------------------------------------


def test_it_counts_responses_per_unit_and_source(
    survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    tambah_respons(survei, unit, 3, sumber=Respons.Sumber.ONLINE)
    tambah_respons(survei, unit, 2, sumber=Respons.Sumber.KIOS)
    tambah_respons(survei, unit, 4, sumber=Respons.Sumber.KERTAS)
    tambah_respons(survei, unit, 1, sumber=Respons.Sumber.IMPOR)
    tambah_respons(survei, unit_lain, 6, sumber=Respons.Sumber.KERTAS)

    baris = {k.unit: k for k in survei_kemajuan(survei=survei).unit}

    assert (baris[unit].daring, baris[unit].kertas, baris[unit].jumlah) == (5, 5, 10)
    assert (baris[unit_lain].daring, baris[unit_lain].kertas, baris[unit_lain].jumlah) == (0, 6, 6)


def test_it_ignores_the_units_responses_to_another_survey(survei: Survei, unit: UnitLayanan) -> None:
    lain = buat_survei((unit, 50), judul="SKM Semester II 2025", buka=True)
    tambah_respons(lain, unit, 7)
    tambah_respons(survei, unit, 2)

    baris = {k.unit: k for k in survei_kemajuan(survei=survei).unit}

    assert baris[unit].jumlah == 2


def test_it_keeps_a_unit_without_responses_with_zero(
    survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    kemajuan = survei_kemajuan(survei=survei)

    assert [(k.unit, k.jumlah, k.margin_error) for k in kemajuan.unit] == [
        (unit, 0, None),
        (unit_lain, 0, None),
    ]
    assert kemajuan.jumlah == 0


def test_it_counts_with_one_query_whatever_the_number_of_units(
    instansi: Instansi, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    daftar_unit = UnitLayananFactory.create_batch(12, instansi=instansi)
    survei = buat_survei(*[(u, 100 + i) for i, u in enumerate(daftar_unit)], buka=True)
    for u in daftar_unit[:4]:
        tambah_respons(survei, u, 2)

    with django_assert_num_queries(1):
        kemajuan = survei_kemajuan(survei=survei)
        assert kemajuan.jumlah == 8
        assert len(kemajuan.unit) == 12


def test_it_loads_the_active_services_of_all_units_in_one_more_query(
    survei: Survei,
    unit: UnitLayanan,
    unit_lain: UnitLayanan,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    akta = LayananFactory.create(unit=unit, nama="Akta kelahiran")
    ktp = LayananFactory.create(unit=unit, nama="KTP elektronik")
    LayananFactory.create(unit=unit, nama="Layanan lama", aktif=False)

    with django_assert_num_queries(2):
        baris = {k.unit: k for k in survei_kemajuan(survei=survei, dengan_layanan=True).unit}

    assert baris[unit].layanan == (akta, ktp)
    assert baris[unit_lain].layanan == ()


# Sample size figures -----------------------------------------------------------------------


def test_population_1000_requires_278_respondents(survei: Survei, unit: UnitLayanan) -> None:
    baris = {k.unit: k for k in survei_kemajuan(survei=survei).unit}

    assert baris[unit].sampel_minimum == 278
    assert baris[unit].target == 278


def test_100_responses_of_population_1000_reach_the_hand_computed_margin(
    survei: Survei, unit: UnitLayanan
) -> None:
    tambah_respons(survei, unit, 60)
    tambah_respons(survei, unit, 40, sumber=Respons.Sumber.KERTAS)

    k = {k.unit: k for k in survei_kemajuan(survei=survei).unit}[unit]

    assert k.margin_error == pytest.approx(math.sqrt(3.841 * 0.25 * 900 / (100 * 999)))
    assert k.margin_error_persen == pytest.approx(9.3010, abs=1e-4)
    # 100 of 278: 35,97% floored.
    assert k.persen_tercapai == 35
    assert not k.tercapai


def test_unknown_population_has_no_required_sample_and_is_measured_against_385(
    survei: Survei, unit_lain: UnitLayanan
) -> None:
    tambah_respons(survei, unit_lain, 10)

    k = {k.unit: k for k in survei_kemajuan(survei=survei).unit}[unit_lain]

    assert SAMPEL_POPULASI_TAK_DIKETAHUI == 385
    assert k.sampel_minimum is None
    assert k.target == 385
    # Without a population the margin has no finite population correction.
    assert k.margin_error == pytest.approx(math.sqrt(3.841 * 0.25 / 10))


def test_a_population_of_zero_reads_as_unknown(unit: UnitLayanan) -> None:
    survei = buat_survei((unit, 0), buka=True)

    k = survei_kemajuan(survei=survei).unit[0]

    assert not k.populasi_diketahui
    assert k.sampel_minimum is None
    assert k.target == 385


def test_a_unit_that_reached_its_sample_shows_100_percent(unit: UnitLayanan) -> None:
    survei = buat_survei((unit, 10), buka=True)
    tambah_respons(survei, unit, 12)

    k = survei_kemajuan(survei=survei).unit[0]

    assert k.sampel_minimum == 10
    assert k.persen_tercapai == 100
    assert k.tercapai
    assert k.margin_error == 0.0


def test_totals_add_the_units_when_every_population_is_known(
    unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    survei = buat_survei((unit, 1000), (unit_lain, 100), buka=True)
    tambah_respons(survei, unit, 278)
    tambah_respons(survei, unit_lain, 20, sumber=Respons.Sumber.KERTAS)

    kemajuan = survei_kemajuan(survei=survei)

    assert (kemajuan.jumlah, kemajuan.daring, kemajuan.kertas) == (298, 278, 20)
    assert kemajuan.populasi == 1100
    assert kemajuan.sampel_minimum == 278 + 80
    assert kemajuan.unit_tercapai == 1
    assert kemajuan.margin_error_persen == pytest.approx(
        100 * math.sqrt(3.841 * 0.25 * (1100 - 298) / (298 * 1099))
    )


def test_totals_have_no_population_or_required_sample_when_one_is_unknown(survei: Survei) -> None:
    kemajuan = survei_kemajuan(survei=survei)

    assert not kemajuan.populasi_lengkap
    assert kemajuan.populasi is None
    assert kemajuan.sampel_minimum is None


# The evaluator's list --------------------------------------------------------------------


def test_it_lists_each_instansi_with_its_surveys_and_their_response_counts(
    instansi: Instansi,
    instansi_lain: Instansi,
    unit: UnitLayanan,
    unit_instansi_lain: UnitLayanan,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    lama = buat_survei((unit, None), judul="SKM 2024", buka=True)
    tambah_respons(lama, unit, 3)
    baru = buat_survei((unit, None), judul="SKM 2025")
    buat_survei((unit_instansi_lain, None), judul="SKM Jambi")

    with django_assert_num_queries(2):
        daftar = survei_per_instansi(instansi=Instansi.objects.filter(pk=instansi.pk))
        hasil = [(d.instansi, [(r.survei, r.jumlah_respons) for r in d.survei]) for d in daftar]

    assert {s for _i, baris in hasil for s, _n in baris} == {lama, baru}
    assert dict(hasil[0][1]) == {lama: 3, baru: 0}


def test_an_instansi_without_surveys_is_listed_empty(instansi: Instansi) -> None:
    daftar = survei_per_instansi(instansi=Instansi.objects.all())

    assert [(d.instansi, d.survei) for d in daftar] == [(instansi, [])]


def test_it_counts_the_questions_of_a_questionnaire_per_group(db: None) -> None:
    jumlah = kuesioner_jumlah_pertanyaan(kuesioner_id=template_skm().pk)

    assert jumlah["unsur"] == 9
    assert "harapan" not in jumlah
