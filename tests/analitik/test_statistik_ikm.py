"""The IKM of PermenPANRB 14/2017 against hand-worked examples, in exact arithmetic."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analitik.statistik import IKMTidakLengkap, bulatkan, ikm, mutu_pelayanan
from analitik.tabel import KODE_UNSUR, TabelHitung, dari_baris

from .strategi import PROFIL, baris_responden

_: None = None

# Five respondents, some unsur unanswered (None), so the denominators differ per unsur.
LIMA: list[list[int | None]] = [
    #  U1 U2 U3 U4 U5 U6 U7 U8 U9
    [4, 4, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, 3, 4, 3, 4, 4, 1, 3],
    [3, 2, _, 4, 3, 3, 4, _, 2],
    [4, 3, 2, 4, _, 3, 3, _, 3],
    [2, 3, 3, 4, 3, 3, 4, 2, _],
]


def test_a_hand_worked_example_with_missing_answers():
    # NRR = sum / answers of that unsur:
    #   U1 (4+3+3+4+2)/5 = 16/5 = 3,2      U2 15/5 = 3,0     U3 (3+3+2+3)/4 = 11/4 = 2,75
    #   U4 20/5 = 4,0                     U5 12/4 = 3,0     U6 16/5 = 3,2
    #   U7 19/5 = 3,8                     U8 (2+1+2)/3 = 5/3 U9 11/4 = 2,75
    # sum NRR = 25,7 + 5/3 = 821/30; IKM = 821/270 = 3,04074...; x 25 = 20525/270 = 76,0185...
    h = ikm(dari_baris(LIMA))
    nrr = {k: u.nrr for k, u in h.unsur.items()}
    assert nrr == {
        "U1": Fraction(16, 5),
        "U2": Fraction(3),
        "U3": Fraction(11, 4),
        "U4": Fraction(4),
        "U5": Fraction(3),
        "U6": Fraction(16, 5),
        "U7": Fraction(19, 5),
        "U8": Fraction(5, 3),
        "U9": Fraction(11, 4),
    }
    assert [h.unsur[k].n for k in KODE_UNSUR] == [5, 5, 4, 5, 4, 5, 5, 3, 4]
    assert h.unsur["U8"].jumlah == 5
    assert h.unsur["U8"].nrr_tertimbang == Fraction(5, 27)
    assert h.n == 5
    assert h.ikm == Fraction(821, 270)
    assert h.nilai_konversi == Fraction(20525, 270)
    assert float(h.nilai_konversi) == pytest.approx(76.01851851851852, rel=1e-15)
    assert h.nilai_konversi_bulat == Decimal("76.02")
    assert (h.mutu, h.kinerja) == ("C", "Kurang Baik")


def test_the_legacy_weight_multiplies_each_nrr_by_0_111_and_says_so():
    # Same respondents: sum NRR = 821/30; x 0,111 = 91,131/30 = 3,0377; x 25 = 75,9425.
    h = ikm(dari_baris(LIMA), bobot_lama=True)
    assert h.bobot == Fraction(111, 1000) and h.bobot_lama
    assert h.unsur["U1"].nrr_tertimbang == Fraction(16, 5) * Fraction(111, 1000)  # 0,3552
    assert h.ikm == Fraction(30377, 10000)
    assert h.nilai_konversi == Fraction(759425, 10000)
    assert h.nilai_konversi_bulat == Decimal("75.94")
    assert h.mutu == "C"


def test_a_value_exactly_on_the_b_boundary_rounds_half_up_into_b():
    # 5000 respondents: 2889 answer U1 = 4 and everything else 3; 2111 answer 3 everywhere.
    # NRR U1 = (2889 x 4 + 2111 x 3) / 5000 = 17889/5000 = 3,5778; U2..U9 = 3.
    # sum NRR = 27,5778; IKM = 3,0642; nilai konversi = 27,5778 x 25 / 9 = 76,605 exactly
    # -> 76,61 (half-up; banker's rounding would give 76,60) -> B.
    baris = [[4] + [3] * 8] * 2889 + [[3] * 9] * 2111
    h = ikm(dari_baris(baris))
    assert h.unsur["U1"].nrr == Fraction(17889, 5000)
    assert h.nilai_konversi == Fraction(76605, 1000)
    assert h.nilai_konversi_bulat == Decimal("76.61")
    assert (h.mutu, h.kinerja) == ("B", "Baik")
    # The trap exact arithmetic avoids: in floats with the weight 1/9, and depending on the
    # order of the additions, this is 76,60499999999999, which would round to 76,60 (C).
    nrr = [3.0] * 8 + [17889 / 5000]
    assert sum(x * (1 / 9) for x in nrr) * 25 == 76.60499999999999


def test_a_value_exactly_on_the_a_boundary_rounds_into_a():
    # 5000 respondents: U1 = 4 for 3949 of them (else 3); U2..U9 = 4 for 2500 (else 3).
    # NRR U1 = (3949 x 4 + 1051 x 3)/5000 = 18949/5000 = 3,7898; U2..U9 = 3,5.
    # sum NRR = 28 + 3,7898 = 31,7898; x 25 / 9 = 88,305 exactly -> 88,31 -> A.
    baris = [[4 if i < 3949 else 3] + [4 if i < 2500 else 3] * 8 for i in range(5000)]
    h = ikm(dari_baris(baris))
    assert h.nilai_konversi == Fraction(88305, 1000)
    assert h.nilai_konversi_bulat == Decimal("88.31")
    assert (h.mutu, h.kinerja) == ("A", "Sangat Baik")


@pytest.mark.parametrize(
    ("nilai", "mutu"),
    [
        (Decimal("88.304999"), "B"),  # -> 88,30
        (Decimal("88.305"), "A"),  # -> 88,31
        (88.305, "A"),  # a float is read as typed
        (Decimal("88.30"), "B"),
        (Decimal("76.605"), "B"),  # -> 76,61
        (Decimal("76.604999"), "C"),  # -> 76,60
        (Decimal("76.60"), "C"),
        (Decimal("65.00"), "C"),
        (Decimal("64.995"), "C"),  # -> 65,00
        (Decimal("64.994999"), "D"),  # -> 64,99
        (Decimal("25.00"), "D"),
        (Decimal("24.975"), "D"),  # the legacy weights' minimum, still the lowest band
        (Decimal("100"), "A"),
        (Fraction(76605, 1000), "B"),
    ],
)
def test_mutu_is_read_on_the_nilai_konversi_rounded_half_up_to_two_decimals(nilai, mutu):
    assert mutu_pelayanan(nilai)[0] == mutu


def test_the_rounding_is_half_up_not_bankers():
    assert bulatkan(Decimal("76.605")) == Decimal("76.61")
    assert bulatkan(Decimal("76.615")) == Decimal("76.62")
    assert bulatkan(Fraction(1, 8), 2) == Decimal("0.13")
    assert bulatkan(-2.5, 0) == Decimal("-3")


def test_the_ikm_of_all_fours_is_100_and_of_all_ones_25():
    assert ikm(dari_baris([[4] * 9])).nilai_konversi == 100
    assert ikm(dari_baris([[1] * 9])).nilai_konversi == 25
    # With 0,111 the nine weights add up to 0,999.
    assert ikm(dari_baris([[4] * 9]), bobot_lama=True).nilai_konversi == Fraction(999, 10)


def test_an_unsur_nobody_answered_makes_the_ikm_an_error_naming_it():
    baris = [[4, 3, 3, 3, 3, 3, 3, None, 3], [3, 3, 3, 3, 3, 3, 3, None, None]]
    with pytest.raises(IKMTidakLengkap) as e:
        ikm(dari_baris(baris))
    assert e.value.unsur_kosong == ("U8",)
    assert "U8" in str(e.value)


def test_a_table_filled_without_skor_takes_n_from_pola():
    t = dari_baris(LIMA)
    assert ikm(TabelHitung(unsur=t.unsur, pola=t.pola)).n == 5


@PROFIL
@given(baris=st.lists(baris_responden, min_size=1, max_size=40), data=st.randoms(use_true_random=False))
def test_permuting_respondents_changes_nothing(baris, data):
    lengkap = [*baris, [4, 3, 2, 1, 4, 3, 2, 1, 4]]  # every unsur answered at least once
    acak = list(lengkap)
    data.shuffle(acak)
    assert ikm(dari_baris(acak)) == ikm(dari_baris(lengkap))


@PROFIL
@given(baris=st.lists(baris_responden, min_size=1, max_size=40))
def test_the_ikm_is_the_weighted_sum_of_nrr_computed_on_the_raw_rows(baris):
    lengkap = [*baris, [1, 2, 3, 4, 1, 2, 3, 4, 1]]
    h = ikm(dari_baris(lengkap))
    for i, kode in enumerate(KODE_UNSUR):
        jawaban = [b[i] for b in lengkap if b[i] is not None]
        assert h.unsur[kode].nrr == Fraction(sum(jawaban), len(jawaban))
    assert h.nilai_konversi == 25 * sum(u.nrr for u in h.unsur.values()) / 9
    assert 25 <= h.nilai_konversi <= 100
    assert h.mutu == mutu_pelayanan(h.nilai_konversi)[0]
