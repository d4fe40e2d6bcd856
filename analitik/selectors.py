"""Count tables (analitik.tabel.TabelHitung) filled by GROUP BY queries in the database.

Answer rows never travel to Python: every query returns one row per distinct value (or answer
pattern), so its result does not grow with the number of respondents.

The answer pattern of a respondent is one integer: SUM(nilai x 5^(k-1)) over his unsur
answers, k the unsur number, so that digit k in base 5 is his value of Uk (0 = unanswered).
Every writer stores it on the response next to its unsur columns (u1..u9), with SUM(nilai)
and COUNT(*) of those answers (Respons.pola_unsur, jumlah_unsur, dijawab_unsur; a CHECK
holds them to the columns), so the count tables come from ONE GROUP BY (unit, time bucket,
pattern, sum, count) over the responses, without reading the answers: the unsur value
counts, the score table and the pattern table all follow from the pattern counts.

Units for which only scores are needed (the comparison group of a difference-in-differences)
are grouped by (sum, count) only, in the same query: for them the pattern column is -1, so
their respondents fall into a handful of score groups instead of thousands of patterns.

Queries are built with the ORM (filters, quoting and parameters are Django's); the main one's
rows go from the cursor straight into one integer array (tens of thousands of groups at a
million responses). The same code runs on SQLite and PostgreSQL. Harapan (importance) counts,
when asked for, are one more GROUP BY (unit, bucket, item, value) over the answers.

Count tables are additive: a "before" made of several predecessor units, or a window made of
several periods, is the sum (gabung_tabel) of the (unit, bucket) cells it covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from itertools import pairwise
from operator import or_
from typing import Any, cast

import numpy as np
from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from survei.models import BASIS_POLA, Jawaban, Pertanyaan, Respons

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

_BASIS = BASIS_POLA
_PANGKAT = np.array([_BASIS**i for i in range(len(KODE_UNSUR))], dtype=np.int64)


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


def _dalam_cakupan(
    awalan: str,
    *,
    cakupan: Sequence[Cakupan],
    batas: Sequence[datetime | None],
    survei_ids: Collection[int] | None,
) -> Q:
    """Responses (reached through awalan: "" from Respons, "respons__" from Jawaban) in any of
    the cakupan, dated within [batas[0], batas[-1]), of the given surveys if any."""
    per_cakupan = [
        Q(**{f"{awalan}unit_id__in": sorted(set(c.unit_ids))}) & _rentang(awalan, c.mulai, c.sampai)
        for c in cakupan
    ]
    syarat = reduce(or_, per_cakupan) & _rentang(awalan, batas[0], batas[-1])
    if survei_ids is not None:
        syarat &= Q(**{f"{awalan}survei_id__in": sorted(set(survei_ids))})
    return syarat


def _respons(
    *, cakupan: Sequence[Cakupan], batas: Sequence[datetime | None], survei_ids: Collection[int] | None
) -> QuerySet[Respons]:
    """The responses in any of the cakupan, dated within [batas[0], batas[-1])."""
    return Respons.objects.filter(
        _dalam_cakupan("", cakupan=cakupan, batas=batas, survei_ids=survei_ids)
    ).order_by()


def _jawaban_harapan(
    *,
    cakupan: Sequence[Cakupan],
    batas: Sequence[datetime | None],
    survei_ids: Collection[int] | None,
) -> QuerySet[Jawaban]:
    """The harapan answers of the responses in any of the cakupan, dated within
    [batas[0], batas[-1]) (the unsur answers are the responses' own columns)."""
    syarat = _dalam_cakupan("respons__", cakupan=cakupan, batas=batas, survei_ids=survei_ids)
    return Jawaban.objects.filter(syarat, pertanyaan__kelompok=Pertanyaan.Kelompok.HARAPAN).order_by()


def _ember(batas: Sequence[datetime | None], awalan: str = "respons__") -> Combinable:
    """Index i of the bucket [batas[i], batas[i + 1]) holding the response's waktu; the WHERE
    clause already keeps waktu within [batas[0], batas[-1])."""
    tengah = batas[1:-1]
    if not tengah:
        return Value(0, output_field=IntegerField())
    return Case(
        *[When(**{f"{awalan}waktu__lt": b}, then=Value(i)) for i, b in enumerate(tengah)],
        default=Value(len(tengah)),
        output_field=IntegerField(),
    )


# One pass: patterns and scores per (unit, bucket) --------------------------------------------


# Rows of a cell: (pattern code or _TANPA for units without patterns, sum, answered, respondents).
_TANPA = -1
_KOSONG = np.zeros((0, 4), dtype=np.int64)


@dataclass
class _Sel:
    baris: np.ndarray = field(default_factory=lambda: _KOSONG)


def _unit_pola(cakupan: Sequence[Cakupan]) -> list[int] | None:
    """The units whose pattern is needed, or None when every unit's is."""
    if all(c.pola for c in cakupan):
        return None
    return sorted({u for c in cakupan if c.pola for u in c.unit_ids}) or [0]


def _unik_baris(kolom: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(kolom, axis=0, return_index=True, return_inverse=True) without the unique
    rows: the index of each distinct row's first occurrence and each row's group. Integer
    rows are numbered in mixed radix first, as one column is several times faster to sort."""
    nomor = np.zeros(len(kolom), dtype=np.int64)
    ruang = 1
    for i in range(kolom.shape[1]):
        bawah, atas = (int(kolom[:, i].min()), int(kolom[:, i].max())) if len(kolom) else (0, 0)
        ruang *= atas - bawah + 1
        if ruang >= 2**62:
            _unik, pertama, indeks = np.unique(kolom, axis=0, return_index=True, return_inverse=True)
            return pertama, indeks.ravel()
        nomor = nomor * (atas - bawah + 1) + (kolom[:, i] - bawah)
    _unik, pertama, indeks = np.unique(nomor, return_index=True, return_inverse=True)
    return pertama, indeks


def _per_sel(baris: np.ndarray, n_kunci: int) -> dict[tuple[int, ...], _Sel]:
    """Split rows (the first n_kunci columns name the cell: unit ids and bucket indices) into cells."""
    if not n_kunci:
        return {(): _Sel(baris)} if len(baris) else {}
    pertama, indeks = _unik_baris(baris[:, :n_kunci])
    urut = np.argsort(indeks, kind="stable")
    batas = np.searchsorted(indeks[urut], np.arange(len(pertama) + 1))
    kunci = baris[pertama, :n_kunci].tolist()
    return {
        tuple(k): _Sel(baris[urut[a:b], n_kunci:])
        for k, a, b in zip(kunci, batas[:-1].tolist(), batas[1:].tolist(), strict=True)
    }


def _satu_lintasan(
    *,
    cakupan: Sequence[Cakupan],
    batas: Sequence[datetime | None],
    survei_ids: Collection[int] | None,
    per_unit: bool,
) -> dict[tuple[int, ...], _Sel]:
    """One query: GROUP BY (unit, bucket, pattern or -1, sum, count) over the responses that
    answered an unsur, from the numbers stored on each response. Keyed by (unit, bucket) as
    asked for. The rows go straight from the cursor into one integer array: tens of thousands
    of groups at a million responses."""
    sel: dict[str, Combinable] = {}
    if per_unit:
        sel["sel_unit"] = F("unit_id")
    if len(batas) > 2:
        sel["sel_periode"] = _ember(batas, awalan="")
    unit_pola = _unit_pola(cakupan)
    kode: Combinable = (
        F("pola_unsur")
        if unit_pola is None
        else Case(
            When(unit_id__in=unit_pola, then=F("pola_unsur")), default=None, output_field=IntegerField()
        )
    )
    tanpa = Value(_TANPA, output_field=IntegerField())
    qs = (
        _respons(cakupan=cakupan, batas=batas, survei_ids=survei_ids)
        .filter(dijawab_unsur__gt=0)
        .values(**sel, kode=Coalesce(kode, tanpa), jumlah=F("jumlah_unsur"), dijawab=F("dijawab_unsur"))
        .annotate(n=Count("*"))
    )
    sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        baris = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, len(sel) + 4)
    return _per_sel(baris, len(sel))


def _jumlahkan(kunci: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of kunci with the sum of n over each."""
    pertama, indeks = _unik_baris(kunci)
    return kunci[pertama], np.bincount(indeks, weights=n, minlength=len(pertama)).astype(np.int64)


def _tabel_dari_sel(isi: _Sel, *, harapan: HitungUnsur | None = None) -> TabelHitung:
    """Decode the pattern codes of one cell into its unsur, skor and pola tables."""
    b = isi.baris
    pasangan, hitung_skor = _jumlahkan(b[:, 1:3], b[:, 3])
    skor = dict(zip(map(tuple, pasangan.tolist()), hitung_skor.tolist(), strict=True))
    # One row per pattern: the query groups by it, and the sum and count it groups by too
    # follow from it (the CHECK on Respons).
    dengan_pola = b[b[:, 0] != _TANPA]
    if not len(dengan_pola):
        return TabelHitung(unsur={}, skor=skor, pola={}, harapan=harapan or {})
    hitung = dengan_pola[:, 3]
    digit = (dengan_pola[:, :1] // _PANGKAT) % _BASIS
    unsur = {
        k: np.bincount(digit[:, i], weights=hitung, minlength=_BASIS)[1:].astype(np.int64).tolist()
        for i, k in enumerate(KODE_UNSUR)
    }
    pola = dict(zip(map(tuple, digit.tolist()), hitung.tolist(), strict=True))
    return TabelHitung(unsur=_beku(unsur), skor=skor, pola=pola, harapan=harapan or {})


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
        _jawaban_harapan(cakupan=cakupan, batas=batas, survei_ids=survei_ids)
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
        tabel = _tabel_dari_sel(sel.get(k, _Sel()), harapan=harapan.get(k))
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
