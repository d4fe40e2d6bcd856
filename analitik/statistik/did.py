"""Difference-in-differences of restructured (diobati) against comparison units, with
standard errors clustered by unit.

Model, one row per respondent: skor = b0 + b1 diobati + b2 sesudah + b3 diobati x sesudah + e,
where skor = 25 x the mean of the unsur that respondent answered. b3 is the estimate: the
change in the restructured units beyond the change in the comparison units.

Every respondent of a (unit, sesudah) cell shares one row of X, so the fit needs only each
cell's n and sum of y (from its skor table). The model is saturated in the four (diobati,
sesudah) groups: the coefficients are differences of the group means, and the cluster score of
unit g, sum_i x_i e_i, is made of its residual sums per group (sum y - n x group mean).

The covariance reproduces statsmodels OLS(y, X).fit(cov_type="cluster",
cov_kwds={"groups": unit}) exactly, with its defaults:
- CR1 sandwich (X'X)^-1 [sum_g s_g s_g'] (X'X)^-1 times the small-sample factor
  G / (G - 1) x (N - 1) / (N - K), K = 4 (use_correction=True);
- p and ci95 from the NORMAL distribution: statsmodels' default use_t is False for a robust
  covariance, although it records df_resid_inference = G - 1;
- p_t and ci95_t from Student's t with G - 1 df, what statsmodels gives with use_t=True and
  what Cameron & Miller recommend when clusters are few. Readers should prefer p_t.
With fewer than two units the cluster covariance is undefined (KLASTER_KURANG); with any of the
four (diobati, sesudah) cells empty the interaction is not identified (SEL_KOSONG); with only
four respondents (N = K) the correction is undefined (N_KURANG); a standard error that is zero
up to rounding (every cluster's residuals sum to zero) is None too (SISA_NOL, regresi.SE_MIN).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .dasar import KLASTER_KURANG, N_KURANG, SEL_KOSONG, SISA_NOL, skor_per_responden
from .regresi import Koefisien, koefisien

Sel = tuple[Hashable, bool, bool, Mapping[tuple[int, int], int]]
NAMA_KOEFISIEN = ("konstanta", "diobati", "sesudah", "interaksi")
# beta = C mu, mu the cell means in the order (pembanding, sebelum), (pembanding, sesudah),
# (diobati, sebelum), (diobati, sesudah).
_C = np.array(
    [
        [1.0, 0.0, 0.0, 0.0],
        [-1.0, 0.0, 1.0, 0.0],
        [-1.0, 1.0, 0.0, 0.0],
        [1.0, -1.0, -1.0, 1.0],
    ]
)


@dataclass(frozen=True)
class HasilDiD:
    n: int  # respondents
    klaster: int  # units
    # Mean score of each (diobati, sesudah) cell; None for an empty cell.
    rata: Mapping[tuple[bool, bool], float | None]
    koefisien: Mapping[str, Koefisien] | None  # konstanta, diobati, sesudah, interaksi
    alasan: str | None = None

    @property
    def estimasi(self) -> Koefisien | None:
        return None if self.koefisien is None else self.koefisien["interaksi"]


def _jumlah(skor: Mapping[tuple[int, int], int]) -> tuple[float, float]:
    nilai, hitung = skor_per_responden(skor)
    return float(hitung.sum()), float((hitung * nilai).sum())


def did(sel: Sequence[Sel]) -> HasilDiD:
    """sel: (unit id, diobati, sesudah, skor table) cells; a unit may appear in several cells
    (they are added), but a unit is either restructured or not."""
    n_sel: dict[tuple[Hashable, bool], list[float]] = defaultdict(lambda: [0.0, 0.0])
    status: dict[Hashable, bool] = {}
    for unit, diobati, sesudah, skor in sel:
        if status.setdefault(unit, bool(diobati)) != bool(diobati):
            raise ValueError(f"unit {unit!r} tercatat sebagai diobati dan sebagai pembanding")
        n, jumlah_y = _jumlah(skor)
        if n:
            tampung = n_sel[(unit, bool(sesudah))]
            tampung[0] += n
            tampung[1] += jumlah_y
    sel_isi = {k: v for k, v in n_sel.items() if v[0] > 0}
    unit_isi = sorted({u for u, _ in sel_isi}, key=repr)
    n_total = int(sum(v[0] for v in sel_isi.values()))
    sel4: dict[tuple[bool, bool], list[float]] = {
        (d, s): [0.0, 0.0] for d in (False, True) for s in (False, True)
    }
    for (unit, sesudah), (n, jy) in sel_isi.items():
        sel4[(status[unit], sesudah)][0] += n
        sel4[(status[unit], sesudah)][1] += jy
    rata = {k: (v[1] / v[0] if v[0] else None) for k, v in sel4.items()}
    if any(v[0] == 0 for v in sel4.values()):
        return HasilDiD(n_total, len(unit_isi), rata, None, SEL_KOSONG)
    if len(unit_isi) < 2:
        return HasilDiD(n_total, len(unit_isi), rata, None, KLASTER_KURANG)

    # The model is saturated in the four (diobati, sesudah) cells, so beta = C mu with mu the
    # cell means, and (X'X)^-1 X_g' e_g = C (e_g / N): the influence of unit g through its
    # residual sum in each cell. This is the same sandwich as statsmodels builds, computed
    # without inverting X'X, so a cell that one unit fills alone contributes exactly 0 instead of
    # the rounding residue of cancelling large terms.
    urutan = [(False, False), (False, True), (True, False), (True, True)]
    rata_sel = np.array([sel4[k][1] / sel4[k][0] for k in urutan])
    n_sel4 = np.array([sel4[k][0] for k in urutan])
    beta = _C @ rata_sel
    pengaruh = {u: np.zeros(4) for u in unit_isi}
    for (unit, sesudah), (n, jy) in sel_isi.items():
        j = urutan.index((status[unit], sesudah))
        pengaruh[unit][j] += jy - n * rata_sel[j]
    daging = np.zeros((4, 4))
    for e in pengaruh.values():
        psi = _C @ (e / n_sel4)
        daging += np.outer(psi, psi)
    g, k = len(unit_isi), 4
    if n_total <= k:
        # (N - 1) / (N - K) is undefined: one respondent per cell leaves no residual.
        tanpa_se = {
            nama: koefisien(float(beta[i]), None, df_t=None, df_t_tambahan=None)
            for i, nama in enumerate(NAMA_KOEFISIEN)
        }
        return HasilDiD(n_total, g, rata, tanpa_se, N_KURANG)
    faktor = g / (g - 1.0) * ((n_total - 1.0) / float(n_total - k))
    se = np.sqrt(faktor * np.clip(np.diag(daging), 0.0, None))
    hasil = {
        nama: koefisien(float(beta[i]), float(se[i]), df_t=None, df_t_tambahan=g - 1)
        for i, nama in enumerate(NAMA_KOEFISIEN)
    }
    alasan = SISA_NOL if hasil["interaksi"].se is None else None
    return HasilDiD(n_total, g, rata, hasil, alasan)
