"""analitik.penataan: which responses form each side of a restructuring (lineage, windows,
transition gap, comparison group), the queries it costs, and the JSON of banding_penataan().

The scenario: Kota Uji merges Unit A and Unit B into Unit C on 1 July 2024; Unit K1 and K2
are left alone (the comparison group). Every side is checked against the count table
computed in Python from the raw rows (tests.analitik.test_selectors.tabel_python).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.management import call_command
from pytest_django import DjangoAssertNumQueries

from analitik.penataan import (
    DataPenataan,
    KesalahanAnalisis,
    banding_penataan,
    data_penataan,
    jendela_penataan,
    penataan_cari,
)
from analitik.statistik import pilih_metode
from analitik.tabel import KODE_UNSUR, TabelHitung
from organisasi.models import Instansi, LinPenataan, Penataan, UnitLayanan
from survei.models import Survei
from tests.analitik.test_selectors import isi_acak, jam, respons_dengan, sama, tabel_python
from tests.factories import LinPenataanFactory, PenataanFactory, UnitLayananFactory
from tests.survei.test_selectors import buat_survei

Jenis = LinPenataan.Jenis
EFEKTIF = date(2024, 7, 1)


def buat_unit(instansi: Instansi, kode: str) -> UnitLayanan:
    return UnitLayananFactory.create(instansi=instansi, nama=f"Unit {kode}", slug=f"unit-{kode.lower()}")


def sisi(penataan: Penataan, jenis: str, asal: UnitLayanan | None, hasil: UnitLayanan | None) -> None:
    LinPenataanFactory.create(penataan=penataan, jenis=jenis, unit_asal=asal, unit_hasil=hasil)


@dataclass
class Kota:
    instansi: Instansi
    penataan: Penataan
    a: UnitLayanan
    b: UnitLayanan
    c: UnitLayanan
    k1: UnitLayanan
    k2: UnitLayanan
    survei: Survei


@pytest.fixture
def kota(instansi: Instansi) -> Kota:
    a, b, c, k1, k2 = (buat_unit(instansi, k) for k in ("A", "B", "C", "K1", "K2"))
    penataan = PenataanFactory.create(
        instansi=instansi,
        judul="Penggabungan Unit A dan Unit B",
        tanggal_efektif=EFEKTIF,
        dasar_hukum="Perda Kota Uji No. 1 Tahun 2024",
    )
    sisi(penataan, Jenis.PENGGABUNGAN, a, c)
    sisi(penataan, Jenis.PENGGABUNGAN, b, c)
    survei = buat_survei(*[(u, None) for u in (a, b, c, k1, k2)], buka=True)
    return Kota(instansi, penataan, a, b, c, k1, k2, survei)


@pytest.fixture
def berisi(kota: Kota) -> Kota:
    """Two years of responses on each side: A and B until the merger, C from it, K1 and K2
    throughout; C answers U3 better."""
    rng = random.Random(7)
    awal, efektif, akhir = jam(2022, 7, 1), jam(2024, 7, 1), jam(2026, 7, 1)
    for u in (kota.a, kota.b):
        isi_acak(kota.survei, u, 160, mulai=awal, sampai=efektif, rng=rng)
    isi_acak(kota.survei, kota.c, 160, mulai=efektif, sampai=akhir, rng=rng, geser={"U3": 0.8})
    for u in (kota.k1, kota.k2):
        isi_acak(kota.survei, u, 160, mulai=awal, sampai=akhir, rng=rng, rerata=2.8)
    return kota


def sebelum_sesudah(data: DataPenataan, unit: UnitLayanan) -> tuple[TabelHitung, TabelHitung]:
    [d] = [d for d in data.unit if d.unit == unit]
    return d.sebelum, d.sesudah


# Finding the penataan -------------------------------------------------------------------------


def test_it_finds_a_penataan_by_id_or_by_the_slug_of_its_judul(kota: Kota) -> None:
    assert penataan_cari(penataan_slug=str(kota.penataan.pk)) == kota.penataan
    assert penataan_cari(penataan_slug="penggabungan-unit-a-dan-unit-b") == kota.penataan
    assert (
        penataan_cari(penataan_slug="penggabungan-unit-a-dan-unit-b", instansi_slug=kota.instansi.slug)
        == kota.penataan
    )


def test_an_unknown_penataan_is_a_clear_error(kota: Kota) -> None:
    with pytest.raises(KesalahanAnalisis, match="“penggabungan-x” tidak ditemukan"):
        penataan_cari(penataan_slug="penggabungan-x")
    with pytest.raises(KesalahanAnalisis, match="tidak ditemukan"):
        penataan_cari(penataan_slug=str(kota.penataan.pk + 1000))


def test_an_unknown_instansi_is_a_clear_error(kota: Kota) -> None:
    with pytest.raises(KesalahanAnalisis, match="Instansi “kota-entah” tidak ditemukan"):
        penataan_cari(penataan_slug="penggabungan-unit-a-dan-unit-b", instansi_slug="kota-entah")


def test_a_judul_used_in_two_instansi_needs_the_instansi(kota: Kota, instansi_lain: Instansi) -> None:
    lain = PenataanFactory.create(instansi=instansi_lain, judul="Penggabungan Unit A dan Unit B")

    with pytest.raises(
        KesalahanAnalisis, match=r"beberapa instansi \(jambi, palembang\); sebutkan instansinya"
    ):
        penataan_cari(penataan_slug="penggabungan-unit-a-dan-unit-b")
    assert penataan_cari(penataan_slug="penggabungan-unit-a-dan-unit-b", instansi_slug="jambi") == lain


def test_a_judul_used_twice_in_one_instansi_needs_the_id(kota: Kota) -> None:
    kedua = PenataanFactory.create(instansi=kota.instansi, judul="Penggabungan Unit A dan Unit B")

    with pytest.raises(KesalahanAnalisis, match=f"gunakan id-nya: {kota.penataan.pk}, {kedua.pk}"):
        penataan_cari(penataan_slug="penggabungan-unit-a-dan-unit-b", instansi_slug=kota.instansi.slug)


# Windows ---------------------------------------------------------------------------------------


def test_the_windows_are_a_year_each_side_by_default() -> None:
    p = Penataan(tanggal_efektif=date(2024, 8, 31))

    assert jendela_penataan(penataan=p).objek() == {
        "sebelum": ["2023-08-31", "2024-08-31"],
        "sesudah": ["2024-08-31", "2025-08-31"],
        "jeda_bulan": 0,
        "jendela_bulan": 12,
    }
    assert jendela_penataan(penataan=p, jeda_bulan=6, jendela_bulan=6).objek() == {
        "sebelum": ["2024-02-29", "2024-08-31"],
        "sesudah": ["2025-02-28", "2025-08-28"],
        "jeda_bulan": 6,
        "jendela_bulan": 6,
    }
    assert jendela_penataan(penataan=p, jendela_bulan=None).objek()["sebelum"] == [None, "2024-08-31"]


@pytest.mark.parametrize(("jeda", "jendela"), [(-1, 12), (0, 0)])
def test_it_refuses_a_negative_gap_or_an_empty_window(jeda: int, jendela: int) -> None:
    with pytest.raises(KesalahanAnalisis):
        jendela_penataan(penataan=Penataan(tanggal_efektif=EFEKTIF), jeda_bulan=jeda, jendela_bulan=jendela)


# The two sides ---------------------------------------------------------------------------------


def test_the_merged_units_before_is_its_predecessors_before_the_date_and_its_after_is_itself(
    berisi: Kota,
) -> None:
    k = berisi
    data = data_penataan(penataan=k.penataan)
    sebelum, sesudah = sebelum_sesudah(data, k.c)

    sama(sebelum, tabel_python([k.a.pk, k.b.pk], jam(2023, 7, 1), jam(2024, 7, 1)))
    sama(sesudah, tabel_python([k.c.pk], jam(2024, 7, 1), jam(2025, 7, 1)))
    assert sebelum.n_responden > 100
    assert sesudah.n_responden > 60


def test_the_effective_date_starts_at_midnight_in_jakarta(kota: Kota) -> None:
    k = kota
    respons_dengan(k.survei, k.a, [1] * 9, jam(2024, 6, 30, 23, 59))  # before
    respons_dengan(k.survei, k.a, [2] * 9, jam(2024, 7, 1, 0, 0))  # the old unit after: nobody's
    respons_dengan(k.survei, k.c, [3] * 9, jam(2024, 6, 30, 23, 59))  # the new unit before: nobody's
    respons_dengan(k.survei, k.c, [4] * 9, jam(2024, 7, 1, 0, 0))  # after

    sebelum, sesudah = sebelum_sesudah(data_penataan(penataan=k.penataan), k.c)

    assert sebelum.unsur["U1"] == (1, 0, 0, 0)
    assert sesudah.unsur["U1"] == (0, 0, 0, 1)


def test_the_transition_gap_is_left_out_of_the_after(kota: Kota) -> None:
    k = kota
    respons_dengan(k.survei, k.a, [2] * 9, jam(2024, 3, 1))
    respons_dengan(k.survei, k.c, [1] * 9, jam(2024, 9, 30, 23, 59))
    respons_dengan(k.survei, k.c, [4] * 9, jam(2024, 10, 1))
    respons_dengan(k.survei, k.c, [3] * 9, jam(2025, 9, 30, 23, 59))
    respons_dengan(k.survei, k.c, [1] * 9, jam(2025, 10, 1))

    data = data_penataan(penataan=k.penataan, jeda_bulan=3)
    _sebelum, sesudah = sebelum_sesudah(data, k.c)

    assert data.jendela.objek()["sesudah"] == ["2024-10-01", "2025-10-01"]
    assert sesudah.unsur["U1"] == (0, 0, 1, 1)


def test_the_window_leaves_out_older_and_later_responses_unless_it_is_unbounded(kota: Kota) -> None:
    k = kota
    respons_dengan(k.survei, k.a, [1] * 9, jam(2023, 6, 30))  # more than a year before
    respons_dengan(k.survei, k.b, [2] * 9, jam(2023, 7, 1))
    respons_dengan(k.survei, k.c, [3] * 9, jam(2025, 6, 30))
    respons_dengan(k.survei, k.c, [4] * 9, jam(2025, 7, 1))  # more than a year after

    sebelum, sesudah = sebelum_sesudah(data_penataan(penataan=k.penataan), k.c)
    semua_sebelum, semua_sesudah = sebelum_sesudah(
        data_penataan(penataan=k.penataan, jendela_bulan=None), k.c
    )

    assert (sebelum.unsur["U1"], sesudah.unsur["U1"]) == ((0, 1, 0, 0), (0, 0, 1, 0))
    assert (semua_sebelum.unsur["U1"], semua_sesudah.unsur["U1"]) == ((1, 1, 0, 0), (0, 0, 1, 1))


def test_a_chain_of_restructurings_reaches_the_oldest_predecessor(kota: Kota) -> None:
    k = kota
    asal = buat_unit(k.instansi, "Asal")
    lama = PenataanFactory.create(instansi=k.instansi, tanggal_efektif=date(2024, 1, 1))
    sisi(lama, Jenis.GANTI_NAMA, asal, k.a)
    survei = buat_survei((asal, None), judul="SKM 2023", buka=True)
    respons_dengan(survei, asal, [1] * 9, jam(2023, 12, 31, 12))
    respons_dengan(k.survei, k.a, [2] * 9, jam(2024, 2, 1))
    respons_dengan(k.survei, k.b, [3] * 9, jam(2024, 3, 1))
    respons_dengan(k.survei, k.c, [4] * 9, jam(2024, 8, 1))

    data = data_penataan(penataan=k.penataan)
    [d] = data.unit
    sebelum, sesudah = sebelum_sesudah(data, k.c)

    assert [u.nama for u in d.pendahulu] == ["Unit A", "Unit B", "Unit Asal"]
    assert sebelum.unsur["U1"] == (1, 1, 1, 0)
    assert sesudah.unsur["U1"] == (0, 0, 0, 1)


def test_a_unit_that_absorbs_another_keeps_its_own_history(kota: Kota) -> None:
    k = kota
    p = PenataanFactory.create(instansi=k.instansi, tanggal_efektif=date(2025, 1, 1))
    sisi(p, Jenis.PENGGABUNGAN, k.k1, k.k1)
    sisi(p, Jenis.PENGGABUNGAN, k.k2, k.k1)
    respons_dengan(k.survei, k.k1, [1] * 9, jam(2024, 12, 1))
    respons_dengan(k.survei, k.k2, [2] * 9, jam(2024, 12, 2))
    respons_dengan(k.survei, k.k1, [4] * 9, jam(2025, 1, 2))

    sebelum, sesudah = sebelum_sesudah(data_penataan(penataan=p), k.k1)

    assert sebelum.unsur["U1"] == (1, 1, 0, 0)
    assert sesudah.unsur["U1"] == (0, 0, 0, 1)


# Comparison group and clusters -------------------------------------------------------------


def test_the_comparison_group_is_the_units_left_alone_over_the_same_windows(berisi: Kota) -> None:
    k = berisi
    data = data_penataan(penataan=k.penataan, jeda_bulan=3)

    assert [x.unit for x in data.pembanding] == [k.k1, k.k2]
    for x in data.pembanding:
        assert x.sebelum == tabel_python([x.unit.pk], jam(2023, 7, 1), jam(2024, 7, 1)).skor
        assert x.sesudah == tabel_python([x.unit.pk], jam(2024, 10, 1), jam(2025, 10, 1)).skor


def test_a_unit_restructured_by_another_penataan_within_the_window_is_no_comparison(kota: Kota) -> None:
    k = kota
    baru = UnitLayananFactory.create(instansi=k.instansi, nama="Unit K1 Baru", aktif_dari=date(2025, 3, 1))
    UnitLayanan.objects.filter(pk=k.k1.pk).update(aktif_sampai=date(2025, 2, 28))
    lain = PenataanFactory.create(instansi=k.instansi, tanggal_efektif=date(2025, 3, 1))
    sisi(lain, Jenis.GANTI_NAMA, k.k1, baru)

    assert [x.unit for x in data_penataan(penataan=k.penataan).pembanding] == [k.k2]
    assert [x.unit for x in data_penataan(penataan=k.penataan, jendela_bulan=6).pembanding] == [k.k1, k.k2]


def test_the_parts_of_a_split_form_one_cluster_of_the_did(kota: Kota) -> None:
    k = kota
    p = PenataanFactory.create(instansi=k.instansi, tanggal_efektif=date(2025, 1, 1))
    sisi(p, Jenis.PEMECAHAN, k.k1, k.k2)
    sisi(p, Jenis.PEMECAHAN, k.k1, k.a)
    sisi(p, Jenis.GANTI_NAMA, k.b, k.c)

    assert data_penataan(penataan=p).klaster == tuple(sorted([tuple(sorted([k.a.pk, k.k2.pk])), (k.c.pk,)]))


# Interrupted time series ------------------------------------------------------------------------


def test_the_periods_are_semesters_back_from_the_date_and_forward_from_the_gap(berisi: Kota) -> None:
    k = berisi
    data = data_penataan(penataan=k.penataan, jeda_bulan=3)
    [d] = data.unit

    assert [(p.mulai.isoformat(), p.sampai.isoformat()) for p in d.periode] == [
        ("2022-07-01", "2023-01-01"),
        ("2023-01-01", "2023-07-01"),
        ("2023-07-01", "2024-01-01"),
        ("2024-01-01", "2024-07-01"),
        ("2024-10-01", "2025-04-01"),
        ("2025-04-01", "2025-10-01"),
        ("2025-10-01", "2026-04-01"),
        ("2026-04-01", "2026-10-01"),
    ]
    assert d.indeks_intervensi == 4
    for p in d.periode:
        ids = [k.a.pk, k.b.pk] if p.sampai <= EFEKTIF else [k.c.pk]
        t = tabel_python(
            ids,
            jam(p.mulai.year, p.mulai.month, p.mulai.day),
            jam(p.sampai.year, p.sampai.month, p.sampai.day),
        )
        assert dict(p.tabel.unsur) == dict(t.unsur)
        assert dict(p.tabel.skor) == dict(t.skor)


def test_a_period_where_some_unsur_has_no_answer_ends_the_series(kota: Kota) -> None:
    k = kota
    for tanggal in ((2022, 2, 1), (2023, 2, 1), (2023, 8, 1), (2024, 3, 1)):
        respons_dengan(k.survei, k.a, [3] * 9, jam(*tanggal))
    respons_dengan(k.survei, k.a, [3] * 8 + [None], jam(2022, 8, 1))  # nobody answered U9
    respons_dengan(k.survei, k.c, [3] * 9, jam(2024, 8, 1))

    [d] = data_penataan(penataan=k.penataan).unit

    assert [p.mulai.isoformat() for p in d.periode] == [
        "2023-01-01",
        "2023-07-01",
        "2024-01-01",
        "2024-07-01",
    ]
    assert d.indeks_intervensi == 3


# Query count ---------------------------------------------------------------------------------


def test_the_data_of_a_penataan_costs_a_fixed_number_of_queries(
    berisi: Kota, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    k = berisi
    for i in range(6):
        u = buat_unit(k.instansi, f"Tambahan {i}")
        isi_acak(k.survei, u, 10, mulai=jam(2023, 1, 1), sampai=jam(2026, 1, 1), rng=random.Random(i))

    # resulting units 1 + lineage 2 x 1 + comparison units 1 + time range 1 + counts 1
    with django_assert_num_queries(6):
        data = data_penataan(penataan=k.penataan, jeda_bulan=3, jendela_bulan=None)

    assert len(data.pembanding) == 8


def test_the_data_of_a_split_costs_two_more_queries_per_resulting_unit(
    kota: Kota, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    k = kota
    p = PenataanFactory.create(instansi=k.instansi, tanggal_efektif=date(2025, 1, 1))
    for hasil in (k.b, k.c, k.k2):
        sisi(p, Jenis.PEMECAHAN, k.a, hasil)

    with django_assert_num_queries(4 + 2 * 3):
        data_penataan(penataan=p)


# banding_penataan ----------------------------------------------------------------------------


def test_banding_penataan_returns_the_json_object_of_the_interface(berisi: Kota) -> None:
    k = berisi
    hasil = banding_penataan(penataan_slug="penggabungan-unit-a-dan-unit-b", jeda_bulan=3)

    assert json.loads(json.dumps(hasil, allow_nan=False)) == hasil
    assert list(hasil) == ["penataan", "jendela", "unit", "pembanding", "its"]
    assert hasil["penataan"] == {
        "id": k.penataan.pk,
        "slug": "penggabungan-unit-a-dan-unit-b",
        "judul": "Penggabungan Unit A dan Unit B",
        "tanggal_efektif": "2024-07-01",
        "dasar_hukum": "Perda Kota Uji No. 1 Tahun 2024",
        "instansi": {"slug": "palembang", "nama": "Pemerintah Kota Palembang"},
    }
    assert hasil["jendela"] == {
        "sebelum": ["2023-07-01", "2024-07-01"],
        "sesudah": ["2024-10-01", "2025-10-01"],
        "jeda_bulan": 3,
        "jendela_bulan": 12,
    }
    c = hasil["unit"]["Unit C"]
    assert c["unit_sebelum"] == ["Unit A", "Unit B"]
    assert {"sebelum", "sesudah", "unsur", "ikm"} <= set(c)
    assert list(c["unsur"]) == list(KODE_UNSUR)
    assert c["sebelum"]["n"] == tabel_python([k.a.pk, k.b.pk], jam(2023, 7, 1), jam(2024, 7, 1)).n_responden
    assert c["unsur"]["U3"]["selisih"] > 0.4
    assert c["unsur"]["U3"]["p_holm"] < 0.05
    assert hasil["pembanding"]["unit"] == ["Unit K1", "Unit K2"]
    did = hasil["pembanding"]["did"]
    assert did["klaster"] == 3
    assert did["n"] == (
        c["sebelum"]["n"]
        + c["sesudah"]["n"]
        + sum(tabel_python([x.pk], jam(2023, 7, 1), jam(2024, 7, 1)).n_responden for x in (k.k1, k.k2))
        + sum(tabel_python([x.pk], jam(2024, 10, 1), jam(2025, 10, 1)).n_responden for x in (k.k1, k.k2))
    )
    its = hasil["its"]["Unit C"]
    assert its["n_periode"] == len(its["periode"]) == 8
    assert its["indeks_intervensi"] == 4
    assert its["periode"][0] == {
        "mulai": "2022-07-01",
        "sampai": "2023-01-01",
        "n": its["periode"][0]["n"],
        "nilai_konversi": pytest.approx(its["periode"][0]["nilai_konversi"]),
    }


def test_each_unit_records_its_bootstrap_method_and_the_command_passes_the_options(
    berisi: Kota, capsys: pytest.CaptureFixture[str]
) -> None:
    k = berisi
    data = data_penataan(penataan=k.penataan)
    sebelum, sesudah = sebelum_sesudah(data, k.c)
    hasil = banding_penataan(penataan_slug="penggabungan-unit-a-dan-unit-b")
    assert hasil["unit"]["Unit C"]["bootstrap_metode"] == pilih_metode(sebelum, sesudah, b=2000)
    # 320 varied respondents before: far more patterns than the exact sampler's budget at 2000.
    assert hasil["unit"]["Unit C"]["bootstrap_metode"] == "normal"

    call_command("banding", "--penataan", "penggabungan-unit-a-dan-unit-b", "--bootstrap", "300", "--json")
    dari_perintah = json.loads(capsys.readouterr().out)
    c = dari_perintah["unit"]["Unit C"]
    assert (
        c == banding_penataan(penataan_slug="penggabungan-unit-a-dan-unit-b", bootstrap=300)["unit"]["Unit C"]
    )
    assert c["bootstrap_metode"] == pilih_metode(sebelum, sesudah, b=300) == "multinomial"
    assert c["ikm"]["bootstrap_ci95"] != hasil["unit"]["Unit C"]["ikm"]["bootstrap_ci95"]

    call_command("banding", "--penataan", "penggabungan-unit-a-dan-unit-b", "--bootstrap", "300")
    teks = capsys.readouterr().out
    assert "(persentil, 300 replikasi, pengambilan ulang tepat)" in teks


def test_a_new_unit_without_predecessors_cannot_be_compared(kota: Kota) -> None:
    k = kota
    baru = buat_unit(k.instansi, "Baru")
    p = PenataanFactory.create(
        instansi=k.instansi, judul="Pembentukan Unit Baru", tanggal_efektif=date(2025, 1, 1)
    )
    sisi(p, Jenis.BARU, None, baru)

    with pytest.raises(KesalahanAnalisis, match="Unit Baru: Unit ini dibentuk baru tanpa unit pendahulu"):
        banding_penataan(penataan_slug="pembentukan-unit-baru")


def test_a_unit_without_responses_after_the_date_is_a_clear_error(kota: Kota) -> None:
    k = kota
    respons_dengan(k.survei, k.a, [3] * 9, jam(2024, 3, 1))

    with pytest.raises(KesalahanAnalisis, match="Tidak ada respons unit ini dalam jendela sesudah penataan"):
        banding_penataan(penataan_slug=str(k.penataan.pk))


def test_a_resulting_unit_without_data_is_reported_beside_the_ones_with_data(berisi: Kota) -> None:
    k = berisi
    sisi(k.penataan, Jenis.BARU, None, buat_unit(k.instansi, "D"))

    hasil = banding_penataan(penataan_slug=str(k.penataan.pk))

    assert hasil["unit"]["Unit D"]["unit_sebelum"] == []
    assert "tanpa unit pendahulu" in hasil["unit"]["Unit D"]["alasan"]
    assert "unsur" in hasil["unit"]["Unit C"]
    assert hasil["pembanding"]["did"]["klaster"] == 3


def test_units_sharing_a_name_are_told_apart_by_their_slug(kota: Kota) -> None:
    k = kota
    kembar = UnitLayananFactory.create(instansi=k.instansi, nama="Unit C", slug="unit-c-2")
    sisi(k.penataan, Jenis.GANTI_NAMA, k.k1, kembar)
    for u, bulan in ((k.a, 3), (k.k1, 4)):
        respons_dengan(k.survei, u, [3] * 9, jam(2024, bulan, 1))
        respons_dengan(k.survei, u, [2] * 9, jam(2024, bulan, 2))
    survei = buat_survei((kembar, None), judul="SKM 2", buka=True)
    for u, s in ((k.c, k.survei), (kembar, survei)):
        respons_dengan(s, u, [4] * 9, jam(2024, 8, 1))
        respons_dengan(s, u, [3] * 9, jam(2024, 8, 2))

    hasil = banding_penataan(penataan_slug=str(k.penataan.pk))

    assert sorted(hasil["unit"]) == ["Unit C (unit-c)", "Unit C (unit-c-2)"]
    assert hasil["unit"]["Unit C (unit-c-2)"]["unit_sebelum"] == ["Unit K1"]
