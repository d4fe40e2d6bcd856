"""Pure statistics of Tilik on count tables (analitik.tabel.TabelHitung). No ORM, no Django,
no rounding inside: results are exact fractions (IKM) or unrounded floats, and a statistic that
cannot be computed is None with a reason code (dasar), never NaN, never an exception.

The cost of every function depends on the size of the count tables (4 values x 9 unsur,
distinct (sum, answered) pairs, distinct answer patterns), not on the number of respondents.

Stable signatures (the database side and the commands rely on them):

    ikm(tabel, *, bobot_lama=False) -> HasilIKM                     # raises IKMTidakLengkap
    mutu_pelayanan(nilai_konversi) -> (mutu, kinerja)
    bulatkan(x, desimal=2) -> Decimal                                # half-up, exact
    banding_unsur(sebelum, sesudah) -> dict[str, BandingUnsur]       # U1..U9
    banding_ikm(sebelum, sesudah, *, bobot_lama=False, bootstrap=2000, seed=BENIH,
                metode_bootstrap="otomatis") -> BandingIKM
    bootstrap_selisih_konversi(sebelum, sesudah, *, b=2000, seed=BENIH, bobot_lama=False,
                               metode="otomatis") -> HasilBootstrap
    pilih_metode(sebelum, sesudah, *, b=2000) -> "multinomial" | "normal"   # what otomatis takes
    welch(a, b) / cohen_d(a, b) on Ringkasan; mann_whitney(a, b) / chi2(a, b) /
        cliff_delta(a, b) on value counts                            # a = sesudah, b = sebelum
    holm(p) / benjamini_hochberg(p) -> list[float | None]
    alpha(tabel) -> HasilAlpha                                       # Cronbach, complete cases
    did(sel) -> HasilDiD
        sel: Sequence[tuple[unit_id, diobati: bool, sesudah: bool, skor: Mapping[(sum, answered), count]]]
    its(nilai_per_periode: Sequence[float], indeks_intervensi: int) -> HasilITS
    ipa(tabel) -> HasilIPA                                           # needs tabel.harapan

Matching the references (the tests compare with scipy/statsmodels on the expanded data):
- Welch: t, df, p and the interval as scipy.stats.ttest_ind(a, b, equal_var=False); p is
  2 x stdtr(df, -|t|) as scipy computes it. Where scipy returns t = +-inf (both groups constant,
  different values) or nan, the result is None with a reason.
- Mann-Whitney: U of a from midranks, tie term sum(t^3 - t) and the variance in integers (exactly
  zero when every answer ties, where scipy's z is -inf and its p is clipped to 1: so is ours).
- chi-square: scipy.stats.chi2_contingency itself on the 2 x k table without empty columns.
- Holm / BH: statsmodels' order of operations (BH divides by the ecdf factor k / m).
- DiD: statsmodels OLS(...).fit(cov_type="cluster") defaults: CR1 with G/(G-1) x (N-1)/(N-K),
  and p from the NORMAL distribution (use_t is False by default for robust covariances, although
  statsmodels records df_resid_inference = G - 1); p_t gives the t(G - 1) reading (use_t=True).
  The sandwich is built from cell means (the model is saturated), so a coefficient whose cells
  one unit fills alone gets an exact 0 standard error (None) where statsmodels shows 1e-6 noise.
- ITS: statsmodels OLS(...).fit() defaults (classical covariance, t with T - 4 df).
- IKM: exact fractions; the band is read on the nilai konversi rounded half-up to 2 decimals.

Orientation: sesudah minus sebelum everywhere (differences, t, d, Cliff's delta, U of the
sesudah group). JSON-ready objects with the interface's key names are built by
analitik.keluaran; formatting for people (decimal comma, p-values, sentences) is in
analitik.format.
"""

from .banding import BandingIKM, BandingUnsur, banding_ikm, banding_unsur, skor_dari
from .bootstrap import BENIH, HasilBootstrap, MetodeBootstrap, bootstrap_selisih_konversi, pilih_metode
from .dasar import Ringkasan, ringkas, ringkas_hitung, ringkas_skor
from .did import HasilDiD, did
from .ikm import (
    BOBOT_BAKU,
    BOBOT_LAMA,
    PITA,
    HasilIKM,
    IKMTidakLengkap,
    UnsurIKM,
    bulatkan,
    ikm,
    mutu_pelayanan,
)
from .ipa import KUADRAN, HasilIPA, UnsurIPA, ipa
from .its import MIN_PERIODE_SISI, HasilITS, its
from .koreksi import benjamini_hochberg, holm
from .regresi import Koefisien
from .reliabilitas import ButirAlpha, HasilAlpha, alpha
from .uji import UjiChi2, UjiMannWhitney, UjiWelch, chi2, cliff_delta, cohen_d, mann_whitney, welch

__all__ = [
    "BENIH",
    "BOBOT_BAKU",
    "BOBOT_LAMA",
    "KUADRAN",
    "MIN_PERIODE_SISI",
    "PITA",
    "BandingIKM",
    "BandingUnsur",
    "ButirAlpha",
    "HasilAlpha",
    "HasilBootstrap",
    "HasilDiD",
    "HasilIKM",
    "HasilIPA",
    "HasilITS",
    "IKMTidakLengkap",
    "Koefisien",
    "MetodeBootstrap",
    "Ringkasan",
    "UjiChi2",
    "UjiMannWhitney",
    "UjiWelch",
    "UnsurIKM",
    "UnsurIPA",
    "alpha",
    "banding_ikm",
    "banding_unsur",
    "benjamini_hochberg",
    "bootstrap_selisih_konversi",
    "bulatkan",
    "chi2",
    "cliff_delta",
    "cohen_d",
    "did",
    "holm",
    "ikm",
    "ipa",
    "its",
    "mann_whitney",
    "mutu_pelayanan",
    "pilih_metode",
    "ringkas",
    "ringkas_hitung",
    "ringkas_skor",
    "skor_dari",
    "welch",
]
