"""Multiplicity corrections across the unsur, as statsmodels.stats.multitest.multipletests
computes them (method "holm" and "fdr_bh"). A None p (a test that could not be computed) is
not part of the family: the others are corrected among themselves and it stays None."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _siapkan(p: Sequence[float | None]) -> tuple[list[int], np.ndarray]:
    indeks = [i for i, x in enumerate(p) if x is not None]
    return indeks, np.array([p[i] for i in indeks], dtype=float)


def _kembalikan(n: int, indeks: list[int], nilai: np.ndarray) -> list[float | None]:
    hasil: list[float | None] = [None] * n
    for i, x in zip(indeks, nilai, strict=True):
        hasil[i] = float(x)
    return hasil


def holm(p: Sequence[float | None]) -> list[float | None]:
    """Holm's step-down: the i-th smallest p times (m - i + 1), made monotone, capped at 1."""
    indeks, nilai = _siapkan(p)
    m = len(nilai)
    if m == 0:
        return [None] * len(p)
    urut = np.argsort(nilai)
    mentah = nilai[urut] * np.arange(m, 0, -1)
    disesuaikan = np.minimum(np.maximum.accumulate(mentah), 1.0)
    keluar = np.empty(m)
    keluar[urut] = disesuaikan
    return _kembalikan(len(p), indeks, keluar)


def benjamini_hochberg(p: Sequence[float | None]) -> list[float | None]:
    """Benjamini-Hochberg: the i-th smallest p times m / i, made monotone from the largest
    down, capped at 1."""
    indeks, nilai = _siapkan(p)
    m = len(nilai)
    if m == 0:
        return [None] * len(p)
    urut = np.argsort(nilai)
    # Divided by the ecdf factor k / m, as statsmodels does (not multiplied by m / k), so the
    # floats agree to the last bit.
    mentah = nilai[urut] / (np.arange(1, m + 1) / m)
    disesuaikan = np.minimum(np.minimum.accumulate(mentah[::-1])[::-1], 1.0)
    keluar = np.empty(m)
    keluar[urut] = disesuaikan
    return _kembalikan(len(p), indeks, keluar)
