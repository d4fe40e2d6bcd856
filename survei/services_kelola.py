"""Writes of the evaluator's survey pages that survei.services does not cover."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Survei, SurveiUnit
from .services import KesalahanSurvei

# PositiveIntegerField's range on every supported database.
POPULASI_MAKS = 2_147_483_647


def survei_unit_atur_populasi(*, survei: Survei, populasi: Mapping[int, int | None]) -> int:
    """Set the estimated population of some units of a survey (SurveiUnit id -> number, or
    None for unknown), all or nothing. Allowed in every status: estimates often arrive after
    the survey opened, and the required sample is only read, never stored. Returns how many
    rows changed."""
    for nilai in populasi.values():
        if nilai is not None and not 1 <= nilai <= POPULASI_MAKS:
            raise KesalahanSurvei(_("Perkiraan populasi harus bilangan bulat paling sedikit 1."))
    with transaction.atomic():
        baris = {
            su.pk: su for su in SurveiUnit.objects.select_for_update().filter(survei=survei, pk__in=populasi)
        }
        if set(baris) != set(populasi):
            raise KesalahanSurvei(_("Unit layanan ini tidak termasuk dalam survei."))
        berubah = [su for su in baris.values() if su.populasi != populasi[su.pk]]
        for su in berubah:
            su.populasi = populasi[su.pk]
        SurveiUnit.objects.bulk_update(berubah, ["populasi"])
    return len(berubah)
