"""Ordinary least squares from sufficient statistics, shared by did and its.

Only the small cross-product matrices travel here (X'WX, X'Wy, per-cluster score sums), never
one row per respondent."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dasar import hingga, kuantil_normal, kuantil_t, p_normal, p_t


@dataclass(frozen=True)
class Koefisien:
    koef: float
    se: float | None
    t: float | None
    p: float | None
    ci95: tuple[float, float] | None
    # Only for the cluster-robust fit: p from Student's t with G - 1 df (statsmodels with
    # use_t=True), the conservative reading when clusters are few.
    p_t: float | None = None
    ci95_t: tuple[float, float] | None = None


# Scores live on a 25-100 scale; a standard error below this is rounding residue of an exact
# fit (every residual zero), not information, and t = koef / residue would be noise.
SE_MIN = 1e-9


def koefisien(koef: float, se: float | None, *, df_t: float | None, df_t_tambahan: float | None) -> Koefisien:
    """Inference for one coefficient. df_t None: normal reference (z), else Student's t with
    df_t degrees of freedom. df_t_tambahan: a second, t-based reading reported in p_t.
    A missing or (numerically) zero standard error leaves se, t, p and the interval None."""
    if se is None or hingga(se) is None or not se > SE_MIN:
        return Koefisien(koef, None, None, None, None)
    t = koef / se
    if df_t is None:
        p, q = p_normal(t), kuantil_normal(0.975)
    else:
        p, q = p_t(t, df_t), kuantil_t(0.975, df_t)
    p2 = ci2 = None
    if df_t_tambahan is not None:
        p2 = p_t(t, df_t_tambahan)
        q2 = kuantil_t(0.975, df_t_tambahan)
        ci2 = (koef - q2 * se, koef + q2 * se)
    return Koefisien(koef, se, t, p, (koef - q * se, koef + q * se), p2, ci2)


def selesaikan(xtx: np.ndarray, xty: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(beta, (X'X)^-1), or None when X'X is singular (a regressor is not identified)."""
    if np.linalg.matrix_rank(xtx) < xtx.shape[0]:
        return None
    invers = np.linalg.inv(xtx)
    return invers @ xty, invers
