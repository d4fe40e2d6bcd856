"""Shared tools of the analitik statistics tests: hypothesis strategies for count tables and
raw answer rows, their expansion back to one value per answer (what scipy and statsmodels
get as the reference), and the comparison helpers.

Hypothesis runs derandomized (a fixed sequence of examples) without an example database, so
the suite is reproducible and its run time predictable."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROFIL = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFIL_SEDIKIT = settings(PROFIL, max_examples=60)

REL = 1e-9
ABS = 1e-12

# Counts of the values 1, 2, 3, 4 of one unsur in one group: small, often zero (empty levels,
# ties everywhere), sometimes all zero (an empty group) or a single answer (n = 1).
hitungan = st.tuples(*[st.integers(0, 9)] * 4)
hitungan_besar = st.tuples(*[st.integers(0, 400)] * 4)


baris_responden = st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9)
# A respondent whose answers lean high or low, so the nine unsur correlate (alpha is not ~0).
condong = st.integers(1, 4).flatmap(
    lambda pusat: st.lists(
        st.one_of(st.integers(max(1, pusat - 1), min(4, pusat + 1)), st.none()), min_size=9, max_size=9
    )
)


def luaskan(hitung: Sequence[int]) -> np.ndarray:
    """The answers behind a (c1, c2, c3, c4) count, one value each."""
    return np.repeat(np.array([1.0, 2.0, 3.0, 4.0]), np.asarray(hitung, dtype=int))


def skor_responden(baris: Sequence[Sequence[int | None]]) -> np.ndarray:
    """Per respondent 25 x mean of the unsur answered (respondents with no answer left out)."""
    hasil = []
    for b in baris:
        dijawab = [v for v in b if v]
        if dijawab:
            hasil.append(25 * float(np.mean(dijawab)))
    return np.array(hasil)


def tanpa_peringatan(fungsi: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The reference libraries warn on degenerate input (that is what is being tested)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fungsi(*args, **kwargs)


def hingga(x: Any) -> bool:
    return x is not None and math.isfinite(float(x))


def dekat(nilai: float | None, acuan: float, rel: float = REL, abs_: float = ABS) -> None:
    assert nilai is not None
    assert nilai == pytest.approx(float(acuan), rel=rel, abs=abs_)
