"""Forms for paper questionnaires: keying one in (FormKertas), uploading a spreadsheet
(FormUnggah) and mapping its columns to question codes (FormPeta)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisasi.models import Layanan, UnitLayanan

from ..impor import (
    UKURAN_MAKS,
    Tabel,
    judul_pertanyaan,
    pilihan_baku,
    pilihan_target,
    tanggal_periksa,
    ukuran_teks,
)
from ..models import Pertanyaan, Respons, Survei
from ..services import KesalahanSurvei, ValidasiRespons, kunci_baru, respons_periksa

AWALAN_JAWABAN = "j_"


def _penanda(survei: Survei) -> signing.Signer:
    # Bound to the survey, so a key from another survey's page is refused too.
    return signing.Signer(salt=f"survei.kertas.{survei.pk}")


def kunci_bertanda(survei: Survei) -> str:
    return _penanda(survei).sign(kunci_baru())


def _atribut_jawaban(p: Pertanyaan) -> tuple[dict[str, str], str]:
    """Widget attributes and help text of a compact answer box."""
    attrs = {"autocomplete": "off", "spellcheck": "false"}
    jenis = Pertanyaan.Jenis(p.jenis)
    if jenis in (Pertanyaan.Jenis.SKALA4, Pertanyaan.Jenis.SKALA5):
        return {**attrs, "inputmode": "numeric", "maxlength": "1"}, f"1-{p.skala_maks}"
    if jenis == Pertanyaan.Jenis.ANGKA:
        panjang = max(len(str(p.angka_maks or 0)), len(str(p.angka_min or 0)), 3)
        bantuan = (
            f"{p.angka_min}-{p.angka_maks}" if p.angka_min is not None and p.angka_maks is not None else ""
        )
        return {**attrs, "inputmode": "numeric", "maxlength": str(panjang)}, bantuan
    if jenis in (Pertanyaan.Jenis.PILIHAN_TUNGGAL, Pertanyaan.Jenis.PILIHAN_GANDA):
        kode = p.kode_pilihan()
        pemisah = "/" if jenis == Pertanyaan.Jenis.PILIHAN_TUNGGAL else " | "
        panjang = (
            sum(len(k) + 1 for k in kode) if jenis == Pertanyaan.Jenis.PILIHAN_GANDA else max(map(len, kode))
        )
        return {**attrs, "maxlength": str(max(panjang, 1)), "autocapitalize": "characters"}, pemisah.join(
            kode
        )
    return {**attrs, "maxlength": "2000"}, ""


def label_pertanyaan(p: Pertanyaan) -> str:
    """Code and title for unsur and harapan items ("U1 Persyaratan": the code prevents the U8/U9
    mix-up), the short title for the others."""
    if p.kelompok in (Pertanyaan.Kelompok.UNSUR, Pertanyaan.Kelompok.HARAPAN):
        return f"{p.kode} {judul_pertanyaan(p)}"
    return judul_pertanyaan(p)


class FormKertas(forms.Form):
    """One paper questionnaire. The answers are checked by services.respons_periksa(), the same
    rules as every other source, so that all the problems on the sheet show at once."""

    unit = forms.TypedChoiceField(
        label=gettext_lazy("Unit layanan"),
        coerce=int,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Pilih unit layanan dari daftar; Anda hanya dapat mengentri untuk unit survei ini "
                "yang menjadi tugas Anda."
            )
        },
    )
    layanan = forms.TypedChoiceField(
        label=gettext_lazy("Layanan (boleh kosong)"), coerce=int, required=False, empty_value=None
    )
    tanggal = forms.DateField(
        label=gettext_lazy("Tanggal survei (tertulis di kertas)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    kunci = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        survei: Survei,
        unit: Sequence[UnitLayanan],
        daftar_pertanyaan: Sequence[Pertanyaan],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survei = survei
        self.daftar_pertanyaan = list(daftar_pertanyaan)
        self.unit_boleh = {u.pk: u for u in unit}
        self.fields["unit"].choices = [("", "—")] + [(u.pk, u.nama) for u in unit]  # type: ignore[attr-defined]
        layanan = Layanan.objects.filter(unit__in=self.unit_boleh, aktif=True).select_related("unit")
        per_unit: dict[str, list[tuple[int, str]]] = {}
        for la in layanan.order_by("unit__nama", "nama"):
            per_unit.setdefault(la.unit.nama, []).append((la.pk, la.nama))
        self.fields["layanan"].choices = [("", "—"), *per_unit.items()]  # type: ignore[attr-defined]
        if not per_unit:
            del self.fields["layanan"]
        for p in self.daftar_pertanyaan:
            attrs, bantuan = _atribut_jawaban(p)
            self.fields[AWALAN_JAWABAN + p.kode] = forms.CharField(
                label=label_pertanyaan(p),
                required=False,
                strip=True,
                help_text=bantuan,
                widget=forms.TextInput(attrs=attrs),
            )
        # After a save the unit and date are kept: the cursor waits in the first answer box.
        if (
            self.daftar_pertanyaan
            and not self.is_bound
            and self.initial.get("unit")
            and self.initial.get("tanggal")
        ):
            self.fields[AWALAN_JAWABAN + self.daftar_pertanyaan[0].kode].widget.attrs["autofocus"] = True

    def bidang_jawaban(self) -> list[forms.BoundField]:
        return [self[AWALAN_JAWABAN + p.kode] for p in self.daftar_pertanyaan]

    def bidang_atas(self) -> list[forms.BoundField]:
        return [self[n] for n in ("unit", "layanan", "tanggal") if n in self.fields]

    def clean_kunci(self) -> str:
        try:
            return _penanda(self.survei).unsign(self.cleaned_data["kunci"])
        except signing.BadSignature:
            raise forms.ValidationError(
                _("Formulir tidak dikenali. Muat ulang halaman lalu isi kembali."), code="kunci"
            ) from None

    def clean_tanggal(self) -> date:
        tanggal: date = self.cleaned_data["tanggal"]
        try:
            tanggal_periksa(self.survei, tanggal)
        except ValueError as e:
            raise forms.ValidationError(str(e), code="tanggal") from None
        return tanggal

    def jawaban(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            p.kode: pilihan_baku(p, data[AWALAN_JAWABAN + p.kode])
            for p in self.daftar_pertanyaan
            if data.get(AWALAN_JAWABAN + p.kode)
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "kunci" in self.errors:
            return data
        try:
            respons_periksa(
                survei=self.survei,
                unit=data.get("unit"),
                layanan=data.get("layanan"),
                jawaban=self.jawaban(),
                sumber=Respons.Sumber.KERTAS,
                daftar_pertanyaan=self.daftar_pertanyaan,
                unit_survei=self.unit_boleh,
            )
        except ValidasiRespons as e:
            self.tambah_kesalahan(e.kesalahan)
        except KesalahanSurvei as e:
            self.add_error(None, e.pesan)
        return data

    def tambah_kesalahan(self, kesalahan: dict[str, list[str]]) -> None:
        """The service's errors beside their fields (question code -> its answer box)."""
        for bidang, pesan in kesalahan.items():
            calon = bidang if bidang in ("unit", "layanan") else AWALAN_JAWABAN + bidang
            nama = calon if calon in self.fields else None
            if nama is not None and nama in self.errors:
                continue  # the field's own check already said why
            for p in pesan:
                self.add_error(nama, p)


class FormUnggah(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        help_text=gettext_lazy(
            "Paling besar 5 MB. CSV dalam UTF-8 (dengan koma atau titik koma), atau lembar pertama "
            "sebuah XLSX. Baris pertama berisi judul kolom."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
        error_messages={"empty": gettext_lazy("Berkas kosong.")},
    )

    def clean_berkas(self) -> UploadedFile:
        berkas: UploadedFile = self.cleaned_data["berkas"]
        nama = (berkas.name or "").lower()
        if not nama.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                _("Unggah berkas .csv atau .xlsx (dari Excel atau LibreOffice: Simpan sebagai)."),
                code="jenis",
            )
        if (berkas.size or 0) > UKURAN_MAKS:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s.")
                % {"ukuran": ukuran_teks(berkas.size or 0), "maks": ukuran_teks(UKURAN_MAKS)},
                code="ukuran",
            )
        return berkas


class FormPeta(forms.Form):
    """One select per column of the file: ignore it, or the code it holds."""

    sebagian = forms.BooleanField(
        label=gettext_lazy("Simpan baris yang valid saja dan lewati baris yang bermasalah"),
        help_text=gettext_lazy(
            "Biasanya jangan dicentang: bila ada satu baris bermasalah, tidak ada yang disimpan, "
            "sehingga berkas dapat diperbaiki lalu diunggah utuh."
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        tabel: Tabel,
        daftar_pertanyaan: Sequence[Pertanyaan],
        peta: dict[int, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tabel = tabel
        pilihan = pilihan_target(daftar_pertanyaan)
        kolom: dict[str, forms.Field] = {}
        for i, nama in enumerate(tabel.kolom):
            kolom[f"kolom_{i}"] = forms.ChoiceField(
                label=nama, choices=pilihan, required=False, initial=peta.get(i, "")
            )
        # The columns first, the option last.
        self.fields = {**kolom, "sebagian": self.fields["sebagian"]}

    def bidang_kolom(self) -> list[tuple[forms.BoundField, list[str]]]:
        """Each column's select with the column's first values, to recognise what it holds."""
        contoh = self.tabel.baris[:3]
        return [(self[f"kolom_{i}"], [_teks(b.sel[i]) for b in contoh]) for i in range(len(self.tabel.kolom))]

    def peta(self) -> dict[int, str]:
        return {
            i: self.cleaned_data[f"kolom_{i}"]
            for i in range(len(self.tabel.kolom))
            if self.cleaned_data.get(f"kolom_{i}")
        }


def _teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return str(nilai)
