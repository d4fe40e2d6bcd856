"""Per-unsur two-group tests on counts against scipy on the expanded answers, with ties, empty
levels, empty, tiny and identical groups; and the orientation (sesudah - sebelum) properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from scipy import stats

from analitik.statistik import (
    chi2,
    cliff_delta,
    cohen_d,
    mann_whitney,
    ringkas,
    ringkas_hitung,
    welch,
)
from analitik.statistik.dasar import KELOMPOK_KOSONG, N_KURANG, SEMUA_SAMA, TANPA_VARIASI

from .strategi import PROFIL, dekat, hingga, hitungan, hitungan_besar, luaskan, tanpa_peringatan


def _acuan_welch(xa: np.ndarray, xb: np.ndarray):
    return tanpa_peringatan(stats.ttest_ind, xa, xb, equal_var=False)


@PROFIL
@given(a=hitungan, b=hitungan)
def test_welch_equals_scipy_ttest_ind_on_the_expanded_answers(a, b):
    hasil = welch(ringkas_hitung(a), ringkas_hitung(b))
    xa, xb = luaskan(a), luaskan(b)
    if xa.size == 0 or xb.size == 0:
        assert (hasil.t, hasil.p, hasil.ci95, hasil.alasan) == (None, None, None, KELOMPOK_KOSONG)
        return
    acuan = _acuan_welch(xa, xb)
    dekat(hasil.selisih, xa.mean() - xb.mean())
    if not hingga(acuan.statistic):
        # n = 1 somewhere (scipy: nan) or both groups constant (scipy: +-inf or nan).
        assert hasil.t is None and hasil.df is None and hasil.p is None and hasil.ci95 is None
        assert hasil.alasan in (N_KURANG, TANPA_VARIASI)
        return
    dekat(hasil.t, acuan.statistic)
    dekat(hasil.df, acuan.df)
    dekat(hasil.p, acuan.pvalue)
    ci = acuan.confidence_interval(0.95)
    assert hasil.ci95 is not None
    dekat(hasil.ci95[0], ci.low)
    dekat(hasil.ci95[1], ci.high)


@PROFIL
@given(a=hitungan_besar, b=hitungan_besar)
def test_welch_equals_scipy_for_larger_groups(a, b):
    xa, xb = luaskan(a), luaskan(b)
    acuan = _acuan_welch(xa, xb)
    hasil = welch(ringkas_hitung(a), ringkas_hitung(b))
    if hingga(acuan.statistic):
        dekat(hasil.t, acuan.statistic)
        dekat(hasil.p, acuan.pvalue)
    else:
        assert hasil.p is None


@PROFIL
@given(a=hitungan, b=hitungan)
def test_mann_whitney_equals_scipy_asymptotic_with_ties_and_continuity(a, b):
    hasil = mann_whitney(a, b)
    xa, xb = luaskan(a), luaskan(b)
    if xa.size == 0 or xb.size == 0:
        assert (hasil.u, hasil.p, hasil.alasan) == (None, None, KELOMPOK_KOSONG)
        return
    acuan = tanpa_peringatan(stats.mannwhitneyu, xa, xb, method="asymptotic")
    assert hasil.u == acuan.statistic  # midranks are halves: exact
    dekat(hasil.p, acuan.pvalue)
    if np.unique(np.concatenate([xa, xb])).size == 1:
        assert hasil.p == 1.0 and hasil.alasan == SEMUA_SAMA


@PROFIL
@given(a=hitungan_besar, b=hitungan_besar)
def test_mann_whitney_equals_scipy_for_larger_groups(a, b):
    xa, xb = luaskan(a), luaskan(b)
    hasil = mann_whitney(a, b)
    if xa.size and xb.size:
        acuan = tanpa_peringatan(stats.mannwhitneyu, xa, xb, method="asymptotic")
        assert hasil.u == acuan.statistic
        dekat(hasil.p, acuan.pvalue)


@PROFIL
@given(a=hitungan, b=hitungan)
def test_chi_square_equals_scipy_on_the_crosstab_of_the_expanded_answers(a, b):
    hasil = chi2(a, b)
    xa, xb = luaskan(a), luaskan(b)
    if xa.size == 0 or xb.size == 0:
        assert (hasil.statistik, hasil.df, hasil.p) == (None, None, None)
        return
    # An independent construction of the table: pandas only has columns for values that occur.
    tabel = pd.crosstab(np.r_[np.ones(xa.size), np.zeros(xb.size)], np.concatenate([xa, xb])).to_numpy()
    acuan = tanpa_peringatan(stats.chi2_contingency, tabel)
    dekat(hasil.statistik, acuan.statistic)
    assert hasil.df == acuan.dof
    dekat(hasil.p, acuan.pvalue)


def test_chi_square_of_a_two_by_two_table_uses_yates_correction():
    # Values 3 and 4 only: sesudah 10 x 3, 30 x 4; sebelum 20 x 3, 20 x 4.
    # Expected (row total x column total / 80): [[15, 25], [15, 25]]; |O - E| = 5 everywhere,
    # Yates: (5 - 0,5)^2 x (1/15 + 1/25 + 1/15 + 1/25) = 20,25 x 0,213333... = 4,32.
    hasil = chi2((0, 0, 10, 30), (0, 0, 20, 20))
    assert hasil.df == 1
    assert hasil.statistik == pytest.approx(4.32, rel=1e-12)


def _acuan_d(xa: np.ndarray, xb: np.ndarray) -> float | None:
    if xa.size < 2 or xb.size < 2:
        return None
    gabungan = ((xa.size - 1) * xa.var(ddof=1) + (xb.size - 1) * xb.var(ddof=1)) / (xa.size + xb.size - 2)
    return None if gabungan == 0 else float((xa.mean() - xb.mean()) / np.sqrt(gabungan))


@PROFIL
@given(a=hitungan, b=hitungan)
def test_cohen_d_uses_the_pooled_standard_deviation(a, b):
    d, alasan = cohen_d(ringkas_hitung(a), ringkas_hitung(b))
    acuan = _acuan_d(luaskan(a), luaskan(b))
    if acuan is None:
        assert d is None and alasan in (KELOMPOK_KOSONG, N_KURANG, TANPA_VARIASI)
    else:
        dekat(d, acuan)


@PROFIL
@given(a=hitungan, b=hitungan)
def test_cliff_delta_equals_the_mean_sign_over_all_pairs(a, b):
    delta, alasan = cliff_delta(a, b)
    xa, xb = luaskan(a), luaskan(b)
    if xa.size == 0 or xb.size == 0:
        assert delta is None and alasan == KELOMPOK_KOSONG
        return
    dekat(delta, np.sign(xa[:, None] - xb[None, :]).mean())
    # And the identity with U: delta = 2U / (n_a n_b) - 1.
    u = mann_whitney(a, b).u
    assert u is not None
    dekat(delta, 2 * u / (xa.size * xb.size) - 1)


@PROFIL
@given(a=hitungan, b=hitungan)
def test_swapping_the_groups_flips_every_sign_and_keeps_every_p(a, b):
    ra, rb = ringkas_hitung(a), ringkas_hitung(b)
    maju, balik = welch(ra, rb), welch(rb, ra)
    if maju.t is not None:
        assert balik.t == pytest.approx(-maju.t, rel=1e-12)
        assert balik.df == pytest.approx(maju.df, rel=1e-12)
        assert balik.p == pytest.approx(maju.p, rel=1e-12)
        assert maju.ci95 is not None and balik.ci95 is not None
        assert balik.ci95[0] == pytest.approx(-maju.ci95[1], rel=1e-12, abs=1e-15)
    else:
        assert balik.t is None
    d_maju, d_balik = cohen_d(ra, rb)[0], cohen_d(rb, ra)[0]
    assert (d_maju is None) == (d_balik is None)
    if d_maju is not None:
        assert d_balik == pytest.approx(-d_maju, rel=1e-12, abs=1e-15)
    delta_maju, delta_balik = cliff_delta(a, b)[0], cliff_delta(b, a)[0]
    if delta_maju is not None:
        assert delta_balik == -delta_maju
    mw_maju, mw_balik = mann_whitney(a, b), mann_whitney(b, a)
    if mw_maju.u is not None:
        assert mw_balik.u == sum(a) * sum(b) - mw_maju.u
        assert mw_balik.p == pytest.approx(mw_maju.p, rel=1e-12)
    x2_maju, x2_balik = chi2(a, b).p, chi2(b, a).p
    assert x2_maju == x2_balik or x2_maju == pytest.approx(x2_balik, rel=1e-12)


def test_the_orientation_is_sesudah_minus_sebelum():
    sesudah, sebelum = (0, 0, 2, 8), (2, 8, 0, 0)
    t = welch(ringkas_hitung(sesudah), ringkas_hitung(sebelum)).t
    d = cohen_d(ringkas_hitung(sesudah), ringkas_hitung(sebelum))[0]
    assert t is not None and t > 0
    assert d is not None and d > 0
    assert cliff_delta(sesudah, sebelum)[0] == 1.0
    # U of the first (sesudah) group: every sesudah answer beats every sebelum answer.
    assert mann_whitney(sesudah, sebelum).u == 100


def test_degenerate_groups_give_none_with_a_reason_not_an_exception():
    satu, dua_sama, dua_lain, kosong = (0, 0, 1, 0), (0, 0, 2, 0), (0, 3, 0, 0), (0, 0, 0, 0)
    assert welch(ringkas_hitung(satu), ringkas_hitung(dua_lain)).alasan == N_KURANG
    # Both constant, different values: scipy says t = inf, p = 0; no finite t describes that.
    assert welch(ringkas_hitung(dua_sama), ringkas_hitung(dua_lain)).alasan == TANPA_VARIASI
    assert welch(ringkas_hitung(dua_sama), ringkas_hitung(dua_sama)).alasan == TANPA_VARIASI
    assert welch(ringkas_hitung(kosong), ringkas_hitung(dua_lain)).alasan == KELOMPOK_KOSONG
    # Identical groups: every test says "no difference" where it is defined.
    assert mann_whitney(dua_sama, dua_sama).p == 1.0
    assert chi2(dua_sama, dua_sama).p == 1.0
    assert chi2(dua_sama, dua_sama).df == 0
    assert cliff_delta(dua_sama, dua_sama)[0] == 0.0
    # n = 1 in both groups: Mann-Whitney and Cliff's delta still exist.
    assert mann_whitney(satu, (0, 1, 0, 0)).p == pytest.approx(
        stats.mannwhitneyu([3.0], [2.0], method="asymptotic").pvalue
    )
    assert cliff_delta(satu, (0, 1, 0, 0))[0] == 1.0


def test_a_value_alone_has_exactly_zero_variance():
    # Two passes over deviations: 1e6 answers of 3 give variance 0, not rounding residue.
    assert ringkas((3.0,), (1_000_000,)).varians == 0.0
    assert ringkas_hitung((0, 0, 0, 0)).rata is None
