"""Cronbach's alpha, difference-in-differences, interrupted time series and importance-
performance analysis, against direct computations on the expanded data (numpy, statsmodels)."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st

from analitik.statistik import alpha, did, ipa, its
from analitik.statistik.dasar import (
    KLASTER_KURANG,
    N_KURANG,
    POLA_KOSONG,
    SEL_KOSONG,
    SISA_NOL,
    TANPA_HARAPAN,
    TIDAK_CUKUP_PERIODE,
    TOTAL_TANPA_VARIASI,
)
from analitik.tabel import KODE_UNSUR, TabelHitung, dari_baris

from .strategi import PROFIL, PROFIL_SEDIKIT, condong, dekat, tanpa_peringatan

# Cronbach's alpha ----------------------------------------------------------------------------


def _alpha_acuan(x: np.ndarray) -> float:
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


@PROFIL
@given(baris=st.lists(condong, min_size=0, max_size=40))
def test_alpha_and_item_total_correlations_equal_numpy_on_the_complete_cases(baris):
    hasil = alpha(dari_baris(baris))
    x = np.array([b for b in baris if all(v is not None for v in b)], dtype=float).reshape(-1, 9)
    assert hasil.n == x.shape[0]
    if x.shape[0] < 2:
        assert hasil.alpha is None and hasil.alasan in (N_KURANG, POLA_KOSONG)
        return
    total = x.sum(axis=1)
    if total.var() == 0:
        assert hasil.alpha is None and hasil.alasan == TOTAL_TANPA_VARIASI
        return
    dekat(hasil.alpha, _alpha_acuan(x), rel=1e-9, abs_=1e-9)
    for i, kode in enumerate(KODE_UNSUR):
        sisa = total - x[:, i]
        r = hasil.butir[kode].korelasi_item_total
        if x[:, i].var() == 0 or sisa.var() == 0:
            assert r is None
        else:
            dekat(r, np.corrcoef(x[:, i], sisa)[0, 1], rel=1e-9, abs_=1e-9)
            tanpa = np.delete(x, i, axis=1)
            if tanpa.sum(axis=1).var() > 0:
                dekat(hasil.butir[kode].alpha_jika_dihapus, _alpha_acuan(tanpa), rel=1e-9, abs_=1e-9)


def test_alpha_of_perfectly_consistent_answers_is_one():
    hasil = alpha(dari_baris([[1] * 9, [2] * 9, [3] * 9, [4] * 9]))
    assert hasil.alpha == pytest.approx(1.0)
    assert hasil.butir["U1"].korelasi_item_total == pytest.approx(1.0)


def test_alpha_without_patterns_says_why():
    t = dari_baris([[3] * 9])
    assert alpha(TabelHitung(unsur=t.unsur, skor=t.skor)).alasan == POLA_KOSONG


# Difference-in-differences -------------------------------------------------------------------


@st.composite
def sel_did(draw):
    n_unit = draw(st.integers(1, 7))
    sel = []
    for unit in range(n_unit):
        # Mostly both kinds of unit, sometimes only one (then a cell is empty).
        diobati = unit % 2 == 0 if unit < 2 and draw(st.integers(0, 9)) else draw(st.booleans())
        for sesudah in (False, True):
            # (sum, answered): answered 1-9, sum between answered and 4 x answered; a cell is
            # sometimes empty.
            skor: dict[tuple[int, int], int] = {}
            for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3]))):
                dijawab = draw(st.integers(1, 9))
                jumlah = draw(st.integers(dijawab, 4 * dijawab))
                skor[(jumlah, dijawab)] = skor.get((jumlah, dijawab), 0) + draw(st.integers(1, 5))
            sel.append((f"unit-{unit}", diobati, sesudah, skor))
    return sel


def _luaskan_did(sel):
    y, x, g = [], [], []
    for unit, diobati, sesudah, skor in sel:
        for (jumlah, dijawab), c in skor.items():
            for _ in range(c):
                y.append(25 * jumlah / dijawab)
                d, s = float(diobati), float(sesudah)
                x.append([1.0, d, s, d * s])
                g.append(unit)
    return np.array(y), np.array(x).reshape(-1, 4), np.array(g)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@settings(PROFIL, max_examples=300)
@given(sel=sel_did())
def test_did_equals_statsmodels_ols_with_cluster_robust_errors(sel):
    hasil = did(sel)
    y, x, g = _luaskan_did(sel)
    assert hasil.n == y.size
    sel_ada = {(bool(r[1]), bool(r[2])) for r in x}
    if len(sel_ada) < 4:
        assert hasil.alasan == SEL_KOSONG and hasil.koefisien is None
        return
    if np.unique(g).size < 2:
        assert hasil.alasan == KLASTER_KURANG
        return
    if y.size <= 4:
        assert hasil.alasan == N_KURANG
        return
    assert hasil.koefisien is not None
    fit = tanpa_peringatan(lambda: sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": g}))
    fit_t = tanpa_peringatan(lambda: sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": g}, use_t=True))
    for i, nama in enumerate(("konstanta", "diobati", "sesudah", "interaksi")):
        k = hasil.koefisien[nama]
        dekat(k.koef, fit.params[i], rel=1e-9, abs_=1e-9)
        if k.se is None:
            # Exactly zero here (one unit alone in the cells behind this coefficient);
            # statsmodels, inverting X'X, leaves rounding residue (seen: 1e-6) or nan.
            assert not fit.bse[i] > 1e-6 * max(1.0, float(np.nanmax(fit.bse)))
            continue
        dekat(k.se, fit.bse[i], rel=1e-7, abs_=1e-10)
        if fit.bse[i] > 1e-6:
            dekat(k.t, fit.tvalues[i], rel=1e-7)
            dekat(k.p, fit.pvalues[i], rel=1e-6, abs_=1e-12)
            dekat(k.p_t, fit_t.pvalues[i], rel=1e-6, abs_=1e-12)
            assert k.ci95 is not None and k.ci95_t is not None
            dekat(k.ci95[0], fit.conf_int()[i, 0], rel=1e-7, abs_=1e-9)
            dekat(k.ci95_t[1], fit_t.conf_int()[i, 1], rel=1e-7, abs_=1e-9)
    assert fit.use_t is False  # the statsmodels default matched by p


def test_did_of_cell_means_is_the_double_difference():
    # Comparison units: 60 -> 65 (+5); restructured: 55 -> 70 (+15): DiD = +10.
    def skor(nilai):  # one respondent answering nine unsur, all 'nilai' (score 25 x nilai)
        return {(9 * nilai, 9): 1}

    sel = [
        ("p1", False, False, {(9 * 2, 9): 2, (9 * 3, 9): 2}),
        ("p1", False, True, {(9 * 2, 9): 1, (9 * 3, 9): 3}),
        ("d1", True, False, {(9 * 2, 9): 3, (9 * 3, 9): 1}),
        ("d1", True, True, {(9 * 3, 9): 3, (9 * 4, 9): 1}),
        ("p2", False, False, skor(3)),
        ("d2", True, True, skor(3)),
    ]
    hasil = did(sel)
    assert hasil.rata[(False, False)] == pytest.approx((50 * 2 + 75 * 3) / 5)
    r = {k: v for k, v in hasil.rata.items() if v is not None}
    ganda = (r[(True, True)] - r[(True, False)]) - (r[(False, True)] - r[(False, False)])
    assert hasil.estimasi is not None
    assert hasil.estimasi.koef == pytest.approx(ganda, rel=1e-12)


def test_did_refuses_a_unit_that_is_both_restructured_and_not():
    with pytest.raises(ValueError, match="u1"):
        did([("u1", True, False, {(9, 3): 1}), ("u1", False, True, {(9, 3): 1})])


# Interrupted time series ---------------------------------------------------------------------


@st.composite
def deret(draw):
    y = draw(st.lists(st.floats(25, 100, allow_nan=False), min_size=1, max_size=14))
    # Mostly an intervention with three periods on each side, sometimes not.
    if len(y) >= 6 and draw(st.integers(0, 4)):
        return y, draw(st.integers(3, len(y) - 3))
    return y, draw(st.integers(0, 14))


@PROFIL
@given(data=deret())
def test_its_equals_statsmodels_segmented_ols(data):
    y, t0 = data
    hasil = its(y, t0)
    n = len(y)
    if t0 < 3 or n - t0 < 3:
        assert hasil.alasan == TIDAK_CUKUP_PERIODE and hasil.koefisien is None
        return
    t = np.arange(n, dtype=float)
    d = (t >= t0).astype(float)
    x = np.column_stack([np.ones(n), t, d, (t - t0) * d])
    fit = sm.OLS(np.array(y), x).fit()
    assert hasil.koefisien is not None
    for i, nama in enumerate(("konstanta", "tren", "perubahan_level", "perubahan_tren")):
        k = hasil.koefisien[nama]
        dekat(k.koef, fit.params[i], rel=1e-8, abs_=1e-8)
        if hasil.alasan == SISA_NOL:
            assert k.se is None
            continue
        dekat(k.se, fit.bse[i], rel=1e-6, abs_=1e-9)
        dekat(k.t, fit.tvalues[i], rel=1e-6, abs_=1e-9)
        dekat(k.p, fit.pvalues[i], rel=1e-6, abs_=1e-12)


def test_its_reads_a_level_and_a_slope_change():
    # Before: about 70 + t. After (t0 = 4): the old line would give 74, the series starts at
    # 79 (a level change of 5) and climbs 2 a period (a slope change of 1); a small wiggle.
    sebelum = [70.0, 71.2, 71.8, 73.0]
    sesudah = [79.1, 80.9, 83.0, 85.1]
    hasil = its(sebelum + sesudah, 4)
    assert hasil.perubahan_level is not None and hasil.perubahan_tren is not None
    assert hasil.perubahan_level.koef == pytest.approx(5.0, abs=0.5)
    assert hasil.perubahan_tren.koef == pytest.approx(1.0, abs=0.2)


def test_its_needs_three_periods_on_each_side():
    assert its([70, 71, 72, 75, 76, 77], 3).koefisien is not None
    assert its([70, 71, 75, 76, 77, 78], 2).alasan == TIDAK_CUKUP_PERIODE
    assert its([70, 71, 72, 73, 76, 77], 4).alasan == TIDAK_CUKUP_PERIODE


def test_its_of_points_on_two_exact_lines_has_no_standard_error():
    hasil = its([70, 71, 72, 80, 82, 84], 3)
    assert hasil.alasan == SISA_NOL
    assert hasil.perubahan_level is not None and hasil.perubahan_level.se is None


def test_its_refuses_a_missing_period_value():
    with pytest.raises(ValueError, match="periode"):
        its([70, 71, float("nan"), 72, 73, 74], 3)


# Importance-performance analysis -------------------------------------------------------------


def test_ipa_quadrants_split_at_the_grand_means():
    # kinerja (U) and harapan (H) means per unsur, chosen so the grand means are 3,0 and 3,0:
    # U1 2,0 / 4,0 -> I (important, poor)     U2 4,0 / 4,0 -> II (important, good)
    # U3 2,0 / 2,0 -> III                       U4 4,0 / 2,0 -> IV (overdone)
    # U5..U9 3,0 / 3,0 -> on both splits -> counted high: II
    kinerja = [2, 4, 2, 4, 3, 3, 3, 3, 3]
    harapan = [4, 4, 2, 2, 3, 3, 3, 3, 3]
    baris = [[kinerja[:]] for _ in range(2)]
    tabel = dari_baris([b[0] for b in baris], harapan=[harapan, harapan])
    hasil = ipa(tabel)
    assert hasil.rata_kinerja == 3.0 and hasil.rata_harapan == 3.0
    assert [hasil.unsur[k].kuadran for k in KODE_UNSUR] == [1, 2, 3, 4, 2, 2, 2, 2, 2]
    assert hasil.unsur["U1"].kesesuaian == 50.0  # 2 / 4 x 100
    assert hasil.unsur["U4"].kesesuaian == 200.0
    assert hasil.kesesuaian == 100.0


def test_ipa_uses_per_item_denominators():
    # U1 kinerja 3 and 4 (mean 3,5); H1 answered once with 4 -> kesesuaian 87,5%.
    baris = [[3] * 9, [4] * 9]
    h1: list[int | None] = [4, 3, 3, 3, 3, 3, 3, 3, 3]
    kosong: list[int | None] = [None] * 9
    harapan = [h1, kosong]
    hasil = ipa(dari_baris(baris, harapan=harapan))
    assert hasil.unsur["U1"].kinerja == 3.5 and hasil.unsur["U1"].harapan == 4.0
    assert hasil.unsur["U1"].kesesuaian == pytest.approx(87.5)


def test_ipa_without_harapan_says_why():
    assert ipa(dari_baris([[3] * 9])).alasan == TANPA_HARAPAN


@PROFIL_SEDIKIT
@given(baris=st.lists(condong, min_size=1, max_size=12), harapan=st.lists(condong, min_size=12, max_size=12))
def test_ipa_means_equal_the_expanded_answers(baris, harapan):
    harapan = harapan[: len(baris)]
    hasil = ipa(dari_baris(baris, harapan=harapan))
    for i, kode in enumerate(KODE_UNSUR):
        k = [b[i] for b in baris if b[i] is not None and any(v is not None for v in b)]
        h = [b[i] for b in harapan if b[i] is not None]
        u = hasil.unsur[kode]
        assert u.kinerja == (pytest.approx(np.mean(k)) if k else None)
        assert u.harapan == (pytest.approx(np.mean(h)) if h else None)
