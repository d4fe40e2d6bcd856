"""Forms of the report pages: asking for a report, and checking a copy on the public page."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organisasi.models import Instansi, Penataan, UnitLayanan
from survei.models import Survei

from .models import Laporan
from .services import JEDA_MAKS

# A report is a few hundred kilobytes; 20 MB is generous and keeps the public page cheap.
UKURAN_UNGGAH_MAKS = 20 * 1024 * 1024
_HEKSA_64 = re.compile(r"^[0-9a-f]{64}$")


_PESAN_JEDA = _("Jeda transisi harus bilangan bulat 0 sampai 24 (bulan).")


class FormMintaLaporan(forms.Form):
    jenis = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=Laporan.Jenis.choices,
        error_messages={
            "required": _("Pilih jenis laporan."),
            "invalid_choice": _("Jenis laporan tidak dikenal."),
        },
    )
    penataan = forms.ModelChoiceField(
        label=_("Penataan"),
        queryset=Penataan.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Penataan itu tidak ada di instansi ini.")},
    )
    transisi = forms.IntegerField(
        label=_("Jeda transisi (bulan)"),
        min_value=0,
        max_value=JEDA_MAKS,
        required=False,
        help_text=_(
            "Bulan pertama sesudah tanggal efektif yang tidak dihitung, selagi unit baru menyesuaikan diri."
        ),
        error_messages={"invalid": _PESAN_JEDA, "min_value": _PESAN_JEDA, "max_value": _PESAN_JEDA},
    )
    survei = forms.ModelChoiceField(
        label=_("Survei (periode)"),
        queryset=Survei.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Survei itu tidak ada di instansi ini.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Unit layanan"),
        queryset=UnitLayanan.objects.none(),
        required=False,
        empty_label=_("Semua unit dalam survei"),
        error_messages={"invalid_choice": _("Unit itu tidak ada di instansi ini.")},
    )

    def __init__(self, *args: Any, instansi: Instansi, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi = instansi
        penataan = self.fields["penataan"]
        assert isinstance(penataan, forms.ModelChoiceField)
        penataan.queryset = Penataan.objects.filter(instansi=instansi).order_by("-tanggal_efektif", "-pk")
        survei = self.fields["survei"]
        assert isinstance(survei, forms.ModelChoiceField)
        survei.queryset = Survei.objects.filter(instansi=instansi).order_by("-mulai", "judul")
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = UnitLayanan.objects.filter(instansi=instansi).order_by("nama", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        jenis = data.get("jenis")
        if jenis == Laporan.Jenis.EVALUASI and not data.get("penataan") and "penataan" not in self.errors:
            self.add_error("penataan", _("Pilih penataan yang dievaluasi."))
        if jenis == Laporan.Jenis.SKM and not data.get("survei") and "survei" not in self.errors:
            self.add_error("survei", _("Pilih survei (periode) yang dilaporkan."))
        return data


class FormVerifikasi(forms.Form):
    berkas = forms.FileField(label=_("Berkas PDF laporan"), required=False)
    sha256 = forms.CharField(
        label=_("atau sidik jari SHA-256"),
        required=False,
        max_length=200,
        help_text=_("64 karakter heksadesimal, misalnya hasil perintah sha256sum."),
    )

    def clean_sha256(self) -> str:
        teks = "".join(str(self.cleaned_data.get("sha256") or "").split()).lower()
        if teks and not _HEKSA_64.match(teks):
            raise forms.ValidationError(_("Sidik jari SHA-256 terdiri atas 64 karakter 0-9 dan a-f."))
        return teks

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data.get("berkas")
        if berkas is not None and berkas.size > UKURAN_UNGGAH_MAKS:
            raise forms.ValidationError(_("Berkas lebih besar dari 20 MB; laporan Tilik jauh lebih kecil."))
        return berkas

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if not data.get("berkas") and not data.get("sha256"):
            raise forms.ValidationError(_("Unggah berkas PDF atau tempelkan sidik jari SHA-256-nya."))
        if data.get("berkas") and data.get("sha256"):
            raise forms.ValidationError(_("Pilih salah satu: unggah berkas atau tempelkan sidik jari."))
        return data
