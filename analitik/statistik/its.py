"""Interrupted time series on the nilai konversi of successive, equally spaced periods.

Segmented regression y_t = b0 + b1 t + b2 D_t + b3 (t - t0) D_t + e_t, with t = 0, 1, ..., T-1
the period index, t0 = indeks_intervensi the index of the first period after the
restructuring and D_t = 1 from t0 on. b2 is the change in level at t0, b3 the change in
slope. Ordinary least squares with the classical covariance and Student's t with T - 4 df:
exactly statsmodels OLS(y, X).fit() with its defaults.

At least three periods on each side are required (TIDAK_CUKUP_PERIODE), as the usual
guidance for segmented regression asks; with exactly 3 + 3 the test has only 2 df, so read it
as a description more than a test. The errors are assumed independent: with few periods
autocorrelation cannot be estimated credibly, which the reading should say.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .dasar import SISA_NOL, TIDAK_CUKUP_PERIODE
from .regresi import Koefisien, koefisien, selesaikan

MIN_PERIODE_SISI = 3
NAMA_KOEFISIEN = ("konstanta", "tren", "perubahan_level", "perubahan_tren")


@dataclass(frozen=True)
class HasilITS:
    n_periode: int
    indeks_intervensi: int
    koefisien: Mapping[str, Koefisien] | None  # konstanta, tren, perubahan_level, perubahan_tren
    alasan: str | None = None

    @property
    def perubahan_level(self) -> Koefisien | None:
        return None if self.koefisien is None else self.koefisien["perubahan_level"]

    @property
    def perubahan_tren(self) -> Koefisien | None:
        return None if self.koefisien is None else self.koefisien["perubahan_tren"]


def its(nilai_per_periode: Sequence[float], indeks_intervensi: int) -> HasilITS:
    y = np.asarray([float(v) for v in nilai_per_periode], dtype=float)
    n = y.size
    if not np.all(np.isfinite(y)):
        raise ValueError("setiap periode harus memiliki nilai konversi (angka terhingga)")
    if indeks_intervensi < MIN_PERIODE_SISI or n - indeks_intervensi < MIN_PERIODE_SISI:
        return HasilITS(n, indeks_intervensi, None, TIDAK_CUKUP_PERIODE)
    t = np.arange(n, dtype=float)
    d = (t >= indeks_intervensi).astype(float)
    x = np.column_stack([np.ones(n), t, d, (t - indeks_intervensi) * d])
    solusi = selesaikan(x.T @ x, x.T @ y)
    if solusi is None:  # pragma: no cover - three periods per side identify all four terms
        return HasilITS(n, indeks_intervensi, None, TIDAK_CUKUP_PERIODE)
    beta, invers = solusi
    sisa = y - x @ beta
    df = n - 4
    s2 = float(sisa @ sisa) / df
    alasan = None
    # A fit that is exact up to rounding has no residual variance: the SE would be noise.
    if s2 <= (1e-12 * max(1.0, float(np.abs(y).max()))) ** 2:
        alasan = SISA_NOL
    hasil = {}
    for i, nama in enumerate(NAMA_KOEFISIEN):
        se = None if alasan else math.sqrt(s2 * float(invers[i, i]))
        hasil[nama] = koefisien(float(beta[i]), se, df_t=df, df_t_tambahan=None)
    return HasilITS(n, indeks_intervensi, hasil, alasan)
