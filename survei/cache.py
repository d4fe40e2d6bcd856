"""A short-lived copy, in each process, of what the public form needs of an OPEN survey: the
survey row (with its questionnaire and instansi), its units, their active services and its
questions. Every GET and POST of /s/<kode>/ would otherwise read the same rows again (four
queries, most of the cost of a submission being the compilation of those queries, not the
database); with the copy, the form page touches no database at all.

Why serving a copy up to UMUR_DETIK old is safe:
- a write never trusts the copy's status: services.respons_simpan reads the status again inside
  its transaction, so a survey closed meanwhile stores nothing (the view then says 410 and
  drops the copy);
- only open surveys are copied; a draft or closed survey is read from the database on every
  request, so opening a survey shows at once;
- the questions of a questionnaire a survey uses are read-only (survei/admin.py; the built-in
  templates change only by migration, which comes with a restart);
- units are only ever added to an open survey (the admin forbids removing them once it was
  opened); a unit the copy does not know is looked up again (data_survei(segarkan=True));
- services (Layanan) are switched on and off at any time: the copy only decides which ones
  the form offers; the one a citizen chose is checked against the database when the response
  is stored (respons_periksa receives its id, never the copied object), so a service switched
  off meanwhile is refused with the field's message.
What may be stale, for at most UMUR_DETIK in another process (this process drops its copy at
once on any ORM save or delete of these rows, see the receivers below): the survey's title or
period, a unit's name, the list of services offered, and a survey closed meanwhile still
showing its form on GET (a POST of it is refused as above).

Entries are immutable to their readers: the view and the services only read the model
instances, and never refresh or modify them, because other threads may hold the same objects.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models.signals import post_delete, post_save

from organisasi.models import Layanan, UnitLayanan

from .models import Kuesioner, Pertanyaan, Survei, SurveiUnit

UMUR_DETIK = 30.0
# A process keeps this many surveys at most; an instansi seldom runs more than a few at once.
ENTRI_MAKS = 256


@dataclass(frozen=True)
class DataSurvei:
    survei: Survei
    unit: tuple[UnitLayanan, ...]  # by name, then pk; empty unless the survey is open
    pertanyaan: tuple[Pertanyaan, ...]  # by urutan; empty unless the survey is open
    dimuat: float  # time.monotonic() when read
    # Active services per unit id, by name then pk; empty unless the survey is open.
    layanan: Mapping[int, tuple[Layanan, ...]] = field(default_factory=dict)

    def unit_dengan_id(self, unit_id: int | None) -> UnitLayanan | None:
        return next((u for u in self.unit if u.pk == unit_id), None)

    def layanan_unit(self, unit_id: int) -> tuple[Layanan, ...]:
        return self.layanan.get(unit_id, ())


_simpanan: dict[str, DataSurvei] = {}
_kunci = threading.Lock()


def data_survei(kode: str, *, segarkan: bool = False) -> DataSurvei | None:
    """The survey with this public code, or None if there is none. An open survey comes from
    this process's copy unless it is older than UMUR_DETIK (or segarkan asks for a fresh one);
    any other survey is read from the database, with no units or questions."""
    if not segarkan:
        ada = _simpanan.get(kode)
        if ada is not None and time.monotonic() - ada.dimuat < UMUR_DETIK:
            return ada
    dimuat = time.monotonic()
    survei = Survei.objects.select_related("kuesioner", "instansi").filter(kode=kode).first()
    if survei is None or not survei.menerima_respons:
        lupakan(kode)
        return None if survei is None else DataSurvei(survei, (), (), dimuat)
    unit = tuple(survei.unit.order_by("nama", "pk"))
    layanan: dict[int, list[Layanan]] = {}
    for lay in Layanan.objects.filter(unit__in=[u.pk for u in unit], aktif=True).order_by("nama", "pk"):
        layanan.setdefault(lay.unit_id, []).append(lay)
    data = DataSurvei(
        survei=survei,
        unit=unit,
        pertanyaan=tuple(survei.kuesioner.pertanyaan.order_by("urutan")),
        dimuat=dimuat,
        layanan={k: tuple(v) for k, v in layanan.items()},
    )
    with _kunci:
        if len(_simpanan) >= ENTRI_MAKS and kode not in _simpanan:
            # The oldest goes; a busy survey is read again within UMUR_DETIK anyway.
            del _simpanan[min(_simpanan, key=lambda k: _simpanan[k].dimuat)]
        _simpanan[kode] = data
    return data


def lupakan(kode: str) -> None:
    with _kunci:
        _simpanan.pop(kode, None)


def kosongkan() -> None:
    with _kunci:
        _simpanan.clear()


def _lupakan_yang(cocok: Any) -> None:
    with _kunci:
        for kode in [k for k, d in _simpanan.items() if cocok(d)]:
            del _simpanan[kode]


# This process forgets at once what it sees changed through the ORM (admin, /kelola/, services).
# Changes made elsewhere (another process, a queryset update()) wait for UMUR_DETIK.


def _survei_berubah(sender: type[Survei], instance: Survei, **kwargs: Any) -> None:
    _lupakan_yang(lambda d: d.survei.pk == instance.pk or d.survei.kode == instance.kode)


def _survei_unit_berubah(sender: type[SurveiUnit], instance: SurveiUnit, **kwargs: Any) -> None:
    _lupakan_yang(lambda d: d.survei.pk == instance.survei_id)


def _pertanyaan_berubah(sender: type[Pertanyaan], instance: Pertanyaan, **kwargs: Any) -> None:
    _lupakan_yang(lambda d: d.survei.kuesioner_id == instance.kuesioner_id)


def _kuesioner_berubah(sender: type[Kuesioner], instance: Kuesioner, **kwargs: Any) -> None:
    _lupakan_yang(lambda d: d.survei.kuesioner_id == instance.pk)


def _unit_berubah(sender: type[UnitLayanan], instance: UnitLayanan, **kwargs: Any) -> None:
    _lupakan_yang(lambda d: any(u.pk == instance.pk for u in d.unit))


def _layanan_berubah(sender: type[Layanan], instance: Layanan, **kwargs: Any) -> None:
    _lupakan_yang(lambda d: any(u.pk == instance.unit_id for u in d.unit))


_PENERIMA: Sequence[tuple[type[Any], Any]] = (
    (Survei, _survei_berubah),
    (SurveiUnit, _survei_unit_berubah),
    (Pertanyaan, _pertanyaan_berubah),
    (Kuesioner, _kuesioner_berubah),
    (UnitLayanan, _unit_berubah),
    (Layanan, _layanan_berubah),
)
for _model, _penerima in _PENERIMA:
    post_save.connect(_penerima, sender=_model, dispatch_uid=f"survei.cache.simpan.{_model.__name__}")
    post_delete.connect(_penerima, sender=_model, dispatch_uid=f"survei.cache.hapus.{_model.__name__}")
