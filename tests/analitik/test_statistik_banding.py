"""Sesudah versus sebelum on whole count tables: per unsur (with the corrections across unsur)
and overall (per-respondent scores, the bootstrap of the nilai konversi difference)."""

from __future__ import annotations

from fractions import Fraction
from unittest import mock

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analitik.statistik import (
    banding_ikm,
    banding_unsur,
    bootstrap_selisih_konversi,
    ikm,
    pilih_metode,
    ringkas_skor,
    welch,
)
from analitik.statistik.bootstrap import ANGGARAN_TEPAT
from analitik.statistik.dasar import BOOTSTRAP_GAGAL, POLA_KOSONG, TANPA_VARIASI
from analitik.tabel import KODE_UNSUR, TabelHitung, dari_baris

from .strategi import (
    PROFIL,
    PROFIL_SEDIKIT,
    baris_responden,
    dekat,
    hingga,
    skor_responden,
    tanpa_peringatan,
)

LENGKAP = [[4, 3, 2, 1, 4, 3, 2, 1, 3]]  # appended so every unsur has an answer
kelompok = st.lists(baris_responden, min_size=0, max_size=30)


def _kolom(baris, i):
    return np.array([b[i] for b in baris if b[i] is not None], dtype=float)


@PROFIL
@given(sebelum=kelompok, sesudah=kelompok)
def test_every_unsur_matches_scipy_and_the_corrections_match_statsmodels(sebelum, sesudah):
    hasil = banding_unsur(dari_baris(sebelum), dari_baris(sesudah))
    p_ada = []
    for i, kode in enumerate(KODE_UNSUR):
        xa, xb = _kolom(sesudah, i), _kolom(sebelum, i)
        u = hasil[kode]
        assert (u.n_sesudah, u.n_sebelum) == (xa.size, xb.size)
        if xa.size and xb.size:
            dekat(u.selisih, xa.mean() - xb.mean())
            acuan = tanpa_peringatan(stats.ttest_ind, xa, xb, equal_var=False)
            if hingga(acuan.statistic):
                dekat(u.welch.t, acuan.statistic)
                dekat(u.welch.p, acuan.pvalue)
            else:
                assert u.welch.p is None
            assert (
                u.mann_whitney.u
                == tanpa_peringatan(stats.mannwhitneyu, xa, xb, method="asymptotic").statistic
            )
        else:
            assert u.selisih is None and u.welch.p is None
        if u.welch.p is not None:
            p_ada.append((kode, u.welch.p))
    for kode in KODE_UNSUR:
        if hasil[kode].welch.p is None:
            assert hasil[kode].p_holm is None and hasil[kode].p_bh is None
    if p_ada:
        with mock.patch("gc.collect"):  # statsmodels' holm collects garbage on every call
            acuan_holm = multipletests([p for _, p in p_ada], method="holm")[1]
        acuan_bh = multipletests([p for _, p in p_ada], method="fdr_bh")[1]
        for (kode, _), ph, pb in zip(p_ada, acuan_holm, acuan_bh, strict=True):
            dekat(hasil[kode].p_holm, ph)
            dekat(hasil[kode].p_bh, pb)


@PROFIL
@given(sebelum=kelompok, sesudah=kelompok)
def test_welch_on_per_respondent_scores_matches_scipy(sebelum, sesudah):
    ta, tb = dari_baris(sesudah), dari_baris(sebelum)
    hasil = welch(ringkas_skor(ta.skor), ringkas_skor(tb.skor))
    xa, xb = skor_responden(sesudah), skor_responden(sebelum)
    if xa.size == 0 or xb.size == 0:
        assert hasil.p is None
        return
    dekat(hasil.selisih, xa.mean() - xb.mean())
    acuan = tanpa_peringatan(stats.ttest_ind, xa, xb, equal_var=False)
    if hasil.alasan == TANPA_VARIASI:
        # Scores like 175/3 summed n times need not divide back exactly, so scipy may report a
        # huge finite t from rounding residue; the data are constant in both groups.
        assert np.unique(xa).size == 1 and np.unique(xb).size == 1
        return
    if not hingga(acuan.statistic):
        assert hasil.p is None
        return
    dekat(hasil.t, acuan.statistic)
    dekat(hasil.df, acuan.df)
    dekat(hasil.p, acuan.pvalue)
    ci = acuan.confidence_interval(0.95)
    assert hasil.ci95 is not None
    dekat(hasil.ci95[0], ci.low, abs_=1e-9)
    dekat(hasil.ci95[1], ci.high, abs_=1e-9)


@PROFIL_SEDIKIT
@given(sebelum=kelompok, sesudah=kelompok, acak=st.randoms(use_true_random=False))
def test_permuting_respondents_changes_nothing_not_even_the_bootstrap(sebelum, sesudah, acak):
    sebelum, sesudah = [*sebelum, *LENGKAP], [*sesudah, *LENGKAP]
    asli = banding_ikm(dari_baris(sebelum), dari_baris(sesudah), bootstrap=200)
    a, b = list(sebelum), list(sesudah)
    acak.shuffle(a)
    acak.shuffle(b)
    assert banding_ikm(dari_baris(a), dari_baris(b), bootstrap=200) == asli
    assert banding_unsur(dari_baris(a), dari_baris(b)) == banding_unsur(
        dari_baris(sebelum), dari_baris(sesudah)
    )


@PROFIL_SEDIKIT
@given(sebelum=kelompok, sesudah=kelompok)
def test_swapping_sebelum_and_sesudah_flips_signs_and_keeps_p(sebelum, sesudah):
    ta, tb = dari_baris([*sebelum, *LENGKAP]), dari_baris([*sesudah, *LENGKAP])
    maju, balik = banding_unsur(ta, tb), banding_unsur(tb, ta)
    for kode in KODE_UNSUR:
        m, b = maju[kode], balik[kode]
        assert (m.rata_sebelum, m.rata_sesudah) == (b.rata_sesudah, b.rata_sebelum)
        assert m.selisih is not None
        assert b.selisih == pytest.approx(-m.selisih, abs=1e-15)
        for x, y in ((m.welch.t, b.welch.t), (m.cohen_d, b.cohen_d), (m.cliff_delta, b.cliff_delta)):
            assert (x is None) == (y is None)
            if x is not None:
                assert y == pytest.approx(-x, rel=1e-12, abs=1e-15)
        for x, y in ((m.welch.p, b.welch.p), (m.mann_whitney.p, b.mann_whitney.p), (m.p_holm, b.p_holm)):
            assert (x is None) == (y is None)
            if x is not None:
                assert y == pytest.approx(x, rel=1e-12)
    km, kb = banding_ikm(ta, tb, bootstrap=50), banding_ikm(tb, ta, bootstrap=50)
    assert kb.selisih == -km.selisih
    if km.welch.t is not None:
        assert kb.welch.t == pytest.approx(-km.welch.t, rel=1e-12)
        assert kb.welch.p == pytest.approx(km.welch.p, rel=1e-12)


def test_the_nilai_konversi_difference_is_exact_and_oriented_sesudah_minus_sebelum():
    sebelum = dari_baris([[3] * 9, [2] * 9])  # NRR 2,5 everywhere -> 62,5
    sesudah = dari_baris([[4] * 9, [3] * 9])  # NRR 3,5 everywhere -> 87,5
    hasil = banding_ikm(sebelum, sesudah, bootstrap=100)
    assert hasil.selisih == Fraction(25)
    assert hasil.welch.selisih == 25.0


def _naif(sebelum, sesudah, b, seed):
    """Resampling the expanded respondents by index: the textbook bootstrap."""
    rng = np.random.default_rng(seed)
    keluar = []
    for _ in range(b):
        nilai = []
        for baris in (sesudah, sebelum):
            pilih = [baris[i] for i in rng.integers(0, len(baris), len(baris))]
            t = dari_baris(pilih)
            if any(sum(t.unsur[k]) == 0 for k in KODE_UNSUR):
                nilai.append(np.nan)
            else:
                nilai.append(float(ikm(t).nilai_konversi))
        keluar.append(nilai[0] - nilai[1])
    x = np.array(keluar)
    return np.percentile(x[np.isfinite(x)], [2.5, 97.5])


def test_the_bootstrap_agrees_with_resampling_the_expanded_respondents():
    rng = np.random.default_rng(7)

    def kelompok_acak(n, p):
        return [[int(v) or None for v in rng.choice(5, size=9, p=p)] for _ in range(n)]

    sebelum = kelompok_acak(120, [0.05, 0.1, 0.2, 0.4, 0.25])
    sesudah = kelompok_acak(100, [0.05, 0.05, 0.1, 0.4, 0.4])
    hasil = bootstrap_selisih_konversi(
        dari_baris(sebelum), dari_baris(sesudah), b=3000, seed=1, metode="multinomial"
    )
    acuan = _naif(sebelum, sesudah, 600, seed=2)
    assert hasil.ci95 is not None and hasil.sah == 3000
    # Two Monte Carlo estimates of the same percentiles (interval width about 8 points).
    assert hasil.ci95[0] == pytest.approx(acuan[0], abs=0.6)
    assert hasil.ci95[1] == pytest.approx(acuan[1], abs=0.6)


def test_the_bootstrap_is_reproducible_with_its_seed():
    sebelum = dari_baris([[3, 2, 3, 4, 3, 2, 3, 3, 2], [4] * 9, [2] * 9, [3] * 9])
    sesudah = dari_baris([[4, 3, 3, 4, 3, 4, 3, 3, 4], [3] * 9, [4] * 9])
    a = bootstrap_selisih_konversi(sebelum, sesudah, b=500, seed=11)
    assert a == bootstrap_selisih_konversi(sebelum, sesudah, b=500, seed=11)
    assert a.ci95 != bootstrap_selisih_konversi(sebelum, sesudah, b=500, seed=12).ci95


def test_a_group_of_identical_respondents_gives_a_point_interval():
    sebelum = dari_baris([[3] * 9] * 5)
    sesudah = dari_baris([[4] * 9] * 2)
    assert bootstrap_selisih_konversi(sebelum, sesudah, b=100).ci95 == (25.0, 25.0)


def test_the_bootstrap_without_patterns_or_with_a_rare_unsur_says_why():
    t = dari_baris([[3] * 9, [4] * 9])
    tanpa_pola = TabelHitung(unsur=t.unsur, skor=t.skor)
    assert bootstrap_selisih_konversi(tanpa_pola, t).alasan == POLA_KOSONG
    # U8 answered once among 40: most resamples lose it.
    jarang = dari_baris([[3, 3, 3, 3, 3, 3, 3, None, 3]] * 39 + [[4] * 9])
    hasil = bootstrap_selisih_konversi(jarang, jarang, b=200)
    assert hasil.ci95 is None and hasil.alasan == BOOTSTRAP_GAGAL and hasil.sah < 100


def test_the_bootstrap_refuses_zero_replicates():
    t = dari_baris([[3] * 9])
    with pytest.raises(ValueError, match="bootstrap"):
        bootstrap_selisih_konversi(t, t, b=0)


def test_the_normal_shortcut_of_the_bootstrap_agrees_with_the_multinomial_one():
    rng = np.random.default_rng(3)

    def kelompok_acak(n, p):
        pusat = rng.choice(4, size=n, p=p) + 1
        geser = rng.choice([-1, 0, 0, 1], size=(n, 9))
        x = np.clip(pusat[:, None] + geser, 1, 4)
        kosong = rng.random((n, 9)) < 0.05
        return [
            [None if k else int(v) for v, k in zip(b, kb, strict=True)]
            for b, kb in zip(x, kosong, strict=True)
        ]

    sebelum = dari_baris(kelompok_acak(400, [0.1, 0.3, 0.4, 0.2]))
    sesudah = dari_baris(kelompok_acak(300, [0.05, 0.2, 0.45, 0.3]))
    tepat = bootstrap_selisih_konversi(sebelum, sesudah, b=4000, seed=1, metode="multinomial")
    normal = bootstrap_selisih_konversi(sebelum, sesudah, b=4000, seed=1, metode="normal")
    assert (tepat.metode, normal.metode) == ("multinomial", "normal")
    assert tepat.ci95 is not None and normal.ci95 is not None
    assert normal.ci95[0] == pytest.approx(tepat.ci95[0], abs=0.25)
    assert normal.ci95[1] == pytest.approx(tepat.ci95[1], abs=0.25)
    assert normal.sah == 4000


def _kelompok_bervariasi(rng: np.random.Generator, n: int, pusat: float) -> list[list[int | None]]:
    """n respondents with varied answer patterns around a centre (few repeats)."""
    x = np.clip(np.rint(pusat + rng.normal(0, 0.9, size=(n, 9))), 1, 4).astype(int)
    kosong = rng.random((n, 9)) < 0.03
    return [
        [None if k else int(v) for v, k in zip(b, kb, strict=True)] for b, kb in zip(x, kosong, strict=True)
    ]


def test_the_automatic_bootstrap_is_exact_while_the_pattern_table_is_small():
    sebelum = dari_baris([[3, 2, 3, 4, 3, 2, 3, 3, 2], [4] * 9, [2] * 9, [3] * 9] * 10)
    sesudah = dari_baris([[4, 3, 3, 4, 3, 4, 3, 3, 4], [3] * 9, [4] * 9] * 10)
    otomatis = bootstrap_selisih_konversi(sebelum, sesudah, b=2000, seed=5)
    assert pilih_metode(sebelum, sesudah, b=2000) == "multinomial"
    assert otomatis == bootstrap_selisih_konversi(sebelum, sesudah, b=2000, seed=5, metode="multinomial")
    assert otomatis.metode == "multinomial"


def test_the_automatic_bootstrap_takes_the_normal_limit_for_a_large_pattern_table():
    rng = np.random.default_rng(8)
    sebelum = dari_baris(_kelompok_bervariasi(rng, 600, 2.8))
    sesudah = dari_baris(_kelompok_bervariasi(rng, 500, 3.1))
    # Hundreds of distinct patterns: 2000 x patterns is far beyond the exact sampler's budget.
    assert 2000 * (len(sebelum.pola) + len(sesudah.pola)) > ANGGARAN_TEPAT
    otomatis = bootstrap_selisih_konversi(sebelum, sesudah, b=2000, seed=5)
    normal = bootstrap_selisih_konversi(sebelum, sesudah, b=2000, seed=5, metode="normal")
    tepat = bootstrap_selisih_konversi(sebelum, sesudah, b=2000, seed=5, metode="multinomial")
    assert pilih_metode(sebelum, sesudah, b=2000) == "normal"
    assert otomatis == normal and otomatis.metode == "normal"
    assert otomatis.ci95 is not None and tepat.ci95 is not None
    # Same interval up to Monte Carlo noise (its width here is about 6 points).
    assert otomatis.ci95[0] == pytest.approx(tepat.ci95[0], abs=0.3)
    assert otomatis.ci95[1] == pytest.approx(tepat.ci95[1], abs=0.3)
    # Fewer replicates fit the budget: the same tables are resampled exactly.
    b_kecil = ANGGARAN_TEPAT // (len(sebelum.pola) + len(sesudah.pola))
    assert bootstrap_selisih_konversi(sebelum, sesudah, b=b_kecil, seed=5).metode == "multinomial"


def test_a_rarely_answered_unsur_keeps_the_exact_bootstrap_and_its_verdict():
    rng = np.random.default_rng(9)
    baris = _kelompok_bervariasi(rng, 500, 3.0)
    # U8 answered by 10 of 500 in the period before: the normal limit of its count is poor.
    jarang = [[*r[:7], (r[7] if i < 10 else None), r[8]] for i, r in enumerate(baris)]
    sebelum, sesudah = dari_baris(jarang), dari_baris(_kelompok_bervariasi(rng, 500, 3.0))
    assert 2000 * (len(sebelum.pola) + len(sesudah.pola)) > ANGGARAN_TEPAT
    assert pilih_metode(sebelum, sesudah) == "multinomial"
    assert bootstrap_selisih_konversi(sebelum, sesudah, b=300).metode == "multinomial"


def test_the_automatic_choice_does_not_depend_on_the_orientation():
    rng = np.random.default_rng(10)
    a = dari_baris(_kelompok_bervariasi(rng, 300, 2.9))
    b = dari_baris(_kelompok_bervariasi(rng, 40, 3.2))
    for bb in (100, 1000, 4000):
        assert pilih_metode(a, b, b=bb) == pilih_metode(b, a, b=bb)
        assert bootstrap_selisih_konversi(a, b, b=bb).metode == pilih_metode(a, b, b=bb)


def test_an_unknown_bootstrap_method_is_refused():
    t = dari_baris([[3] * 9])
    with pytest.raises(ValueError, match="metode bootstrap"):
        bootstrap_selisih_konversi(t, t, metode="bayes")  # type: ignore[arg-type]
