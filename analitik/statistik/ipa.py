"""Importance-Performance Analysis (Martilla & James 1977), as Indonesian SKM studies apply it:
per unsur the mean kinerja (performance, the Ui answers) and the mean harapan (importance, the
Hi answers), the kesesuaian (Tki = kinerja / harapan x 100%) and the Cartesian quadrant.

The axes are split at the grand means: the mean over the unsur of the per-unsur means (each
unsur counts once, whatever its number of answers). An unsur exactly on a split counts as
high on that axis.
- I   Prioritas utama: importance high, performance low (fix these first);
- II  Pertahankan prestasi: both high;
- III Prioritas rendah: both low;
- IV  Berlebihan: importance low, performance high.

Kesesuaian uses the means, not the sums of the textbook formula Xi / Yi: the two agree when
every respondent answered both items, and the means stay right when the numbers of answers
differ. Unsur without kinerja or without harapan answers are left out of the grand means and
have no quadrant; with no harapan answers at all the analysis is None (TANPA_HARAPAN).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..tabel import KODE_UNSUR, TabelHitung
from .dasar import TANPA_HARAPAN, ringkas_hitung

KUADRAN = {
    1: "Prioritas utama",
    2: "Pertahankan prestasi",
    3: "Prioritas rendah",
    4: "Berlebihan",
}


@dataclass(frozen=True)
class UnsurIPA:
    kinerja: float | None
    harapan: float | None
    kesesuaian: float | None  # percent
    kuadran: int | None  # 1-4


@dataclass(frozen=True)
class HasilIPA:
    unsur: Mapping[str, UnsurIPA]
    rata_kinerja: float | None  # the split on the performance axis
    rata_harapan: float | None  # the split on the importance axis
    kesesuaian: float | None  # overall: mean kinerja / mean harapan x 100
    alasan: str | None = None


def _kuadran(kinerja: float, harapan: float, batas_k: float, batas_h: float) -> int:
    penting = harapan >= batas_h
    baik = kinerja >= batas_k
    if penting:
        return 2 if baik else 1
    return 4 if baik else 3


def ipa(tabel: TabelHitung) -> HasilIPA:
    rata: dict[str, tuple[float | None, float | None]] = {}
    for kode in KODE_UNSUR:
        k = ringkas_hitung(tabel.unsur.get(kode, (0, 0, 0, 0))).rata
        h = ringkas_hitung(tabel.harapan.get("H" + kode[1:], (0, 0, 0, 0))).rata
        rata[kode] = (k, h)
    lengkap = {kode: (k, h) for kode, (k, h) in rata.items() if k is not None and h is not None}
    if not lengkap:
        kosong = {kode: UnsurIPA(k, h, None, None) for kode, (k, h) in rata.items()}
        return HasilIPA(kosong, None, None, None, TANPA_HARAPAN)
    batas_k = sum(k for k, _ in lengkap.values()) / len(lengkap)
    batas_h = sum(h for _, h in lengkap.values()) / len(lengkap)
    unsur: dict[str, UnsurIPA] = {}
    for kode, (k, h) in rata.items():
        if k is None or h is None:
            unsur[kode] = UnsurIPA(k, h, None, None)
        else:
            unsur[kode] = UnsurIPA(k, h, 100.0 * k / h, _kuadran(k, h, batas_k, batas_h))
    return HasilIPA(unsur, batas_k, batas_h, 100.0 * batas_k / batas_h)
