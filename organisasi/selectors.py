"""Reading the organisation: which units a restructuring (penataan) touched, and which units'
history counts as the "before" of a unit.

The lineage of one instansi is small (tens of penataan, hundreds of edges at most), so the
selectors load all edges they may need in one query and walk them in Python; walking edge by
edge with the ORM would cost one query per hop.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet

from .models import LinPenataan, Penataan, UnitLayanan

__all__ = [
    "Pendahulu",
    "unit_hasil_penataan",
    "unit_sebelum",
    "unit_tidak_ditata",
]


@dataclass(frozen=True)
class Pendahulu:
    """One unit whose data recorded before the effective date belong to the "before".

    porsi is the product of the shares (LinPenataan.porsi) along the path; a path without any
    share has porsi None, meaning "all of that unit's data". When a unit is reached through
    several separate paths (a split that is merged again later) it is listed once, with the
    shares of the paths added up (a path without share counting as 1, capped at 1) and the
    shortest path in melalui.
    """

    unit: UnitLayanan
    porsi: Decimal | None
    melalui: tuple[int, ...]

    @property
    def kedalaman(self) -> int:
        """How many penataan lie between this unit and the unit asked about (0 = itself)."""
        return len(self.melalui)


@dataclass(frozen=True)
class _Sisi:
    penataan_id: int
    tanggal: date
    unit_asal_id: int | None
    porsi: Decimal | None


@dataclass(frozen=True)
class _Jejak:
    unit_id: int
    porsi: Decimal | None
    melalui: tuple[int, ...]


def _kali(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    if b is None:
        return a
    return a * b


def _gabung_porsi(porsi: list[Decimal | None]) -> Decimal | None:
    if all(p is None for p in porsi):
        return None
    total = sum((Decimal(1) if p is None else p for p in porsi), Decimal(0))
    return min(total, Decimal(1))


def unit_sebelum(*, unit: UnitLayanan, penataan: Penataan) -> list[Pendahulu]:
    """The units whose data recorded before penataan.tanggal_efektif are the "before" of unit.

    - unit is a unit_hasil of this penataan: the unit_asal of those edges (a "baru" edge adds
      nothing, a brand-new unit has no before; in a merger by absorption the surviving unit is
      its own unit_asal and keeps its history);
    - unit untouched by this penataan, or only its unit_asal (dissolved, split away): itself.

    Every unit found is then followed back through earlier penataan of the instansi in which
    it was a unit_hasil, newest first, until one of them carries it over itself (an edge
    unit -> unit): from there on its own history continues through that edge, with that
    edge's share. Only penataan strictly earlier than the one through which the unit was
    reached are followed, so a later penataan never leaks into an earlier answer and the walk
    always ends, even on inconsistent data (A renamed B, later B renamed back A).

    Ordered by depth, then unit name, then id. Two queries, whatever the depth.
    """
    if unit.instansi_id != penataan.instansi_id:
        raise ValueError("unit dan penataan harus dari instansi yang sama")

    masuk = _sisi_masuk(penataan=penataan)

    # Each path is (jejak, units already on this path); a unit met again on its own path (its
    # history continuing through an absorption edge) is walked on but not listed twice.
    ditemukan: dict[int, list[_Jejak]] = defaultdict(list)
    antrean: list[tuple[_Jejak, date, frozenset[int]]] = []
    sisi_ini = [s for s in masuk.get(unit.pk, []) if s.penataan_id == penataan.pk]
    if sisi_ini:
        for sisi in sisi_ini:
            if sisi.unit_asal_id is not None:
                jejak = _Jejak(sisi.unit_asal_id, sisi.porsi, (penataan.pk,))
                antrean.append((jejak, penataan.tanggal_efektif, frozenset()))
    else:
        antrean.append((_Jejak(unit.pk, None, ()), penataan.tanggal_efektif, frozenset()))

    while antrean:
        jejak, batas, di_jalur = antrean.pop()
        if jejak.unit_id not in di_jalur:
            ditemukan[jejak.unit_id].append(jejak)
        di_jalur = di_jalur | {jejak.unit_id}
        for tanggal, sisi_penataan in _penataan_sebelum(masuk.get(jejak.unit_id, []), batas=batas):
            for sisi in sisi_penataan:
                if sisi.unit_asal_id is None:
                    continue
                lanjut = _Jejak(
                    sisi.unit_asal_id, _kali(jejak.porsi, sisi.porsi), (*jejak.melalui, sisi.penataan_id)
                )
                antrean.append((lanjut, tanggal, di_jalur))
            if any(s.unit_asal_id == jejak.unit_id for s in sisi_penataan):
                break

    unit_per_id = UnitLayanan.objects.in_bulk([uid for uid in ditemukan if uid != unit.pk])
    unit_per_id[unit.pk] = unit
    hasil = []
    for unit_id, semua_jejak in ditemukan.items():
        terpendek = min(semua_jejak, key=lambda j: (len(j.melalui), j.melalui))
        porsi = _gabung_porsi([j.porsi for j in semua_jejak])
        hasil.append(Pendahulu(unit=unit_per_id[unit_id], porsi=porsi, melalui=terpendek.melalui))
    hasil.sort(key=lambda p: (p.kedalaman, p.unit.nama.casefold(), p.unit.pk))
    return hasil


def _sisi_masuk(*, penataan: Penataan) -> dict[int, list[_Sisi]]:
    """Edges of this penataan and of the instansi's strictly earlier ones, by unit_hasil.

    Another penataan on the same date is left out: its order relative to this one is unknown,
    so neither may count as the other's history.
    """
    baris = (
        LinPenataan.objects.filter(penataan__instansi_id=penataan.instansi_id, unit_hasil__isnull=False)
        .filter(Q(penataan=penataan) | Q(penataan__tanggal_efektif__lt=penataan.tanggal_efektif))
        .order_by("penataan__tanggal_efektif", "penataan_id", "id")
        .values_list("penataan_id", "penataan__tanggal_efektif", "unit_asal_id", "unit_hasil_id", "porsi")
    )
    masuk: dict[int, list[_Sisi]] = defaultdict(list)
    for penataan_id, tanggal, asal_id, hasil_id, porsi in baris:
        masuk[hasil_id].append(_Sisi(penataan_id, tanggal, asal_id, porsi))
    return masuk


def _penataan_sebelum(sisi: list[_Sisi], *, batas: date) -> list[tuple[date, list[_Sisi]]]:
    """The edges strictly before batas, grouped per penataan, newest penataan first."""
    per_penataan: dict[tuple[date, int], list[_Sisi]] = defaultdict(list)
    for s in sisi:
        if s.tanggal < batas:
            per_penataan[(s.tanggal, s.penataan_id)].append(s)
    return [(kunci[0], per_penataan[kunci]) for kunci in sorted(per_penataan, reverse=True)]


def unit_hasil_penataan(*, penataan: Penataan) -> QuerySet[UnitLayanan]:
    """The units a penataan produced (renamed, merged, split or newly formed units)."""
    return UnitLayanan.objects.filter(lineage_masuk__penataan=penataan).distinct().order_by("nama", "id")


def unit_tidak_ditata(*, penataan: Penataan, jendela_hari: int | None = None) -> QuerySet[UnitLayanan]:
    """Units of the instansi active on the effective date that this penataan left alone: the
    comparison group for a difference-in-differences estimate.

    With jendela_hari, units touched (as unit_asal or unit_hasil) by any penataan of the
    instansi effective within that many days either side are left out too, so that a unit
    reorganised shortly before or after does not pollute the comparison group. Sub-units of a
    restructured unit are not excluded: whether they were affected is for the evaluator to
    judge.
    """
    tanggal = penataan.tanggal_efektif
    if jendela_hari is None:
        penataan_dekat: Q = Q(penataan=penataan)
    else:
        jendela = timedelta(days=jendela_hari)
        penataan_dekat = Q(penataan=penataan) | Q(
            penataan__instansi_id=penataan.instansi_id,
            penataan__tanggal_efektif__gte=tanggal - jendela,
            penataan__tanggal_efektif__lte=tanggal + jendela,
        )
    sisi = LinPenataan.objects.filter(penataan_dekat)
    # NOT IN over a column holding NULL matches nothing, hence the isnull filters.
    return (
        UnitLayanan.objects.filter(instansi_id=penataan.instansi_id)
        .filter(Q(aktif_dari__isnull=True) | Q(aktif_dari__lte=tanggal))
        .filter(Q(aktif_sampai__isnull=True) | Q(aktif_sampai__gte=tanggal))
        .exclude(pk__in=sisi.filter(unit_asal__isnull=False).values("unit_asal_id"))
        .exclude(pk__in=sisi.filter(unit_hasil__isnull=False).values("unit_hasil_id"))
        .order_by("nama", "id")
    )
