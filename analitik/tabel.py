"""The count tables every statistic in analitik works on.

SKM answers take four values, so a group of respondents is fully described, for what Tilik
computes, by a few small tables whose size does not depend on the number of respondents:

- unsur: per unsur code, the number of answers with value 1, 2, 3, 4 (its own denominator);
- skor: per respondent, (sum of the unsur values answered, number of unsur answered) -> count;
  the per-respondent score is 25 x sum / answered;
- pola: the full answer pattern (U1..U9, 0 = not answered) -> count; needed only where the
  joint distribution matters (bootstrap of the IKM, Cronbach's alpha). Its size is bounded by
  the number of distinct patterns, not by the number of respondents;
- harapan: per harapan code (H1..H9, the importance of unsur Ui), the number of answers with
  value 1, 2, 3, 4; empty when the questionnaire has no harapan items. Only the importance-
  performance analysis reads it.

The database side (analitik selectors) fills these with GROUP BY queries; the command line
and the tests fill them from raw rows with `dari_baris()` or a `Penghitung`. Pure Python: no
ORM here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

KODE_UNSUR: tuple[str, ...] = tuple(f"U{i}" for i in range(1, 10))
KODE_HARAPAN: tuple[str, ...] = tuple(f"H{i}" for i in range(1, 10))
NILAI: tuple[int, ...] = (1, 2, 3, 4)


@dataclass(frozen=True)
class TabelHitung:
    unsur: Mapping[str, tuple[int, int, int, int]]
    skor: Mapping[tuple[int, int], int] = field(default_factory=dict)
    pola: Mapping[tuple[int, ...], int] = field(default_factory=dict)
    harapan: Mapping[str, tuple[int, int, int, int]] = field(default_factory=dict)

    @property
    def n_responden(self) -> int:
        """Respondents who answered at least one unsur."""
        return sum(c for (_, dijawab), c in self.skor.items() if dijawab > 0)


def _periksa_nilai(nilai: Sequence[int | None]) -> tuple[int, ...]:
    if len(nilai) != len(KODE_UNSUR):
        raise ValueError("setiap baris harus berisi nilai U1..U9")
    hasil = tuple(0 if v is None else int(v) for v in nilai)
    if any(v not in (0, *NILAI) for v in hasil):
        raise ValueError("nilai unsur harus 1-4 atau kosong")
    return hasil


class Penghitung:
    """Builds a TabelHitung one respondent at a time, so a file of any length is read in one
    pass with memory bounded by the number of distinct answer patterns."""

    def __init__(self) -> None:
        self._unsur = {k: [0, 0, 0, 0] for k in KODE_UNSUR}
        self._harapan = {k: [0, 0, 0, 0] for k in KODE_HARAPAN}
        self._ada_harapan = False
        self._skor: Counter[tuple[int, int]] = Counter()
        self._pola: Counter[tuple[int, ...]] = Counter()

    def tambah(self, unsur: Sequence[int | None], harapan: Sequence[int | None] | None = None) -> None:
        """One respondent: the values of U1..U9 in code order (None = not answered) and,
        optionally, of H1..H9. A respondent without any unsur answer is not counted in unsur,
        skor or pola (there is nothing to score), but their harapan answers still count."""
        nilai = _periksa_nilai(unsur)
        if harapan is not None:
            self._ada_harapan = True
            for kode, v in zip(KODE_HARAPAN, _periksa_nilai(harapan), strict=True):
                if v:
                    self._harapan[kode][v - 1] += 1
        dijawab = sum(1 for v in nilai if v)
        if not dijawab:
            return
        for kode, v in zip(KODE_UNSUR, nilai, strict=True):
            if v:
                self._unsur[kode][v - 1] += 1
        self._skor[(sum(nilai), dijawab)] += 1
        self._pola[nilai] += 1

    def tabel(self) -> TabelHitung:
        harapan = {k: (c[0], c[1], c[2], c[3]) for k, c in self._harapan.items()} if self._ada_harapan else {}
        return TabelHitung(
            unsur={k: (c[0], c[1], c[2], c[3]) for k, c in self._unsur.items()},
            skor=dict(self._skor),
            pola=dict(self._pola),
            harapan=harapan,
        )


def dari_baris(
    baris: Iterable[Sequence[int | None]], *, harapan: Iterable[Sequence[int | None]] | None = None
) -> TabelHitung:
    """Count tables from raw rows, one per respondent, each holding the values of U1..U9 in
    code order (None for an unanswered unsur). Rows without any answer are left out.

    harapan, if given, holds the same respondents' H1..H9 rows in the same order."""
    penghitung = Penghitung()
    if harapan is None:
        for b in baris:
            penghitung.tambah(b)
    else:
        for b, h in zip(baris, harapan, strict=True):
            penghitung.tambah(b, h)
    return penghitung.tabel()
