"""Cronbach's alpha of the nine unsur and the corrected item-total correlations, for one
period, on complete cases (respondents who answered all nine), from the pola table.

With C the sample covariance matrix of the nine items (ddof = 1; the ddof cancels in alpha):
- alpha = k / (k - 1) x (1 - trace(C) / sum(C)), k = 9;
- corrected item-total correlation of item i = corr(x_i, total - x_i)
  = (sum_j C_ij - C_ii) / sqrt(C_ii x (sum(C) - 2 sum_j C_ij + C_ii));
- alpha if item i is deleted: the same formula on C without row and column i.

None (with a reason) when fewer than two complete cases exist, when the total never varies
(alpha is 0/0), or, for one item, when that item or the rest-total never varies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..tabel import KODE_UNSUR, TabelHitung
from .dasar import N_KURANG, POLA_KOSONG, TANPA_VARIASI, TOTAL_TANPA_VARIASI, larik_pola


@dataclass(frozen=True)
class ButirAlpha:
    korelasi_item_total: float | None  # corrected: item against the total of the other eight
    alpha_jika_dihapus: float | None


@dataclass(frozen=True)
class HasilAlpha:
    n: int  # complete cases
    alpha: float | None
    butir: Mapping[str, ButirAlpha]
    alasan: str | None = None


def _alpha(c: np.ndarray) -> float | None:
    k = c.shape[0]
    total = float(c.sum())
    if total <= 0 or k < 2:
        return None
    return k / (k - 1) * (1.0 - float(np.trace(c)) / total)


def alpha(tabel: TabelHitung) -> HasilAlpha:
    kosong = {k: ButirAlpha(None, None) for k in KODE_UNSUR}
    if not tabel.pola:
        return HasilAlpha(0, None, kosong, POLA_KOSONG)
    semua, hitung = larik_pola(tabel.pola)
    lengkap = (semua > 0).all(axis=1)
    x, w = semua[lengkap].astype(float), hitung[lengkap]
    n = int(w.sum())
    if n < 2:
        return HasilAlpha(n, None, kosong, N_KURANG)
    rata = (w[:, None] * x).sum(axis=0) / n
    d = x - rata
    cov = (d * w[:, None]).T @ d / (n - 1)
    total = float(cov.sum())
    if total <= 0:
        return HasilAlpha(n, None, kosong, TOTAL_TANPA_VARIASI)
    baris = cov.sum(axis=1)
    butir: dict[str, ButirAlpha] = {}
    for i, kode in enumerate(KODE_UNSUR):
        var_sisa = total - 2 * float(baris[i]) + float(cov[i, i])
        kovarians = float(baris[i]) - float(cov[i, i])
        if cov[i, i] > 0 and var_sisa > 0:
            r: float | None = kovarians / math.sqrt(float(cov[i, i]) * var_sisa)
        else:
            r = None
        tanpa = np.delete(np.delete(cov, i, axis=0), i, axis=1)
        butir[kode] = ButirAlpha(r, _alpha(tanpa))
    hasil = _alpha(cov)
    return HasilAlpha(n, hasil, butir, None if hasil is not None else TANPA_VARIASI)
