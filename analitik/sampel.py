"""Sample size (Krejcie & Morgan 1970, as used by the PermenPANRB 14/2017 annex) and the margin
of error a sample achieved. Pure functions: no ORM, no rounding inside.

S = X² N P (1-P) / (d² (N-1) + X² P (1-P)) with X² = 3,841 (chi-square, 1 df, 95%), P = 0,5 and
d = 0,05. Formula values: N=100 -> 79,5; 1 000 -> 277,7; 10 000 -> 369,9; 100 000 -> 382,6.
The printed K&M table rounds up (80, 278, 370, 383 -> printed 384 for 100 000): sampel_minimum()
rounds up, so the required sample is never short of the formula.
"""

import math

X2_95 = 3.841
P_MAKS = 0.5
D_BAKU = 0.05


def sampel_krejcie_morgan(
    populasi: int | None, *, d: float = D_BAKU, p: float = P_MAKS, x2: float = X2_95
) -> float:
    """The formula value, unrounded. populasi None means unknown/infinite (the limit
    X² P (1-P) / d², 384,1 with the defaults)."""
    if populasi is not None and populasi < 1:
        raise ValueError("populasi harus paling sedikit 1")
    pq = p * (1 - p)
    if populasi is None:
        return x2 * pq / d**2
    return x2 * populasi * pq / (d**2 * (populasi - 1) + x2 * pq)


def sampel_minimum(populasi: int | None, *, d: float = D_BAKU) -> int:
    """The required number of respondents: the formula value rounded up."""
    # A tiny tolerance so that a value like 80.00000000001 from floating point stays 80.
    return math.ceil(sampel_krejcie_morgan(populasi, d=d) - 1e-9)


def margin_error(n: int, populasi: int | None, *, p: float = P_MAKS, x2: float = X2_95) -> float | None:
    """The margin of error d that n respondents achieve, the inverse of the K&M formula (so it
    includes the finite population correction): d = sqrt(X² P (1-P) (N - n) / (n (N - 1))).

    None when there are no respondents; 0 when everyone in the population answered."""
    if n <= 0:
        return None
    pq = p * (1 - p)
    if populasi is None:
        return math.sqrt(x2 * pq / n)
    if populasi <= 1 or n >= populasi:
        return 0.0
    return math.sqrt(x2 * pq * (populasi - n) / (n * (populasi - 1)))
