"""Krejcie-Morgan sample size and achieved margin of error, against the values in SKM.md."""

import math

import pytest

from analitik.sampel import margin_error, sampel_krejcie_morgan, sampel_minimum


@pytest.mark.parametrize(
    ("populasi", "rumus"),
    [(100, 79.5), (1_000, 277.7), (10_000, 369.9), (100_000, 382.6), (1_000_000, 384.0)],
)
def test_the_formula_gives_the_values_printed_in_the_guide(populasi, rumus):
    assert round(sampel_krejcie_morgan(populasi), 1) == rumus


def test_the_formula_matches_a_hand_worked_example_to_many_decimals():
    # N = 100: 3.841 * 100 * 0.25 / (0.0025 * 99 + 3.841 * 0.25) = 96.025 / 1.20775
    assert sampel_krejcie_morgan(100) == pytest.approx(96.025 / 1.20775, rel=1e-15)


@pytest.mark.parametrize(
    ("populasi", "minimum"), [(100, 80), (1_000, 278), (10_000, 370), (1_000_000, 384), (None, 385)]
)
def test_the_required_sample_rounds_the_formula_up(populasi, minimum):
    assert sampel_minimum(populasi) == minimum


def test_an_unknown_population_uses_the_infinite_limit():
    assert sampel_krejcie_morgan(None) == pytest.approx(3.841 * 0.25 / 0.0025)


def test_a_population_below_one_is_refused():
    with pytest.raises(ValueError, match="populasi"):
        sampel_krejcie_morgan(0)


@pytest.mark.parametrize("populasi", [100, 1_000, 10_000, 1_000_000])
def test_the_margin_of_error_inverts_the_formula(populasi):
    s = sampel_krejcie_morgan(populasi)
    # With exactly the formula's sample the margin is exactly d = 0.05.
    d = math.sqrt(3.841 * 0.25 * (populasi - s) / (s * (populasi - 1)))
    assert d == pytest.approx(0.05, rel=1e-12)
    lebih, kurang = margin_error(278, 1_000), margin_error(277, 1_000)
    assert lebih is not None and kurang is not None
    assert lebih < 0.05 < kurang


def test_the_margin_of_error_edges():
    assert margin_error(0, 1000) is None
    assert margin_error(1000, 1000) == 0.0
    assert margin_error(100, None) == pytest.approx(math.sqrt(3.841 * 0.25 / 100))
