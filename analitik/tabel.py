"""The count tables every statistic in analitik works on.

SKM answers take four values, so a group of respondents is fully described, for what Tilik
computes, by a few small tables whose size does not depend on the number of respondents:

- unsur: per unsur code, the number of answers with value 1, 2, 3, 4 (its own denominator);
- skor: per respondent, (sum of the unsur values answered, number of unsur answered) -> count;
  the per-respondent score is 25 x sum / answered;
- pola: the full answer pattern (U1..U9, 0 = not answered) -> count; needed only where the
  joint distribution matters (bootstrap of the IKM, Cronbach's alpha). Its size is bounded by
  the number of distinct patterns, not by the number of respondents.

The database side (analitik selectors) fills these with GROUP BY queries; the command line
and the tests fill them from raw rows with `dari_baris()`. Pure Python: no ORM here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

KODE_UNSUR: tuple[str, ...] = tuple(f"U{i}" for i in range(1, 10))
NILAI: tuple[int, ...] = (1, 2, 3, 4)


@dataclass(frozen=True)
class TabelHitung:
    unsur: Mapping[str, tuple[int, int, int, int]]
    skor: Mapping[tuple[int, int], int] = field(default_factory=dict)
    pola: Mapping[tuple[int, ...], int] = field(default_factory=dict)

    @property
    def n_responden(self) -> int:
        """Respondents who answered at least one unsur."""
        return sum(c for (_, dijawab), c in self.skor.items() if dijawab > 0)


def dari_baris(baris: Iterable[Sequence[int | None]]) -> TabelHitung:
    """Count tables from raw rows, one per respondent, each holding the values of U1..U9 in
    code order (None for an unanswered unsur). Rows without any answer are left out."""
    unsur = {k: [0, 0, 0, 0] for k in KODE_UNSUR}
    skor: Counter[tuple[int, int]] = Counter()
    pola: Counter[tuple[int, ...]] = Counter()
    for b in baris:
        if len(b) != len(KODE_UNSUR):
            raise ValueError("setiap baris harus berisi nilai U1..U9")
        nilai = tuple(0 if v is None else int(v) for v in b)
        if any(v not in (0, *NILAI) for v in nilai):
            raise ValueError("nilai unsur harus 1-4 atau kosong")
        dijawab = sum(1 for v in nilai if v)
        if not dijawab:
            continue
        for kode, v in zip(KODE_UNSUR, nilai, strict=True):
            if v:
                unsur[kode][v - 1] += 1
        skor[(sum(nilai), dijawab)] += 1
        pola[nilai] += 1
    return TabelHitung(
        unsur={k: (c[0], c[1], c[2], c[3]) for k, c in unsur.items()}, skor=dict(skor), pola=dict(pola)
    )
