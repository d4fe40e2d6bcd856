"""Sesudah versus sebelum: per unsur and overall. Orientation: sesudah minus sebelum.

Per unsur (banding_unsur): the NRR of each period, their difference with Welch's 95% interval,
Welch's t-test, Mann-Whitney U, chi-square on the 1-4 distribution, Cohen's d (pooled SD) and
Cliff's delta, and the Welch p adjusted across the unsur by Holm and by Benjamini-Hochberg.
The family for the corrections is the unsur whose Welch p exists (see uji for when it does
not); the Welch test is the one corrected because the NRR, a mean, is what the IKM is made of.

Overall (banding_ikm): the difference in nilai konversi (exact, from ikm()); Welch's test and
interval on the per-respondent scores 25 x mean of the unsur that respondent answered (this
interval is centred on the difference of mean scores, which equals the nilai konversi
difference only when every respondent answered every unsur and the weights are 1/9); and a
bootstrap percentile interval for the nilai konversi difference itself (bootstrap module).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from ..tabel import KODE_UNSUR, TabelHitung
from .bootstrap import BENIH, HasilBootstrap, MetodeBootstrap, bootstrap_selisih_konversi
from .dasar import ringkas_hitung, ringkas_skor
from .ikm import HasilIKM, ikm
from .koreksi import benjamini_hochberg, holm
from .uji import UjiChi2, UjiMannWhitney, UjiWelch, chi2, cliff_delta, cohen_d, mann_whitney, welch


@dataclass(frozen=True)
class BandingUnsur:
    kode: str
    n_sebelum: int
    n_sesudah: int
    rata_sebelum: float | None
    rata_sesudah: float | None
    selisih: float | None
    welch: UjiWelch
    mann_whitney: UjiMannWhitney
    chi2: UjiChi2
    cohen_d: float | None
    cohen_d_alasan: str | None
    cliff_delta: float | None
    cliff_delta_alasan: str | None
    p_holm: float | None
    p_bh: float | None


@dataclass(frozen=True)
class BandingIKM:
    sebelum: HasilIKM
    sesudah: HasilIKM
    selisih: Fraction  # nilai konversi sesudah - sebelum, exact
    welch: UjiWelch  # per-respondent scores (0-100 scale)
    bootstrap: HasilBootstrap


def _hitung(tabel: TabelHitung, kode: str) -> tuple[int, int, int, int]:
    return tabel.unsur.get(kode, (0, 0, 0, 0))


def banding_unsur(sebelum: TabelHitung, sesudah: TabelHitung) -> dict[str, BandingUnsur]:
    tanpa_koreksi: dict[str, BandingUnsur] = {}
    for kode in KODE_UNSUR:
        a, b = _hitung(sesudah, kode), _hitung(sebelum, kode)
        ra, rb = ringkas_hitung(a), ringkas_hitung(b)
        d, d_alasan = cohen_d(ra, rb)
        delta, delta_alasan = cliff_delta(a, b)
        uji_welch = welch(ra, rb)
        tanpa_koreksi[kode] = BandingUnsur(
            kode=kode,
            n_sebelum=rb.n,
            n_sesudah=ra.n,
            rata_sebelum=rb.rata,
            rata_sesudah=ra.rata,
            selisih=uji_welch.selisih,
            welch=uji_welch,
            mann_whitney=mann_whitney(a, b),
            chi2=chi2(a, b),
            cohen_d=d,
            cohen_d_alasan=d_alasan,
            cliff_delta=delta,
            cliff_delta_alasan=delta_alasan,
            p_holm=None,
            p_bh=None,
        )
    p = [tanpa_koreksi[k].welch.p for k in KODE_UNSUR]
    p_holm, p_bh = holm(p), benjamini_hochberg(p)
    return {
        k: replace(tanpa_koreksi[k], p_holm=ph, p_bh=pb)
        for k, ph, pb in zip(KODE_UNSUR, p_holm, p_bh, strict=True)
    }


def skor_dari(tabel: TabelHitung) -> Mapping[tuple[int, int], int]:
    """The skor table, derived from pola when a caller filled only pola."""
    if tabel.skor or not tabel.pola:
        return tabel.skor
    skor: Counter[tuple[int, int]] = Counter()
    for pola, c in tabel.pola.items():
        dijawab = sum(1 for v in pola if v)
        if dijawab:
            skor[(sum(pola), dijawab)] += c
    return dict(skor)


def banding_ikm(
    sebelum: TabelHitung,
    sesudah: TabelHitung,
    *,
    bobot_lama: bool = False,
    bootstrap: int = 2000,
    seed: int = BENIH,
    metode_bootstrap: MetodeBootstrap = "otomatis",
) -> BandingIKM:
    """Raises IKMTidakLengkap when either period lacks answers for some unsur."""
    ikm_sebelum = ikm(sebelum, bobot_lama=bobot_lama)
    ikm_sesudah = ikm(sesudah, bobot_lama=bobot_lama)
    return BandingIKM(
        sebelum=ikm_sebelum,
        sesudah=ikm_sesudah,
        selisih=ikm_sesudah.nilai_konversi - ikm_sebelum.nilai_konversi,
        welch=welch(ringkas_skor(skor_dari(sesudah)), ringkas_skor(skor_dari(sebelum))),
        bootstrap=bootstrap_selisih_konversi(
            sebelum, sesudah, b=bootstrap, seed=seed, bobot_lama=bobot_lama, metode=metode_bootstrap
        ),
    )
