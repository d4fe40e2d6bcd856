"""Forms of the evaluator's survey pages: a new survey with its units, and the units'
estimated populations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisasi.models import Instansi, UnitLayanan

from ..models import Kuesioner, Survei, SurveiUnit
from ..services_kelola import POPULASI_MAKS


class _InputTanggal(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        # The browser's date picker sends and expects ISO dates whatever the language.
        super().__init__(format="%Y-%m-%d")


def _isian_populasi(label: str) -> forms.IntegerField:
    pesan = _("Isi dengan bilangan bulat paling sedikit 1, atau kosongkan bila belum diketahui.")
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=POPULASI_MAKS,
        error_messages={"invalid": pesan, "min_value": pesan, "max_value": _("Angka ini terlalu besar.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
    )


def _kunci_populasi(pk: int) -> str:
    return f"populasi_{pk}"


def unit_aktif(*, instansi: Instansi, pada: date) -> QuerySet[UnitLayanan]:
    """The instansi's units that had not ended before the given day."""
    return UnitLayanan.objects.filter(instansi=instansi).filter(
        Q(aktif_sampai__isnull=True) | Q(aktif_sampai__gte=pada)
    )


class FormSurveiBaru(forms.Form):
    """A draft survey from a questionnaire, with the units it runs at. The unit choices are the
    instansi's units still active on the start date (today until a start date is posted), so
    a unit of another instansi, or one that ended before the survey starts, is an invalid
    choice with a message, not something silently ignored."""

    kuesioner = forms.ModelChoiceField(
        label=_("Kuesioner"),
        queryset=Kuesioner.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Pilih kuesioner bawaan atau kuesioner milik instansi ini.")},
    )
    judul = forms.CharField(
        label=_("Judul survei"),
        max_length=Survei._meta.get_field("judul").max_length,
        help_text=_('Misalnya "Survei Kepuasan Masyarakat Disdukcapil".'),
    )
    periode = forms.CharField(
        label=_("Periode"),
        max_length=Survei._meta.get_field("periode").max_length,
        help_text=_('Misalnya "Semester I 2025".'),
    )
    mulai = forms.DateField(label=_("Tanggal mulai"), widget=_InputTanggal())
    selesai = forms.DateField(label=_("Tanggal selesai"), widget=_InputTanggal())
    unit = forms.ModelMultipleChoiceField(
        label=_("Unit layanan"),
        queryset=UnitLayanan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih paling sedikit satu unit layanan."),
            "invalid_choice": _(
                "Unit layanan %(value)s tidak dapat dipilih: unit itu bukan milik instansi ini atau "
                "sudah tidak aktif pada tanggal mulai survei."
            ),
            "invalid_pk_value": _("“%(pk)s” bukan unit layanan yang dikenal."),
        },
    )

    def __init__(self, *args: Any, instansi: Instansi, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi = instansi
        kuesioner: Any = self.fields["kuesioner"]
        kuesioner.queryset = Kuesioner.objects.filter(Q(bawaan=True) | Q(instansi=instansi))
        unit: Any = self.fields["unit"]
        unit.queryset = unit_aktif(instansi=instansi, pada=self._tanggal_mulai()).order_by("nama", "pk")
        self.daftar_unit: list[UnitLayanan] = list(unit.queryset)
        for u in self.daftar_unit:
            self.fields[_kunci_populasi(u.pk)] = _isian_populasi(
                str(_("Perkiraan populasi %(unit)s") % {"unit": u.nama})
            )

    def _tanggal_mulai(self) -> date:
        if self.is_bound:
            try:
                nilai = self.fields["mulai"].clean(self.data.get(self.add_prefix("mulai")))
            except ValidationError:
                nilai = None
            if nilai is not None:
                return nilai
        return timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        dipilih = {u.pk for u in data.get("unit") or ()}
        if "unit" in data:
            for u in self.daftar_unit:
                kunci = _kunci_populasi(u.pk)
                if data.get(kunci) is not None and u.pk not in dipilih:
                    self.add_error(
                        kunci, _("Unit ini tidak dicentang: centang unitnya, atau kosongkan populasinya.")
                    )
        return data

    def baris_unit(self) -> list[dict[str, Any]]:
        """One row per unit for the template: the checkbox and its population field."""
        centang = {str(w.data["value"]): w for w in self["unit"]}
        return [
            {"unit": u, "centang": centang[str(u.pk)], "populasi": self[_kunci_populasi(u.pk)]}
            for u in self.daftar_unit
        ]

    def unit_dan_populasi(self) -> list[tuple[UnitLayanan, int | None]]:
        return [(u, self.cleaned_data.get(_kunci_populasi(u.pk))) for u in self.cleaned_data["unit"]]

    def bidang_utama(self) -> Iterable[forms.BoundField]:
        return [self[nama] for nama in ("kuesioner", "judul", "periode", "mulai", "selesai")]


class FormPopulasi(forms.Form):
    """The estimated population of each unit of a survey, one number field per unit."""

    def __init__(self, *args: Any, survei_unit: list[SurveiUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survei_unit = survei_unit
        for su in survei_unit:
            self.fields[_kunci_populasi(su.pk)] = _isian_populasi(
                str(_("Perkiraan populasi %(unit)s") % {"unit": su.unit.nama})
            )
            self.initial.setdefault(_kunci_populasi(su.pk), su.populasi)

    def baris(self) -> list[dict[str, Any]]:
        return [{"survei_unit": su, "populasi": self[_kunci_populasi(su.pk)]} for su in self.survei_unit]

    def nilai(self) -> dict[int, int | None]:
        return {su.pk: self.cleaned_data.get(_kunci_populasi(su.pk)) for su in self.survei_unit}
