"""The citizen's form: one field per question of the survey's questionnaire.

The form only turns the POST into values (and refuses what the database could not hold); the
rules about answers (scales, required questions, choices, text length) are checked by
survei.services, whose errors are put back beside the fields with tambah_galat(). Answer fields
are named "j_<question code>", so that no question code can clash with the form's own fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisasi.models import Layanan
from survei.models import Pertanyaan
from survei.services import PANJANG_TEKS_MAKS

Jenis = Pertanyaan.Jenis
Kelompok = Pertanyaan.Kelompok

AWALAN = "j_"
BIDANG_KUNCI = "kunci"
BIDANG_JEBAKAN = "situs_web"
UMUR_KUNCI = timedelta(hours=12)
GARAM_KUNCI = "tilik.survei.publik.kunci"
# Jawaban.nilai is a 32-bit IntegerField on every database.
_INTEGER_MAKS = 2**31 - 1


# The submission key ---------------------------------------------------------------------------


def kunci_tandatangani(kunci: str) -> str:
    """The hidden field's value: the services' submission key, signed and timestamped, so that
    a client can neither invent keys nor keep one for days."""
    return signing.TimestampSigner(salt=GARAM_KUNCI).sign(kunci)


def kunci_buka(token: str) -> str | None:
    """The submission key inside a signed token, or None if tampered with or too old."""
    try:
        return signing.TimestampSigner(salt=GARAM_KUNCI).unsign(token, max_age=UMUR_KUNCI)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None


# Display texts ----------------------------------------------------------------------------------


def _teks(teks: str, *, bawaan: bool) -> str:
    # The built-in questionnaires store the regulation's Indonesian wording; their msgids exist
    # (gettext_noop in survei/skm.py), so they follow the visitor's language. Questions an
    # instansi wrote itself are shown as written.
    return _(teks) if bawaan and teks else teks


def _dalam_jangkauan(nilai: str) -> None:
    try:
        angka = int(nilai.strip())
    except ValueError:
        return  # not a whole number: the services say so in their own words
    if abs(angka) > _INTEGER_MAKS:
        raise ValidationError(_("Angka ini terlalu besar."))


# Reading a POST without building the form ------------------------------------------------------


def jawaban_dari_post(data: QueryDict, pertanyaan: Sequence[Pertanyaan]) -> dict[str, Any] | None:
    """What FormulirSurvei(data).jawaban() returns when the form is valid, read straight from
    the POST; None whenever the form itself would refuse a field.

    The submission path uses it so that a correct submission is checked once, by the services,
    instead of building a Django form of a dozen fields first. It mirrors the fields that
    _bidang() builds, exactly: a single value is the last one sent (QueryDict.get, as the
    widgets read it) with whitespace stripped (CharField), refused with a NUL character
    (CharField's validator) or, for a number, outside the 32-bit range (_dalam_jangkauan);
    several choices (MultipleChoiceField, never stripped) must each be one of the codes as
    sent. Whatever it returns None for, the caller builds the form, which says what is wrong.
    tests/survei/test_publik_kinerja.py holds the two readings side by side."""
    hasil: dict[str, Any] = {}
    for p in pertanyaan:
        nama = AWALAN + p.kode
        if p.jenis == Jenis.PILIHAN_GANDA:
            semua = data.getlist(nama)
            if not semua:
                continue
            tersedia = set(p.kode_pilihan())
            if not all(isinstance(k, str) and k in tersedia for k in semua):
                return None
            hasil[p.kode] = list(semua)
            continue
        nilai = data.get(nama)
        if nilai is None:
            continue
        nilai = str(nilai).strip()
        if not nilai:
            continue
        if "\x00" in nilai:
            return None
        if p.jenis == Jenis.ANGKA:
            try:
                _dalam_jangkauan(nilai)
            except ValidationError:
                return None
        hasil[p.kode] = nilai
    return hasil


def layanan_dari_post(data: QueryDict, layanan: Sequence[Layanan]) -> tuple[bool, Layanan | None]:
    """The service the form's select would give for this POST, as (accepted, service): the
    field exists only when the unit has active services (it is ignored otherwise), and its
    value must be one of their keys exactly as rendered. (False, None): the form would refuse."""
    nilai = data.get("layanan")
    if nilai in (None, "") or not layanan:
        return True, None
    terpilih = next((lay for lay in layanan if str(lay.pk) == nilai), None)
    return terpilih is not None, terpilih


@dataclass(frozen=True)
class Soal:
    """One question as the citizen sees it."""

    pertanyaan: Pertanyaan
    nomor: int
    judul: str
    teks: str
    bidang: BoundField

    @property
    def judul_tampil(self) -> str:
        """The short title above the question, unless the question already says it."""
        return self.judul if self.judul and self.judul not in self.teks else ""

    @property
    def masukan(self) -> str:
        """How the template draws it: radio, checkbox, or a single field through _bidang.html."""
        jenis = self.pertanyaan.jenis
        if jenis == Jenis.PILIHAN_GANDA:
            return "checkbox"
        if jenis in (Jenis.SKALA4, Jenis.SKALA5, Jenis.PILIHAN_TUNGGAL):
            return "radio"
        return "tunggal"

    @property
    def id_pertama(self) -> str:
        """The element an error summary link jumps to."""
        return f"{self.bidang.auto_id}_0" if self.masukan != "tunggal" else str(self.bidang.auto_id)


@dataclass
class Bagian:
    kelompok: str
    judul: str
    keterangan: str
    soal: list[Soal] = field(default_factory=list)


@dataclass(frozen=True)
class Galat:
    target: str  # element id, "" for errors that belong to no field
    label: str
    pesan: str


class FormulirSurvei(forms.Form):
    kunci = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people (CSS + aria-hidden + tabindex=-1), filled by form bots.
    situs_web = forms.CharField(
        label=gettext_lazy("Situs web"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        pertanyaan: Sequence[Pertanyaan],
        layanan: Sequence[Layanan],
        bawaan: bool,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.pertanyaan = list(pertanyaan)
        self.bawaan = bawaan
        if layanan:
            self.fields["layanan"] = forms.TypedChoiceField(
                label=_("Layanan yang Anda terima"),
                help_text=_("Boleh dikosongkan."),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Tidak memilih"))] + [(str(lay.pk), lay.nama) for lay in layanan],
                error_messages={"invalid_choice": _("Pilih layanan dari unit layanan yang dipilih.")},
            )
        for p in self.pertanyaan:
            self.fields[AWALAN + p.kode] = self._bidang(p)

    def _bidang(self, p: Pertanyaan) -> forms.Field:
        jenis = Jenis(p.jenis)
        if jenis in (Jenis.SKALA4, Jenis.SKALA5):
            label = list(p.label_nilai)
            pilihan = [
                (str(i), _teks(str(label[i - 1]), bawaan=self.bawaan) if i <= len(label) else str(i))
                for i in range(1, (p.skala_maks or 0) + 1)
            ]
            return forms.CharField(required=False, widget=forms.RadioSelect(choices=pilihan))
        pilihan = [(str(c["kode"]), _teks(str(c["label"]), bawaan=self.bawaan)) for c in p.pilihan]
        if jenis == Jenis.PILIHAN_TUNGGAL:
            return forms.CharField(required=False, widget=forms.RadioSelect(choices=pilihan))
        if jenis == Jenis.PILIHAN_GANDA:
            pesan = _("Pilih dari pilihan yang tersedia.")
            return forms.MultipleChoiceField(
                required=False,
                choices=pilihan,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": pesan, "invalid_list": pesan},
            )
        if jenis == Jenis.ANGKA:
            atribut = {"inputmode": "numeric", "autocomplete": "off"}
            if p.angka_min is not None:
                atribut["min"] = str(p.angka_min)
            if p.angka_maks is not None:
                atribut["max"] = str(p.angka_maks)
            return forms.CharField(
                label=self._judul_teks(p)[1],
                required=False,
                validators=[_dalam_jangkauan],
                widget=forms.NumberInput(attrs=atribut),
            )
        return forms.CharField(
            label=self._judul_teks(p)[1],
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "maxlength": str(PANJANG_TEKS_MAKS)}),
        )

    def _judul_teks(self, p: Pertanyaan) -> tuple[str, str]:
        judul = _teks(p.judul, bawaan=self.bawaan)
        teks = _teks(p.teks, bawaan=self.bawaan)
        # The importance items of the built-in questionnaire share one text naming the unsur.
        return judul, teks.replace("%(judul)s", judul)

    # Reading ------------------------------------------------------------------------------------

    def jawaban(self) -> dict[str, Any]:
        """{question code: value or list} of what the citizen filled in and the form accepted."""
        hasil: dict[str, Any] = {}
        for p in self.pertanyaan:
            nilai = self.cleaned_data.get(AWALAN + p.kode)
            if nilai not in (None, "", []):
                hasil[p.kode] = nilai
        return hasil

    def layanan_terpilih(self) -> int | None:
        nilai = self.cleaned_data.get("layanan")
        return nilai if isinstance(nilai, int) else None

    # Errors -------------------------------------------------------------------------------------

    def tambah_galat(self, kesalahan: Mapping[str, Sequence[str]]) -> None:
        """Put the services' errors (keyed by question code, "layanan" or "__all__") beside
        their fields; a field the form already refused keeps the form's message."""
        for kunci, pesan in kesalahan.items():
            nama = "layanan" if kunci == "layanan" else AWALAN + kunci
            # "unit" and "__all__" are the services' own keys, never a question here.
            if kunci in ("unit", "__all__") or nama not in self.fields:
                self.add_error(None, list(pesan))
            elif not self.errors.get(nama):
                self.add_error(nama, list(pesan))

    def ringkasan_galat(self) -> list[Galat]:
        """Every error in page order, for the summary at the top of the form."""
        hasil = [Galat("", "", str(pesan)) for pesan in self.non_field_errors()]
        if "layanan" in self.fields:
            bidang = self["layanan"]
            hasil += [Galat(str(bidang.auto_id), str(bidang.label), str(p)) for p in bidang.errors]
        for bagian in self.bagian():
            for soal in bagian.soal:
                label = f"{soal.nomor}. {soal.judul or soal.teks}"
                hasil += [Galat(soal.id_pertama, label, str(p)) for p in soal.bidang.errors]
        return hasil

    # Layout -------------------------------------------------------------------------------------

    def bagian(self) -> list[Bagian]:
        """Questions in `urutan` order, grouped into consecutive runs of one kelompok; the
        profile questions come last, under a heading that says they are optional."""
        profil = [p for p in self.pertanyaan if p.kelompok == Kelompok.PROFIL]
        lain = [p for p in self.pertanyaan if p.kelompok != Kelompok.PROFIL]
        hasil: list[Bagian] = []
        for nomor, p in enumerate(lain + profil, start=1):
            if not hasil or hasil[-1].kelompok != p.kelompok:
                hasil.append(self._bagian_baru(p.kelompok, profil))
            judul, teks = self._judul_teks(p)
            hasil[-1].soal.append(Soal(p, nomor, judul, teks, self[AWALAN + p.kode]))
        return hasil

    def _bagian_baru(self, kelompok: str, profil: Sequence[Pertanyaan]) -> Bagian:
        if kelompok == Kelompok.UNSUR:
            return Bagian(
                kelompok,
                _("Penilaian pelayanan"),
                _("Pilih satu jawaban yang paling sesuai dengan pengalaman Anda."),
            )
        if kelompok == Kelompok.HARAPAN:
            return Bagian(
                kelompok,
                _("Seberapa penting bagi Anda"),
                _("Seberapa penting setiap unsur pelayanan ini menurut Anda."),
            )
        if kelompok == Kelompok.PROFIL:
            boleh_kosong = not any(p.wajib for p in profil)
            return Bagian(
                kelompok,
                _("Tentang Anda (boleh dikosongkan)") if boleh_kosong else _("Tentang Anda"),
                _("Hanya dipakai untuk statistik; jawaban Anda tidak dipakai untuk mengenali Anda."),
            )
        return Bagian(kelompok, _("Pertanyaan lain"), "")
