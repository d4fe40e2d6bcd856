"""Two-group tests on count tables. Orientation everywhere: a = sesudah, b = sebelum, so a
positive difference, t, d or delta means "better after".

Each function reproduces a scipy.stats function applied to the expanded data (one value per
answer) without expanding it:
- welch(): scipy.stats.ttest_ind(a, b, equal_var=False): t, df, p and its 95% interval;
- mann_whitney(): scipy.stats.mannwhitneyu(a, b, method="asymptotic"): U of a, midranks for
  ties, tie-corrected variance, continuity correction, two-sided;
- chi2(): scipy.stats.chi2_contingency on the 2 x value table without all-zero columns
  (itself: the table is already small), with scipy's default Yates correction for 2 x 2.

Degenerate data never raises; the statistic is None with a reason code (dasar):
- a group without answers: everything None (KELOMPOK_KOSONG);
- a group with one answer: no variance, so Welch, its interval and Cohen's d are None
  (N_KURANG); Mann-Whitney, chi-square and Cliff's delta are still computed;
- both groups constant (each answered one single value): Welch's standard error is 0, and
  scipy returns t = +-inf with p = 0 (different constants) or nan (the same one); here they are
  None (TANPA_VARIASI), since no finite t describes the data;
- every answer the same value in both groups: Mann-Whitney's variance is 0; scipy returns
  p = 1 (its z is -inf), and so does this, with U = n_a n_b / 2; chi-square has one column and
  scipy returns statistic 0, df 0, p 1, reproduced too. Both carry the reason SEMUA_SAMA.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from .dasar import (
    KELOMPOK_KOSONG,
    N_KURANG,
    SEMUA_SAMA,
    TANPA_VARIASI,
    Ringkasan,
    kuantil_t,
    p_t,
)


@dataclass(frozen=True)
class UjiWelch:
    selisih: float | None  # mean a - mean b
    t: float | None
    df: float | None
    p: float | None
    ci95: tuple[float, float] | None
    alasan: str | None = None


@dataclass(frozen=True)
class UjiMannWhitney:
    u: float | None  # U of a (sesudah), as scipy reports it
    p: float | None
    alasan: str | None = None


@dataclass(frozen=True)
class UjiChi2:
    statistik: float | None
    df: int | None
    p: float | None
    alasan: str | None = None


def welch(a: Ringkasan, b: Ringkasan) -> UjiWelch:
    if a.n == 0 or b.n == 0 or a.rata is None or b.rata is None:
        return UjiWelch(None, None, None, None, None, KELOMPOK_KOSONG)
    selisih = a.rata - b.rata
    if a.varians is None or b.varians is None:
        return UjiWelch(selisih, None, None, None, None, N_KURANG)
    va, vb = a.varians / a.n, b.varians / b.n
    if va + vb == 0:
        return UjiWelch(selisih, None, None, None, None, TANPA_VARIASI)
    se = math.sqrt(va + vb)
    t = selisih / se
    df = (va + vb) ** 2 / (va**2 / (a.n - 1) + vb**2 / (b.n - 1))
    q = kuantil_t(0.975, df) * se
    return UjiWelch(selisih, t, df, p_t(t, df), (selisih - q, selisih + q))


def _vektor(hitung: Sequence[int]) -> list[int]:
    return [int(c) for c in hitung]


def mann_whitney(a: Sequence[int], b: Sequence[int]) -> UjiMannWhitney:
    """a, b: counts per value level, the same levels in ascending order for both."""
    ca, cb = _vektor(a), _vektor(b)
    n1, n2 = sum(ca), sum(cb)
    if n1 == 0 or n2 == 0:
        return UjiMannWhitney(None, None, KELOMPOK_KOSONG)
    # Midrank of a level: the ranks before it plus the middle of its own block of ties. All
    # in integers and halves, so R1 is exact.
    r1_kali2 = 0
    sebelum = 0
    ikatan = 0
    for x, y in zip(ca, cb, strict=True):
        t = x + y
        r1_kali2 += x * (2 * sebelum + t + 1)
        sebelum += t
        ikatan += t**3 - t
    u1 = r1_kali2 / 2 - n1 * (n1 + 1) / 2
    u = max(u1, n1 * n2 - u1)
    n = n1 + n2
    # Tie-corrected variance n1 n2 / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1))), in integers:
    # exactly zero when every answer is tied, never a tiny negative.
    pembilang = n1 * n2 * ((n + 1) * n * (n - 1) - ikatan)
    if pembilang == 0:
        return UjiMannWhitney(u1, 1.0, SEMUA_SAMA)
    s = math.sqrt(pembilang / (12 * n * (n - 1)))
    z = (u - n1 * n2 / 2 - 0.5) / s
    p = float(2.0 * special.ndtr(-z))
    return UjiMannWhitney(u1, min(max(p, 0.0), 1.0))


def chi2(a: Sequence[int], b: Sequence[int]) -> UjiChi2:
    tabel = np.array([_vektor(a), _vektor(b)], dtype=np.int64)
    if tabel[0].sum() == 0 or tabel[1].sum() == 0:
        return UjiChi2(None, None, None, KELOMPOK_KOSONG)
    tabel = tabel[:, tabel.sum(axis=0) > 0]
    hasil = stats.chi2_contingency(tabel)
    alasan = SEMUA_SAMA if tabel.shape[1] < 2 else None
    return UjiChi2(float(hasil.statistic), int(hasil.dof), float(hasil.pvalue), alasan)


def cohen_d(a: Ringkasan, b: Ringkasan) -> tuple[float | None, str | None]:
    """(mean a - mean b) / pooled SD, the pooled variance weighting each group by n - 1."""
    if a.n == 0 or b.n == 0 or a.rata is None or b.rata is None:
        return None, KELOMPOK_KOSONG
    if a.varians is None or b.varians is None:
        return None, N_KURANG
    gabungan = ((a.n - 1) * a.varians + (b.n - 1) * b.varians) / (a.n + b.n - 2)
    if gabungan == 0:
        return None, TANPA_VARIASI
    return (a.rata - b.rata) / math.sqrt(gabungan), None


def cliff_delta(a: Sequence[int], b: Sequence[int]) -> tuple[float | None, str | None]:
    """P(a > b) - P(a < b) over all pairs (one answer of each group), from the counts."""
    ca, cb = _vektor(a), _vektor(b)
    n1, n2 = sum(ca), sum(cb)
    if n1 == 0 or n2 == 0:
        return None, KELOMPOK_KOSONG
    lebih = kurang = 0
    b_di_bawah = 0
    b_di_atas = n2
    for x, y in zip(ca, cb, strict=True):
        b_di_atas -= y
        lebih += x * b_di_bawah
        kurang += x * b_di_atas
        b_di_bawah += y
    return (lebih - kurang) / (n1 * n2), None
