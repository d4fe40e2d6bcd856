"""Bootstrap percentile interval for the difference in nilai konversi (sesudah - sebelum).

Each replicate resamples the respondents of each period with replacement (the pola table is
the respondents grouped by their answer pattern, so a resample is one multinomial draw of n
over the patterns with probabilities count / n), recomputes every NRR with its own
denominator and the nilai konversi with the chosen weights, and takes the difference. The
interval is the 2,5th and 97,5th percentile of the B differences (numpy's default linear
interpolation). A fixed seed (numpy's PCG64 through default_rng) makes it reproducible: the
same tables, B and seed always give the same interval.

A replicate in which some unsur drew no answer at all has no IKM (see ikm); such replicates
are left out and counted. With fewer than half of the replicates valid the interval is None
(BOOTSTRAP_GAGAL): an unsur is answered too rarely for its NRR to be resampled.

The cost is B x (number of distinct patterns), independent of the number of respondents; the
draws are made in blocks so memory stays bounded too. numpy's multinomial takes about 0,1-0,2
microseconds per replicate and pattern: B = 2000 over 800 patterns (a unit-period of about a
thousand respondents) is about 0,3 s, over 40 000 patterns (200 000 varied respondents) about
15 s. Per draw this is the fastest exact sampler numpy offers (conditional binomials and
categorical draws + bincount were measured slower).

metode="normal" replaces each resample's 18 totals (sum and number of answers per unsur) by a
normal draw with their exact bootstrap mean and covariance (n times the respondents' mean and
covariance). The nilai konversi is still recomputed from the drawn totals, so the ratio's
non-linearity is kept; only the multinomial totals are replaced by their central-limit
approximation. Its cost is one pass over the patterns plus B x 18 draws, whatever n is.

metode="otomatis" (the default) takes the exact sampler while it is cheap, B x (patterns
before + patterns after) <= ANGGARAN_TEPAT (about 20 ms), and the normal limit beyond that,
where there are necessarily more than ANGGARAN_TEPAT / B (150 at B = 2000) respondents and
the two agree to a few hundredths of a point (far inside the Monte Carlo spread of the
percentiles themselves). An unsur answered by fewer than MIN_JAWABAN_NORMAL respondents in a
period keeps the exact sampler whatever it costs: there the normal limit of its count is
poor, and the exact sampler is what reports that it is too rare to resample. The result
records the method used (HasilBootstrap.metode); pilih_metode() tells it in advance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..tabel import TabelHitung
from .dasar import BOOTSTRAP_GAGAL, KELOMPOK_KOSONG, POLA_KOSONG, larik_pola
from .ikm import BOBOT_BAKU, BOBOT_LAMA

BENIH = 142017  # PermenPANRB 14/2017
_SEL_PER_BLOK = 2_000_000
# Replicates x patterns up to which "otomatis" takes the exact sampler (~60 ns a cell).
ANGGARAN_TEPAT = 300_000
MIN_JAWABAN_NORMAL = 30

MetodeBootstrap = Literal["otomatis", "multinomial", "normal"]


@dataclass(frozen=True)
class HasilBootstrap:
    ci95: tuple[float, float] | None
    b: int  # replicates drawn
    sah: int  # replicates with every unsur answered
    seed: int
    alasan: str | None = None
    metode: str = "multinomial"


def _konversi_multinomial(
    x: np.ndarray, hitung: np.ndarray, b: int, rng: np.random.Generator, bobot: float
) -> np.ndarray:
    pola = x.astype(float)
    n = int(hitung.sum())
    peluang = hitung / n
    dijawab = (pola > 0).astype(float)
    hasil = np.empty(b)
    blok = max(1, _SEL_PER_BLOK // len(hitung))
    for awal in range(0, b, blok):
        k = min(blok, b - awal)
        contoh = rng.multinomial(n, peluang, size=k).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            nrr = (contoh @ pola) / (contoh @ dijawab)
        hasil[awal : awal + k] = 25.0 * bobot * nrr.sum(axis=1)
    return hasil


def _konversi_normal(
    x: np.ndarray, hitung: np.ndarray, b: int, rng: np.random.Generator, bobot: float
) -> np.ndarray:
    # One resample's totals (sum and number of answers per unsur) are a sum of n independent
    # draws of a respondent's 18 numbers: their exact mean and covariance are n times the
    # respondents' (ddof = 0), and for large n they are normal (central limit theorem).
    n = float(hitung.sum())
    z = np.hstack([x.astype(float), (x > 0).astype(float)])
    rata = (hitung[:, None] * z).sum(axis=0) / n
    d = z - rata
    kov = (d * hitung[:, None]).T @ d / n
    total = rng.multivariate_normal(n * rata, n * kov, size=b, method="eigh", check_valid="ignore")
    jumlah, dijawab = total[:, :9], total[:, 9:]
    with np.errstate(divide="ignore", invalid="ignore"):
        nrr = np.where(dijawab > 0.5, jumlah / dijawab, np.nan)
    return 25.0 * bobot * nrr.sum(axis=1)


def _pilih(b: int, *kelompok: tuple[np.ndarray, np.ndarray]) -> Literal["multinomial", "normal"]:
    if b * sum(len(c) for _, c in kelompok) <= ANGGARAN_TEPAT:
        return "multinomial"
    for x, c in kelompok:
        if int(((x > 0) * c[:, None]).sum(axis=0).min()) < MIN_JAWABAN_NORMAL:
            return "multinomial"
    return "normal"


def pilih_metode(
    sebelum: TabelHitung, sesudah: TabelHitung, *, b: int = 2000
) -> Literal["multinomial", "normal"]:
    """The sampler metode="otomatis" takes for these tables and B."""
    if not sebelum.pola or not sesudah.pola:
        return "multinomial"
    return _pilih(b, larik_pola(sesudah.pola), larik_pola(sebelum.pola))


def bootstrap_selisih_konversi(
    sebelum: TabelHitung,
    sesudah: TabelHitung,
    *,
    b: int = 2000,
    seed: int = BENIH,
    bobot_lama: bool = False,
    metode: MetodeBootstrap = "otomatis",
) -> HasilBootstrap:
    if b < 1:
        raise ValueError("jumlah replikasi bootstrap harus paling sedikit 1")
    if metode not in ("otomatis", "multinomial", "normal"):
        raise ValueError(f"metode bootstrap tidak dikenal: {metode}")
    if not sebelum.pola or not sesudah.pola:
        kosong = not any(sum(h) for h in sebelum.unsur.values()) or not any(
            sum(h) for h in sesudah.unsur.values()
        )
        return HasilBootstrap(None, b, 0, seed, KELOMPOK_KOSONG if kosong else POLA_KOSONG, metode)
    (xa, ca), (xb, cb) = larik_pola(sesudah.pola), larik_pola(sebelum.pola)
    if not ca.size or not cb.size:
        return HasilBootstrap(None, b, 0, seed, KELOMPOK_KOSONG, metode)
    bobot = float(BOBOT_LAMA if bobot_lama else BOBOT_BAKU)
    if metode == "otomatis":
        metode = _pilih(b, (xa, ca), (xb, cb))
    rng = np.random.default_rng(seed)
    replika = _konversi_multinomial if metode == "multinomial" else _konversi_normal
    selisih = replika(xa, ca, b, rng, bobot) - replika(xb, cb, b, rng, bobot)
    sah = selisih[np.isfinite(selisih)]
    if 2 * sah.size < b:
        return HasilBootstrap(None, b, int(sah.size), seed, BOOTSTRAP_GAGAL, metode)
    bawah, atas = np.percentile(sah, [2.5, 97.5])
    return HasilBootstrap((float(bawah), float(atas)), b, int(sah.size), seed, None, metode)
