"""Reading surveys: the evaluator's list of survey runs and the progress of one run per unit.

Counts are computed in the database with one GROUP BY; the sample-size statistics are the pure
functions of analitik.sampel, applied to those counts at the edge.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, FilteredRelation, Q, QuerySet

from analitik.sampel import margin_error, sampel_minimum
from organisasi.models import Instansi, Layanan, UnitLayanan

from .models import Pertanyaan, Respons, Survei, SurveiUnit

__all__ = [
    "KemajuanSurvei",
    "KemajuanUnit",
    "RingkasanSurvei",
    "SurveiInstansi",
    "kuesioner_jumlah_pertanyaan",
    "survei_kemajuan",
    "survei_per_instansi",
    "survei_unit_daftar",
]

# Responses the citizen entered himself (own phone, kiosk) against those keyed in by staff.
SUMBER_DARING = (Respons.Sumber.ONLINE, Respons.Sumber.KIOS)
SUMBER_KERTAS = (Respons.Sumber.KERTAS, Respons.Sumber.IMPOR)

# Krejcie-Morgan for an unknown (infinite) population: the limit X² P (1-P) / d², rounded up.
SAMPEL_POPULASI_TAK_DIKETAHUI = sampel_minimum(None)


# The evaluator's home page ------------------------------------------------------------------


@dataclass(frozen=True)
class RingkasanSurvei:
    survei: Survei
    jumlah_respons: int


@dataclass(frozen=True)
class SurveiInstansi:
    instansi: Instansi
    survei: list[RingkasanSurvei]


def survei_per_instansi(*, instansi: QuerySet[Instansi]) -> list[SurveiInstansi]:
    """Each instansi with its surveys, newest first, and each survey's number of responses.
    Two queries, whatever the number of instansi and surveys."""
    daftar_instansi = list(instansi.order_by("nama"))
    per_instansi: dict[int, list[RingkasanSurvei]] = defaultdict(list)
    daftar_survei = (
        Survei.objects.filter(instansi__in=[i.pk for i in daftar_instansi])
        .annotate(n_respons=Count("respons"))
        .order_by("-mulai", "judul", "pk")
    )
    for survei in daftar_survei:
        per_instansi[survei.instansi_id].append(
            RingkasanSurvei(survei=survei, jumlah_respons=survei.n_respons)
        )
    return [SurveiInstansi(instansi=i, survei=per_instansi[i.pk]) for i in daftar_instansi]


# Progress of one survey --------------------------------------------------------------------


@dataclass(frozen=True)
class KemajuanUnit:
    """One unit of a survey: responses by source, and what the sample achieves.

    populasi 0 is read as unknown: the sample formula needs at least one user."""

    survei_unit_id: int
    unit: UnitLayanan
    populasi: int | None
    daring: int
    kertas: int
    layanan: tuple[Layanan, ...] = ()

    @property
    def jumlah(self) -> int:
        return self.daring + self.kertas

    @property
    def populasi_diketahui(self) -> bool:
        return bool(self.populasi)

    @property
    def sampel_minimum(self) -> int | None:
        """Krejcie-Morgan rounded up; None when the population is unknown."""
        return sampel_minimum(self.populasi) if self.populasi else None

    @property
    def target(self) -> int:
        """What progress is measured against: the required sample, or 385 without a population."""
        return self.sampel_minimum or SAMPEL_POPULASI_TAK_DIKETAHUI

    @property
    def margin_error(self) -> float | None:
        return margin_error(self.jumlah, self.populasi or None)

    @property
    def margin_error_persen(self) -> float | None:
        d = self.margin_error
        return None if d is None else d * 100

    @property
    def persen_tercapai(self) -> int:
        """Floored, so that 99,6% never reads as "100%" while the sample is still short."""
        return min(100, math.floor(100 * self.jumlah / self.target))

    @property
    def tercapai(self) -> bool:
        return self.jumlah >= self.target


@dataclass(frozen=True)
class KemajuanSurvei:
    unit: list[KemajuanUnit]

    @property
    def daring(self) -> int:
        return sum(u.daring for u in self.unit)

    @property
    def kertas(self) -> int:
        return sum(u.kertas for u in self.unit)

    @property
    def jumlah(self) -> int:
        return self.daring + self.kertas

    @property
    def populasi_lengkap(self) -> bool:
        return bool(self.unit) and all(u.populasi_diketahui for u in self.unit)

    @property
    def populasi(self) -> int | None:
        """The sum of the units' populations, only when every unit has one."""
        return sum(u.populasi or 0 for u in self.unit) if self.populasi_lengkap else None

    @property
    def sampel_minimum(self) -> int | None:
        """SKM sets the sample per unit, so the total is the sum of the units' samples."""
        return sum(u.sampel_minimum or 0 for u in self.unit) if self.populasi_lengkap else None

    @property
    def margin_error_persen(self) -> float | None:
        """Pooled over all units as one simple random sample of the whole population (of an
        infinite one when some population is unknown): an indication, not an SKM figure."""
        d = margin_error(self.jumlah, self.populasi)
        return None if d is None else d * 100

    @property
    def unit_tercapai(self) -> int:
        return sum(1 for u in self.unit if u.tercapai)


def survei_kemajuan(*, survei: Survei, dengan_layanan: bool = False) -> KemajuanSurvei:
    """Responses per unit of the survey, split by source, in one aggregate query (plus one for
    the active services of those units when dengan_layanan)."""
    baris = (
        SurveiUnit.objects.filter(survei=survei)
        .select_related("unit")
        # The condition sits in the JOIN's ON clause: the unit's responses to other surveys
        # never enter the counts, and a unit without responses keeps its row (LEFT JOIN).
        .annotate(r=FilteredRelation("unit__respons", condition=Q(unit__respons__survei=survei)))
        .annotate(
            n_daring=Count("r", filter=Q(r__sumber__in=SUMBER_DARING)),
            n_kertas=Count("r", filter=Q(r__sumber__in=SUMBER_KERTAS)),
        )
        .order_by("unit__nama", "unit_id")
    )
    hasil: list[dict[str, Any]] = [
        {
            "survei_unit_id": su.pk,
            "unit": su.unit,
            "populasi": su.populasi,
            "daring": su.n_daring,
            "kertas": su.n_kertas,
        }
        for su in baris
    ]
    if dengan_layanan and hasil:
        layanan: dict[int, list[Layanan]] = defaultdict(list)
        for item in Layanan.objects.filter(unit_id__in=[h["unit"].pk for h in hasil], aktif=True).order_by(
            "nama", "pk"
        ):
            layanan[item.unit_id].append(item)
        for h in hasil:
            h["layanan"] = tuple(layanan[h["unit"].pk])
    return KemajuanSurvei(unit=[KemajuanUnit(**h) for h in hasil])


def survei_unit_daftar(*, survei: Survei) -> list[SurveiUnit]:
    return list(SurveiUnit.objects.filter(survei=survei).select_related("unit").order_by("unit__nama", "pk"))


def kuesioner_jumlah_pertanyaan(*, kuesioner_id: int) -> dict[str, int]:
    """Questions per group (unsur, harapan, profil, tambahan) of one questionnaire."""
    baris = Pertanyaan.objects.filter(kuesioner_id=kuesioner_id).values("kelompok").annotate(n=Count("pk"))
    return {b["kelompok"]: b["n"] for b in baris.order_by()}
