"""Shared pieces of the statistics: reasons for an empty result, weighted summaries of a count
vector, and the distribution functions (scipy.special, the same ones scipy.stats uses)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from scipy import special

# Why a statistic is None. The codes are stable (the edge turns them into sentences with
# analitik.format.teks_alasan); the statistics never raise for degenerate data.
KELOMPOK_KOSONG = "kelompok_kosong"  # a group has no answers at all
N_KURANG = "n_kurang_dari_2"  # a group has fewer than two answers: no variance
TANPA_VARIASI = "tanpa_variasi"  # both groups answered one single value each: SE is 0
SEMUA_SAMA = "semua_sama"  # every answer of both groups is the same value
POLA_KOSONG = "pola_kosong"  # the answer-pattern table is not available
BOOTSTRAP_GAGAL = "bootstrap_gagal"  # most resamples left some unsur without an answer
KLASTER_KURANG = "klaster_kurang"  # fewer than two units: no cluster-robust SE
SEL_KOSONG = "sel_kosong"  # a (diobati, sesudah) cell has no respondent
TIDAK_CUKUP_PERIODE = "tidak_cukup_periode"  # ITS needs three periods on each side
SISA_NOL = "sisa_nol"  # the model fits exactly: no residual variance
TANPA_HARAPAN = "tanpa_harapan"  # no harapan (importance) answers
UNSUR_KOSONG = "unsur_kosong"  # an unsur nobody answered
TOTAL_TANPA_VARIASI = "total_tanpa_variasi"  # complete cases whose total score never varies


@dataclass(frozen=True)
class Ringkasan:
    """n, mean and sample variance (ddof = 1) of a weighted list of distinct values."""

    n: int
    rata: float | None
    varians: float | None  # None when n < 2


def ringkas(nilai: Sequence[float] | np.ndarray, hitung: Sequence[int] | np.ndarray) -> Ringkasan:
    x = np.asarray(nilai, dtype=float)
    c = np.asarray(hitung, dtype=float)
    n = int(c.sum())
    if n == 0:
        return Ringkasan(0, None, None)
    rata = float((c * x).sum() / n)
    if n < 2:
        return Ringkasan(n, rata, None)
    # Two passes (deviations from the mean), as numpy.var does on the expanded data: a value
    # that occurs alone gives exactly 0, never a rounding residue.
    return Ringkasan(n, rata, float((c * (x - rata) ** 2).sum() / (n - 1)))


def ringkas_hitung(hitung: Sequence[int]) -> Ringkasan:
    """Summary of a (c1, c2, c3, c4) value count of one unsur."""
    return ringkas((1.0, 2.0, 3.0, 4.0), hitung)


def ringkas_skor(skor: Mapping[tuple[int, int], int]) -> Ringkasan:
    """Summary of the per-respondent scores 25 x sum / answered."""
    nilai, hitung = skor_per_responden(skor)
    return ringkas(nilai, hitung)


def skor_per_responden(skor: Mapping[tuple[int, int], int]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (score, count) pairs of the skor table: score = 25 x sum / answered, with the
    division done last so equal fractions (6/2, 9/3) give the same float."""
    kunci = sorted((s, d, c) for (s, d), c in skor.items() if d > 0 and c > 0)
    nilai = np.array([25 * s / d for s, d, _ in kunci], dtype=float)
    hitung = np.array([c for _, _, c in kunci], dtype=float)
    return nilai, hitung


def larik_pola(pola: Mapping[tuple[int, ...], int]) -> tuple[np.ndarray, np.ndarray]:
    """The pola table as arrays (patterns (P, 9), counts (P,)), without empty patterns or zero
    counts, in lexicographic pattern order: results never depend on the order the table was
    filled in (permuting respondents changes nothing, not even a seeded bootstrap)."""
    if not pola:
        return np.zeros((0, 9)), np.zeros(0)
    p = len(pola)
    x = np.fromiter(chain.from_iterable(pola.keys()), dtype=np.int64, count=p * 9).reshape(p, 9)
    c = np.fromiter(pola.values(), dtype=np.int64, count=p)
    pakai = (c > 0) & (x > 0).any(axis=1)
    x, c = x[pakai], c[pakai]
    urut = np.lexsort(x.T[::-1])
    return x[urut], c[urut].astype(float)


def p_t(t: float, df: float) -> float:
    """Two-sided p of Student's t, as scipy.stats computes it (2 x stdtr(df, -|t|))."""
    return float(2.0 * special.stdtr(df, -abs(t)))


def p_normal(z: float) -> float:
    return float(2.0 * special.ndtr(-abs(z)))


def kuantil_t(q: float, df: float) -> float:
    return float(special.stdtrit(df, q))


def kuantil_normal(q: float) -> float:
    return float(special.ndtri(q))


def hingga(x: float | None) -> float | None:
    """x as a float, or None when it is not a finite number (JSON has no NaN or infinity)."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None
