"""Count tables (analitik.tabel.TabelHitung) filled by GROUP BY queries in the database.

Answer rows never travel to Python: every query returns one row per distinct value (or answer
pattern), so its result does not grow with the number of respondents.

The answer pattern of a respondent is built by conditional aggregation in one integer:
SUM(nilai x 5^(k-1)) over his unsur answers, k the unsur number, so that digit k in base 5
is his value of Uk (0 = unanswered). The query groups the respondents by (unit, time bucket,
pattern, SUM(nilai), COUNT(*)); the pattern alone determines the other two, and the unsur
value counts, the score table and the pattern table all follow from the pattern counts:
one pass over the answers gives the whole table. (Nine MAX(CASE WHEN unsur = 'Uk' ...))
columns give the same patterns but cost two to three times as much on both databases, and
separate queries for the unsur counts and the scores each read the answers again; measured
with benchmarks/bench_analitik.py.) A respondent who answered two questions of the same
unsur (possible only in a custom questionnaire) would carry a digit over; the decoding
checks every pattern against the sum and count the database computed and refuses such data.

Units for which only scores are needed (the comparison group of a difference-in-differences)
are grouped by (SUM, COUNT) only, in the same query: for them the pattern column is NULL, so
their respondents fall into a handful of score groups instead of thousands of patterns.

The per-respondent step is a grouped query built with the ORM (so filters, quoting and
parameters are Django's) wrapped in one outer GROUP BY written here; only fixed column
aliases are added as SQL text, and the same code runs on SQLite and PostgreSQL. Unsur is
read from Pertanyaan.unsur of the unsur questions (the database holds it to U1..U9), so a
custom questionnaire with other question codes is counted correctly too. Harapan
(importance) counts, when asked for, are one more GROUP BY (unit, bucket, item, value).

Count tables are additive: a "before" made of several predecessor units, or a window made of
several periods, is the sum (gabung_tabel) of the (unit, bucket) cells it covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from itertools import pairwise
from operator import or_
from typing import Any, cast

import numpy as np
from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Min, Q, QuerySet, Sum, Value, When
from django.db.models.expressions import Combinable

from survei.models import Jawaban, Pertanyaan

from .tabel import KODE_HARAPAN, KODE_UNSUR, TabelHitung

__all__ = [
    "Cakupan",
    "Kunci",
    "gabung_tabel",
    "hitung_per_sel",
    "tabel_hitung",
    "tabel_kosong",
    "tabel_per_unit_periode",
]

# (unit id, index of the time bucket [batas[i], batas[i + 1]))
Kunci = tuple[int, int]
HitungUnsur = dict[str, tuple[int, int, int, int]]

_BASIS = 5
_PANGKAT = np.array([_BASIS**i for i in range(len(KODE_UNSUR))], dtype=np.int64)
_BATAS_KODE = _BASIS ** len(KODE_UNSUR)


@dataclass(frozen=True)
class Cakupan:
    """The responses of some units dated mulai <= waktu < sampai (None: unbounded). With
    pola=False only their score table is computed (unsur and pola stay empty)."""

    unit_ids: Collection[int]
    mulai: datetime | None = None
    sampai: datetime | None = None
    pola: bool = True


# Pure helpers --------------------------------------------------------------------------------


def tabel_kosong() -> TabelHitung:
    return TabelHitung(unsur=dict.fromkeys(KODE_UNSUR, (0, 0, 0, 0)), skor={}, pola={})


def _beku(hitung: Mapping[str, Sequence[int]]) -> HitungUnsur:
    return {kode: (int(c[0]), int(c[1]), int(c[2]), int(c[3])) for kode, c in hitung.items()}


def gabung_tabel(daftar: Iterable[TabelHitung]) -> TabelHitung:
    """The count table of the union of disjoint groups of respondents: every count adds up
    (harapan stays empty unless some group has harapan counts)."""
    unsur = {k: [0, 0, 0, 0] for k in KODE_UNSUR}
    harapan = {k: [0, 0, 0, 0] for k in KODE_HARAPAN}
    ada_harapan = False
    skor: dict[tuple[int, int], int] = defaultdict(int)
    pola: dict[tuple[int, ...], int] = defaultdict(int)
    for tabel in daftar:
        for kode, hitung in tabel.unsur.items():
            for i, c in enumerate(hitung):
                unsur[kode][i] += c
        for kode, hitung in tabel.harapan.items():
            ada_harapan = True
            for i, c in enumerate(hitung):
                harapan[kode][i] += c
        for k, c in tabel.skor.items():
            skor[k] += c
        for p, c in tabel.pola.items():
            pola[p] += c
    return TabelHitung(
        unsur=_beku(unsur), skor=dict(skor), pola=dict(pola), harapan=_beku(harapan) if ada_harapan else {}
    )


def hitung_per_sel(per_unit_periode: Mapping[Kunci, TabelHitung], sel: Iterable[Kunci]) -> TabelHitung:
    """The sum of the cells named in sel (cells without data count as empty)."""
    return gabung_tabel(per_unit_periode[k] for k in sel if k in per_unit_periode)


def _periksa_batas(batas: Sequence[datetime | None]) -> None:
    if len(batas) < 2:
        raise ValueError("batas periode perlu paling sedikit dua titik")
    if any(b is None for b in batas[1:-1]):
        raise ValueError("hanya batas pertama dan terakhir yang boleh kosong (tak terbatas)")
    tengah = [b for b in batas if b is not None]
    if any(b.tzinfo is None for b in tengah):
        raise ValueError("batas periode harus datetime dengan zona waktu")
    if any(a >= b for a, b in pairwise(tengah)):
        raise ValueError("batas periode harus naik tegas")


# Query building ------------------------------------------------------------------------------


def _rentang(awalan: str, mulai: datetime | None, sampai: datetime | None) -> Q:
    syarat = Q()
    if mulai is not None:
        syarat &= Q(**{f"{awalan}waktu__gte": mulai})
    if sampai is not None:
        syarat &= Q(**{f"{awalan}waktu__lt": sampai})
    return syarat


def _jawaban(
    *,
    cakupan: Sequence[Cakupan],
    batas: Sequence[datetime | None],
    survei_ids: Collection[int] | None,
    kelompok: str = Pertanyaan.Kelompok.UNSUR,
) -> QuerySet[Jawaban]:
    """The answers to questions of one kelompok of the responses in any of the cakupan, dated
    within [batas[0], batas[-1])."""
    per_cakupan = [
        Q(respons__unit_id__in=sorted(set(c.unit_ids))) & _rentang("respons__", c.mulai, c.sampai)
        for c in cakupan
    ]
    q = Jawaban.objects.filter(reduce(or_, per_cakupan), pertanyaan__kelompok=kelompok)
    q = q.filter(_rentang("respons__", batas[0], batas[-1]))
    if survei_ids is not None:
        q = q.filter(respons__survei_id__in=sorted(set(survei_ids)))
    return q.order_by()


def _ember(batas: Sequence[datetime | None]) -> Combinable:
    """Index i of the bucket [batas[i], batas[i + 1]) holding the response's waktu; the WHERE
    clause already keeps waktu within [batas[0], batas[-1])."""
    tengah = batas[1:-1]
    if not tengah:
        return Value(0, output_field=IntegerField())
    return Case(
        *[When(respons__waktu__lt=b, then=Value(i)) for i, b in enumerate(tengah)],
        default=Value(len(tengah)),
        output_field=IntegerField(),
    )


def _bobot_unsur() -> Case:
    """5^(k-1) for an answer to unsur Uk."""
    return Case(
        *[
            When(pertanyaan__unsur=kode, then=Value(int(b)))
            for kode, b in zip(KODE_UNSUR, _PANGKAT, strict=True)
        ],
        default=Value(0),
        output_field=IntegerField(),
    )


def _kelompok_luar(qs: QuerySet[Any], kolom: Sequence[str]) -> list[tuple[Any, ...]]:
    """Run qs (one row per respondent, with the columns named in kolom) as a subquery and
    count its rows per distinct value of those columns: SELECT kolom, COUNT(*) FROM (qs)
    GROUP BY kolom."""
    sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    daftar = ", ".join(kolom)
    # Only the fixed aliases in kolom are interpolated; every value travels as a parameter.
    luar = f"SELECT {daftar}, COUNT(*) FROM ({sql}) AS per_responden GROUP BY {daftar}"  # noqa: S608
    with connections[qs.db].cursor() as cursor:
        cursor.execute(luar, params)
        return list(cursor.fetchall())


# One pass: patterns and scores per (unit, bucket) --------------------------------------------


@dataclass
class _Sel:
    pola: list[tuple[int, int, int, int]]  # (pattern code, sum, answered, respondents)
    skor: list[tuple[int, int, int]]  # (sum, answered, respondents) of units without pola


def _satu_lintasan(
    *,
    cakupan: Sequence[Cakupan],
    batas: Sequence[datetime | None],
    survei_ids: Collection[int] | None,
    per_unit: bool,
) -> dict[tuple[int, ...], _Sel]:
    """One query: per respondent the pattern code, SUM(nilai) and COUNT(*), then GROUP BY
    (unit, bucket, pattern or NULL, sum, count). Keyed by (unit, bucket) as asked for.

    The inner query groups by the response alone: its unit, bucket and pattern flag are the
    same on all its answers and ride along as MIN(). A single-column key is estimated well by
    PostgreSQL's planner, which then aggregates in parallel workers."""
    sel: dict[str, Combinable] = {}
    if per_unit:
        sel["sel_unit"] = Min("respons__unit_id")
    if len(batas) > 2:
        sel["sel_periode"] = Min(_ember(batas))
    unit_pola = sorted({u for c in cakupan if c.pola for u in c.unit_ids})
    semua_pola = all(c.pola for c in cakupan)
    if not semua_pola:
        # Whether the respondent's unit needs its pattern; depends on the unit only.
        sel["sel_pola"] = Min(
            Case(
                When(respons__unit_id__in=unit_pola or [0], then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    per_responden = (
        _jawaban(cakupan=cakupan, batas=batas, survei_ids=survei_ids)
        .values("respons_id")
        .annotate(**sel, kode=Sum(F("nilai") * _bobot_unsur()), jumlah=Sum("nilai"), dijawab=Count("*"))
    )
    kunci = [k for k in ("sel_unit", "sel_periode") if k in sel]
    pola = "kode" if semua_pola else "CASE WHEN sel_pola = 1 THEN kode END"
    hasil: dict[tuple[int, ...], _Sel] = {}
    for baris in _kelompok_luar(per_responden, [*kunci, pola, "jumlah", "dijawab"]):
        *k, kode, jumlah, dijawab, n = baris
        isi = hasil.setdefault(tuple(int(x) for x in k), _Sel([], []))
        if kode is None:
            isi.skor.append((int(jumlah), int(dijawab), int(n)))
        else:
            isi.pola.append((int(kode), int(jumlah), int(dijawab), int(n)))
    return hasil


def _tabel_dari_sel(isi: _Sel, *, harapan: HitungUnsur | None = None) -> TabelHitung:
    """Decode the pattern codes of one cell into its unsur, skor and pola tables."""
    skor: dict[tuple[int, int], int] = defaultdict(int)
    for jumlah, dijawab, c in isi.skor:
        skor[(jumlah, dijawab)] += c
    if not isi.pola:
        return TabelHitung(unsur={}, skor=dict(skor), pola={}, harapan=harapan or {})
    baris = np.array(isi.pola, dtype=np.int64)
    kode, jumlah_db, dijawab_db, n = baris.T
    digit = (kode[:, None] // _PANGKAT) % _BASIS
    jumlah_pola, dijawab_pola = digit.sum(axis=1), (digit > 0).sum(axis=1)
    # A digit above 4 carries into the next unsur: the decoded sum then falls short.
    if (jumlah_pola != jumlah_db).any() or (dijawab_pola != dijawab_db).any() or (kode >= _BATAS_KODE).any():
        raise ValueError(
            "seorang responden menjawab satu unsur lebih dari sekali; periksa kuesioner yang memiliki "
            "dua pertanyaan untuk unsur yang sama"
        )
    unsur = {k: [int(((digit[:, i] == v) * n).sum()) for v in (1, 2, 3, 4)] for i, k in enumerate(KODE_UNSUR)}
    for jumlah, dijawab, c in zip(jumlah_pola.tolist(), dijawab_pola.tolist(), n.tolist(), strict=True):
        skor[(jumlah, dijawab)] += c
    pola = dict(zip(map(tuple, digit.tolist()), n.tolist(), strict=True))
    return TabelHitung(unsur=_beku(unsur), skor=dict(skor), pola=pola, harapan=harapan or {})


def _harapan(
    *,
    cakupan: Sequence[Cakupan],
    batas: Sequence[datetime | None],
    survei_ids: Collection[int] | None,
    per_unit: bool,
) -> dict[tuple[int, ...], HitungUnsur]:
    """One query: GROUP BY (unit, bucket, item, value) over the harapan answers."""
    sel: dict[str, Combinable] = {}
    if per_unit:
        sel["sel_unit"] = F("respons__unit_id")
    if len(batas) > 2:
        sel["sel_periode"] = _ember(batas)
    baris = (
        _jawaban(cakupan=cakupan, batas=batas, survei_ids=survei_ids, kelompok=Pertanyaan.Kelompok.HARAPAN)
        .values("nilai", kode_unsur=F("pertanyaan__unsur"), **sel)
        .annotate(n=Count("*"))
    )
    hasil: dict[tuple[int, ...], dict[str, list[int]]] = {}
    for b in cast(Iterable[dict[str, Any]], baris):
        hitung = hasil.setdefault(tuple(int(b[k]) for k in sel), {k: [0, 0, 0, 0] for k in KODE_HARAPAN})
        hitung["H" + b["kode_unsur"][1:]][b["nilai"] - 1] += b["n"]
    return {k: _beku(h) for k, h in hasil.items()}


def _ke_kunci(k: tuple[int, ...], *, ada_periode: bool) -> Kunci:
    return (k[0], k[1] if ada_periode else 0)


# Public selectors ----------------------------------------------------------------------------


def tabel_per_unit_periode(
    *,
    cakupan: Sequence[Cakupan] | None = None,
    unit_ids: Collection[int] | None = None,
    batas: Sequence[datetime | None],
    survei_ids: Collection[int] | None = None,
    dengan_harapan: bool = False,
) -> dict[Kunci, TabelHitung]:
    """Count tables per (unit, bucket), for the buckets [batas[i], batas[i + 1]) of
    Respons.waktu (the first and the last bound may be None: unbounded), over the responses
    in any of the cakupan (or simply of unit_ids). Only cells with answers are present. A
    unit whose cakupan has pola=False gets its score table only (unsur and pola empty).

    One query, whatever the number of units, buckets and respondents; one more with
    dengan_harapan; none without units."""
    _periksa_batas(batas)
    if cakupan is None:
        cakupan = [Cakupan(unit_ids=unit_ids or ())]
    elif unit_ids is not None:
        raise ValueError("berikan cakupan atau unit_ids, bukan keduanya")
    cakupan = [c for c in cakupan if c.unit_ids]
    if not cakupan:
        return {}
    ada_periode = len(batas) > 2
    sel = _satu_lintasan(cakupan=cakupan, batas=batas, survei_ids=survei_ids, per_unit=True)
    harapan = (
        _harapan(cakupan=cakupan, batas=batas, survei_ids=survei_ids, per_unit=True) if dengan_harapan else {}
    )
    hasil: dict[Kunci, TabelHitung] = {}
    for k in sorted(sel.keys() | harapan.keys()):
        tabel = _tabel_dari_sel(sel.get(k, _Sel([], [])), harapan=harapan.get(k))
        if not tabel.unsur and (k in harapan or any(k[0] in c.unit_ids for c in cakupan if c.pola)):
            tabel = TabelHitung(unsur=tabel_kosong().unsur, skor=tabel.skor, pola={}, harapan=tabel.harapan)
        hasil[_ke_kunci(k, ada_periode=ada_periode)] = tabel
    return hasil


def tabel_hitung(
    *,
    unit_ids: Collection[int],
    mulai: datetime | None,
    sampai: datetime | None,
    survei_ids: Collection[int] | None = None,
    dengan_pola: bool = True,
    dengan_harapan: bool = True,
) -> TabelHitung:
    """The count table of the responses of these units dated mulai <= waktu < sampai (None:
    unbounded), optionally only those of some surveys. One query for unsur, skor and pola,
    one more for harapan (left empty when no response answered a harapan item); none when
    unit_ids is empty. dengan_pola=False only leaves the pattern table out of the result."""
    batas = (mulai, sampai)
    _periksa_batas(batas)
    if not unit_ids:
        return tabel_kosong()
    cakupan = [Cakupan(unit_ids=unit_ids)]
    isi = _satu_lintasan(cakupan=cakupan, batas=batas, survei_ids=survei_ids, per_unit=False).get(())
    harapan = (
        _harapan(cakupan=cakupan, batas=batas, survei_ids=survei_ids, per_unit=False).get(())
        if dengan_harapan
        else None
    )
    if isi is None:
        kosong = tabel_kosong()
        return TabelHitung(unsur=kosong.unsur, harapan=harapan or {})
    tabel = _tabel_dari_sel(isi, harapan=harapan)
    return tabel if dengan_pola else TabelHitung(unsur=tabel.unsur, skor=tabel.skor, harapan=tabel.harapan)
