"""The Indeks Kepuasan Masyarakat of PermenPANRB 14/2017, in exact rational arithmetic.

NRR of an unsur = sum of its answers / number of respondents who answered it (each unsur has
its own denominator when answers are missing). IKM = sum over the nine unsur of NRR x bobot,
nilai konversi = IKM x 25, and mutu/kinerja come from the nilai konversi ROUNDED TO TWO
DECIMALS, half-up (76,605 -> 76,61 -> B): the regulation's bands are printed with two
decimals and leave no room between 76,60 and 76,61.

Everything is a fractions.Fraction until the edge: counts are integers, so NRR, IKM and nilai
konversi are exact rationals and the band never depends on floating-point residue (76,605
computed in floats is 76,6049999... and would fall to C).

Bobot. By default the exact 1/9. The regulation prints the weight rounded (0,111), and many
reports computed with it: with bobot_lama, NRR tertimbang = NRR x 0,111 and IKM = sum of the
NRR tertimbang, exactly as those tables do. The nine weights then add up to 0,999, so the
IKM is 0,999 x the exact one (at most 3,996, nilai konversi at most 99,90, at least 24,975,
which rounds to 24,98 and is still classified D, the lowest band).

An unsur nobody answered has no NRR. The regulation divides by nine, so the official IKM
needs all nine: ikm() raises IKMTidakLengkap naming the empty unsur rather than dropping it
and renormalising the weights (which would be another index).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..tabel import KODE_UNSUR, TabelHitung

BOBOT_BAKU = Fraction(1, 9)
BOBOT_LAMA = Fraction(111, 1000)

# (lower bound of the rounded nilai konversi, mutu, kinerja unit), best first.
PITA: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)


class IKMTidakLengkap(ValueError):
    """Some unsur has no answer at all, so the IKM (which divides by nine) is undefined."""

    def __init__(self, unsur_kosong: tuple[str, ...]) -> None:
        super().__init__("IKM memerlukan kesembilan unsur; tanpa jawaban: " + ", ".join(unsur_kosong))
        self.unsur_kosong = unsur_kosong


@dataclass(frozen=True)
class UnsurIKM:
    kode: str
    n: int
    jumlah: int
    nrr: Fraction
    nrr_tertimbang: Fraction


@dataclass(frozen=True)
class HasilIKM:
    n: int  # respondents who answered at least one unsur
    bobot: Fraction
    bobot_lama: bool
    unsur: Mapping[str, UnsurIKM]
    ikm: Fraction  # 1-4 (x 0,999 with bobot_lama)
    nilai_konversi: Fraction  # 25-100
    nilai_konversi_bulat: Decimal  # two decimals, half-up: what mutu is read from
    mutu: str
    kinerja: str


def bulatkan(x: Fraction | Decimal | float | int, desimal: int = 2) -> Decimal:
    """x rounded half-up (ties away from zero) to `desimal` places, exactly.

    A float is taken at its shortest decimal representation (what was typed: 76.605, not the
    binary 76.60499999999999687...)."""
    if isinstance(x, float):
        x = Decimal(repr(x))
    q = Fraction(x) * 10**desimal
    tanda = -1 if q < 0 else 1
    bulat = int(abs(q) + Fraction(1, 2))  # floor of a non-negative rational
    return Decimal(tanda * bulat).scaleb(-desimal)


def mutu_pelayanan(nilai_konversi: Fraction | Decimal | float | int) -> tuple[str, str]:
    """(mutu, kinerja unit) of a nilai konversi, read on its value rounded to two decimals."""
    bulat = bulatkan(nilai_konversi)
    for batas, mutu, kinerja in PITA:
        if bulat >= batas:
            return mutu, kinerja
    # Only the legacy weights reach below 25 (24,975 -> 24,98): still the lowest band.
    return PITA[-1][1], PITA[-1][2]


def n_responden(tabel: TabelHitung) -> int:
    if tabel.skor:
        return tabel.n_responden
    if tabel.pola:
        return sum(c for p, c in tabel.pola.items() if any(p))
    raise ValueError("tabel hitung tanpa tabel skor maupun pola: jumlah responden tidak diketahui")


def ikm(tabel: TabelHitung, *, bobot_lama: bool = False) -> HasilIKM:
    bobot = BOBOT_LAMA if bobot_lama else BOBOT_BAKU
    kosong = tuple(k for k in KODE_UNSUR if sum(tabel.unsur.get(k, (0, 0, 0, 0))) == 0)
    if kosong:
        raise IKMTidakLengkap(kosong)
    unsur: dict[str, UnsurIKM] = {}
    for kode in KODE_UNSUR:
        hitung = tabel.unsur[kode]
        n = sum(hitung)
        jumlah = sum(v * c for v, c in zip((1, 2, 3, 4), hitung, strict=True))
        nrr = Fraction(jumlah, n)
        unsur[kode] = UnsurIKM(kode, n, jumlah, nrr, nrr * bobot)
    indeks = sum((u.nrr_tertimbang for u in unsur.values()), Fraction(0))
    konversi = indeks * 25
    mutu, kinerja = mutu_pelayanan(konversi)
    return HasilIKM(
        n=n_responden(tabel),
        bobot=bobot,
        bobot_lama=bobot_lama,
        unsur=unsur,
        ikm=indeks,
        nilai_konversi=konversi,
        nilai_konversi_bulat=bulatkan(konversi),
        mutu=mutu,
        kinerja=kinerja,
    )
