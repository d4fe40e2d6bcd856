"""Holm and Benjamini-Hochberg against statsmodels.stats.multitest.multipletests."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests

from analitik.statistik import benjamini_hochberg, holm

from .strategi import PROFIL

nilai_p = st.one_of(
    st.floats(0.0, 1.0, allow_nan=False),
    st.sampled_from([0.0, 0.001, 0.01, 0.05, 0.5, 1.0]),  # ties, edges
    st.none(),
)


@PROFIL
@given(p=st.lists(nilai_p, min_size=0, max_size=9))
def test_holm_and_bh_equal_statsmodels_on_the_tests_that_exist(p):
    ada = [x for x in p if x is not None]
    hasil_holm, hasil_bh = holm(p), benjamini_hochberg(p)
    assert [x is None for x in hasil_holm] == [x is None for x in p]
    assert [x is None for x in hasil_bh] == [x is None for x in p]
    if not ada:
        return
    # multipletests(method="holm") calls gc.collect() every time (150 ms in a full test
    # process); skipping it changes no number.
    with mock.patch("gc.collect"):
        acuan_holm = multipletests(ada, method="holm")[1]
        acuan_bh = multipletests(ada, method="fdr_bh")[1]
    assert [x for x in hasil_holm if x is not None] == pytest.approx(list(acuan_holm), rel=1e-15, abs=0)
    assert [x for x in hasil_bh if x is not None] == pytest.approx(list(acuan_bh), rel=1e-15, abs=0)


def test_a_hand_worked_holm_and_bh():
    # Sorted p 0,01 0,02 0,03 0,04 (m = 4).
    # Holm: 4 x 0,01 = 0,04; 3 x 0,02 = 0,06; 2 x 0,03 = 0,06; 1 x 0,04 = 0,04 -> running max
    #       0,04 0,06 0,06 0,06.
    # BH:   0,01 x 4/1 = 0,04; 0,02 x 4/2 = 0,04; 0,03 x 4/3 = 0,04; 0,04 x 4/4 = 0,04.
    assert holm([0.03, 0.01, None, 0.04, 0.02]) == pytest.approx([0.06, 0.04, None, 0.06, 0.06])
    assert benjamini_hochberg([0.03, 0.01, None, 0.04, 0.02]) == pytest.approx([0.04, 0.04, None, 0.04, 0.04])
