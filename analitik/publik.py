"""Published SKM results: what anyone may read without an account (the /hasil/ pages and the
/api/v1/ open data).

Published means a survey whose status is "ditutup": a draft or a survey still open never
shows a figure, so nobody reads (or games) an index that is still moving. A result is one
unit in one closed survey: the count table of that survey's responses of that unit
(analitik.selectors, one GROUP BY per survey whatever the number of units), then the IKM of
PermenPANRB 14/2017 (analitik.statistik.ikm, exact fractions). When some unsur has no answer
the official IKM is undefined and the result says so (hasil is None) instead of dropping it.

Respondent breakdowns (jenis kelamin, pendidikan) follow k-anonymity: a cell with 1 to 4
respondents is hidden ("< 5"), and when a breakdown would hide exactly one cell, the
next-smallest cell with respondents is hidden too (complementary suppression), because the
published total would otherwise give the hidden cell by subtraction. "Tidak diketahui"
(no or another answer) is a cell of every breakdown for the same reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_noop

from organisasi.models import Instansi, UnitLayanan
from survei.models import Jawaban, Pertanyaan, Survei, SurveiUnit
from survei.skm import PROFIL

from .keluaran import objek_dari_ikm
from .selectors import tabel_per_unit_periode
from .statistik import HasilIKM, IKMTidakLengkap, ikm
from .tabel import KODE_UNSUR, TabelHitung

__all__ = [
    "K_MINIMUM",
    "HasilInstansi",
    "HasilUnit",
    "Rincian",
    "SelRincian",
    "UnsurTerbit",
    "hasil_daftar",
    "hasil_instansi",
    "hasil_survei",
    "hasil_unit",
    "instansi_terbit",
    "rincian_responden",
    "sel_tersembunyi",
    "survei_terbit",
]

K_MINIMUM = 5
KODE_RINCIAN = ("jenis_kelamin", "pendidikan")
KODE_TIDAK_DIKETAHUI = ""
LABEL_TIDAK_DIKETAHUI = gettext_noop("Tidak diketahui")
_PILIHAN = {p.kode: p.pilihan for p in PROFIL if p.kode in KODE_RINCIAN}


@dataclass(frozen=True)
class UnsurTerbit:
    kode: str
    n: int  # respondents who answered this unsur
    nrr: Fraction | None  # None when nobody answered it


@dataclass(frozen=True)
class HasilUnit:
    """One unit in one closed survey. hasil is None when the IKM cannot be computed (some
    unsur has no answer, or the unit has no response at all)."""

    survei: Survei
    unit: UnitLayanan
    n: int
    unsur: dict[str, UnsurTerbit]
    hasil: HasilIKM | None

    def objek(self) -> dict[str, Any]:
        """The open-data object: numbers as unrounded floats, null when not computable."""
        ikm_objek = objek_dari_ikm(self.hasil) if self.hasil is not None else None
        return {
            "instansi": self.survei.instansi.slug,
            "unit": {"id": self.unit.pk, "nama": self.unit.nama},
            "survei": {
                "kode": self.survei.kode,
                "periode": self.survei.periode,
                "mulai": self.survei.mulai.isoformat(),
                "selesai": self.survei.selesai.isoformat(),
            },
            "n": self.n,
            "ikm": ikm_objek["ikm"] if ikm_objek else None,
            "nilai_konversi": ikm_objek["nilai_konversi"] if ikm_objek else None,
            "mutu": ikm_objek["mutu"] if ikm_objek else None,
            "kinerja": ikm_objek["kinerja"] if ikm_objek else None,
            "unsur": {
                k: {"n": u.n, "nrr": None if u.nrr is None else float(u.nrr)} for k, u in self.unsur.items()
            },
        }


@dataclass(frozen=True)
class SelRincian:
    kode: str  # choice code; "" for tidak diketahui
    label: str  # untranslated (gettext_noop); translate on display
    jumlah: int | None  # None: hidden (fewer than K_MINIMUM, or its complement)


@dataclass(frozen=True)
class Rincian:
    jenis_kelamin: list[SelRincian]
    pendidikan: list[SelRincian]


@dataclass(frozen=True)
class HasilInstansi:
    """Units x closed periods of one instansi; sel[(unit_id, survei_id)] for the units that
    took part in that survey."""

    periode: list[Survei]
    unit: list[UnitLayanan]
    sel: dict[tuple[int, int], HasilUnit]


# Pure helpers --------------------------------------------------------------------------------


def sel_tersembunyi(jumlah: Sequence[int], *, k: int = K_MINIMUM) -> list[bool]:
    """Which cells of one breakdown to hide: those with 1..k-1 respondents, and, if that is
    exactly one cell, also the smallest other cell with respondents (or, failing that, the
    smallest other cell), so that no hidden count follows from the total by subtraction."""
    sembunyi = [0 < c < k for c in jumlah]
    if sum(sembunyi) == 1:
        calon = [i for i, s in enumerate(sembunyi) if not s]
        berisi = [i for i in calon if jumlah[i] > 0]
        pilihan = berisi or calon
        if pilihan:
            sembunyi[min(pilihan, key=lambda i: (jumlah[i], i))] = True
    return sembunyi


def _rincian(kode_profil: str, hitung: dict[str, int], n: int) -> list[SelRincian]:
    pilihan = _PILIHAN[kode_profil]
    kode_dikenal = [kode for kode, _ in pilihan]
    jumlah = [hitung.get(kode, 0) for kode in kode_dikenal]
    # Respondents who left the question empty (or answered outside the standard choices).
    jumlah.append(max(n - sum(jumlah), 0))
    label = [label for _, label in pilihan] + [LABEL_TIDAK_DIKETAHUI]
    sembunyi = sel_tersembunyi(jumlah)
    return [
        SelRincian(kode, lbl, None if s else c)
        for kode, lbl, c, s in zip(
            [*kode_dikenal, KODE_TIDAK_DIKETAHUI], label, jumlah, sembunyi, strict=True
        )
    ]


def _hasil(survei: Survei, unit: UnitLayanan, tabel: TabelHitung | None) -> HasilUnit:
    if tabel is None:
        kosong = {k: UnsurTerbit(k, 0, None) for k in KODE_UNSUR}
        return HasilUnit(survei=survei, unit=unit, n=0, unsur=kosong, hasil=None)
    unsur: dict[str, UnsurTerbit] = {}
    for kode in KODE_UNSUR:
        hitung = tabel.unsur.get(kode, (0, 0, 0, 0))
        n = sum(hitung)
        jumlah = sum(v * c for v, c in zip((1, 2, 3, 4), hitung, strict=True))
        unsur[kode] = UnsurTerbit(kode, n, Fraction(jumlah, n) if n else None)
    try:
        hasil: HasilIKM | None = ikm(tabel)
    except IKMTidakLengkap:
        hasil = None
    return HasilUnit(survei=survei, unit=unit, n=tabel.n_responden, unsur=unsur, hasil=hasil)


# Selectors -----------------------------------------------------------------------------------


def survei_terbit() -> QuerySet[Survei]:
    """The surveys whose results are published: closed ones only."""
    return Survei.objects.filter(status=Survei.Status.DITUTUP)


def instansi_terbit() -> QuerySet[Instansi]:
    """Instansi with at least one closed survey, each with jumlah_periode (closed surveys)."""
    return (
        Instansi.objects.filter(survei__status=Survei.Status.DITUTUP)
        .annotate(jumlah_periode=Count("survei", distinct=True))
        .order_by("nama")
    )


def hasil_survei(*, survei: Survei, unit: Iterable[UnitLayanan]) -> dict[int, HasilUnit]:
    """The results of these units in one closed survey, keyed by unit id: one query."""
    daftar = list(unit)
    if not daftar:
        return {}
    tabel = tabel_per_unit_periode(
        unit_ids=[u.pk for u in daftar], batas=(None, None), survei_ids=[survei.pk]
    )
    return {u.pk: _hasil(survei, u, tabel.get((u.pk, 0))) for u in daftar}


def hasil_instansi(*, instansi: Instansi) -> HasilInstansi:
    """Every published unit-period result of an instansi: two queries for the surveys and
    their units, then one per closed survey, whatever the number of units."""
    periode = list(
        survei_terbit().filter(instansi=instansi).select_related("instansi").order_by("mulai", "kode")
    )
    per_survei: dict[int, list[UnitLayanan]] = defaultdict(list)
    semua_unit: dict[int, UnitLayanan] = {}
    for su in SurveiUnit.objects.filter(survei__in=[s.pk for s in periode]).select_related("unit"):
        per_survei[su.survei_id].append(su.unit)
        semua_unit[su.unit_id] = su.unit
    sel: dict[tuple[int, int], HasilUnit] = {}
    for s in periode:
        for unit_id, h in hasil_survei(survei=s, unit=per_survei.get(s.pk, [])).items():
            sel[(unit_id, s.pk)] = h
    unit = sorted(semua_unit.values(), key=lambda u: (u.nama.casefold(), u.pk))
    return HasilInstansi(periode=[s for s in periode if per_survei.get(s.pk)], unit=unit, sel=sel)


def rincian_responden(*, survei: Survei, hasil: Iterable[HasilUnit]) -> dict[int, Rincian]:
    """Respondents by jenis kelamin and pendidikan per unit of one survey, with k-anonymity:
    one GROUP BY (unit, question, answer) over the profile answers of the respondents who
    answered at least one unsur (the same respondents as HasilUnit.n)."""
    per_unit = {h.unit.pk: h for h in hasil}
    if not per_unit:
        return {}
    baris = (
        Jawaban.objects.filter(
            respons__survei_id=survei.pk,
            respons__unit_id__in=sorted(per_unit),
            respons__dijawab_unsur__gt=0,
            pertanyaan__kelompok=Pertanyaan.Kelompok.PROFIL,
            pertanyaan__kode__in=KODE_RINCIAN,
        )
        .values("respons__unit_id", "pertanyaan__kode", "teks")
        .annotate(n=Count("*"))
        .order_by()
    )
    hitung: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for b in baris:
        hitung[(b["respons__unit_id"], b["pertanyaan__kode"])][b["teks"] or ""] = b["n"]
    return {
        unit_id: Rincian(
            jenis_kelamin=_rincian("jenis_kelamin", hitung[(unit_id, "jenis_kelamin")], h.n),
            pendidikan=_rincian("pendidikan", hitung[(unit_id, "pendidikan")], h.n),
        )
        for unit_id, h in per_unit.items()
    }


def hasil_unit(*, instansi_slug: str, survei_kode: str, unit_id: int) -> tuple[HasilUnit, Rincian] | None:
    """The publication board of one unit in one closed survey of an instansi, or None when
    there is no such published result (unknown, draft or open survey, unit not in it)."""
    su = (
        SurveiUnit.objects.filter(
            survei__kode=survei_kode,
            survei__instansi__slug=instansi_slug,
            survei__status=Survei.Status.DITUTUP,
            unit_id=unit_id,
        )
        .select_related("survei__instansi", "unit")
        .first()
    )
    if su is None:
        return None
    hasil = hasil_survei(survei=su.survei, unit=[su.unit])[su.unit_id]
    rincian = rincian_responden(survei=su.survei, hasil=[hasil])[su.unit_id]
    return hasil, rincian


def hasil_daftar(
    *,
    instansi: Instansi | None = None,
    unit_id: int | None = None,
    periode: str | None = None,
    limit: int,
    offset: int,
) -> tuple[int, list[HasilUnit]]:
    """(total, one page) of published unit-period results, newest period first: two queries
    for the count and the page, then one per survey on the page."""
    qs = SurveiUnit.objects.filter(survei__status=Survei.Status.DITUTUP)
    if instansi is not None:
        qs = qs.filter(survei__instansi=instansi)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if periode is not None:
        qs = qs.filter(survei__periode=periode)
    total = qs.count()
    halaman = list(
        qs.select_related("survei__instansi", "unit").order_by(
            "survei__instansi__nama", "-survei__mulai", "survei__kode", "unit__nama", "unit_id"
        )[offset : offset + limit]
    )
    per_survei: dict[int, tuple[Survei, list[UnitLayanan]]] = {}
    for su in halaman:
        per_survei.setdefault(su.survei_id, (su.survei, []))[1].append(su.unit)
    hasil: dict[tuple[int, int], HasilUnit] = {}
    for survei_id, (survei, unit) in per_survei.items():
        for unit_pk, h in hasil_survei(survei=survei, unit=unit).items():
            hasil[(survei_id, unit_pk)] = h
    return total, [hasil[(su.survei_id, su.unit_id)] for su in halaman]
