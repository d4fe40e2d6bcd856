"""Forms of the forum pages.

The rules on text (empty, too long, control characters) live in forum.services, which every
post goes through. The forms apply the same function (periksa_teks) to all their text fields
at once, so a submission shows every mistake together with the service's own words; the
views still attach a KesalahanForum from the service to the field it names. The browser gets
`required` and `maxlength` as hints only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisasi.models import Instansi, Layanan, Penataan, UnitLayanan

from .models import PANJANG_ISI_MAKS, PANJANG_JUDUL_MAKS, Tanda, Topik
from .services import KesalahanForum, periksa_teks
from .services_moderasi import PANJANG_ALASAN_MAKS
from .services_pengaduan import PANJANG_CATATAN_MAKS

PANJANG_CARI_MAKS = 200
NILAI_PILIHAN = [
    (4, _("4 · Sangat baik")),
    (3, _("3 · Baik")),
    (2, _("2 · Kurang baik")),
    (1, _("1 · Tidak baik")),
]


def _teks(
    label: Any, *, maks: int, wajib: bool = True, baris: int | None = None, kosong: Any = None, **kwargs: Any
) -> forms.CharField:
    """A text field whose rules are the service's (see the module docstring); `kosong` is the
    message for an empty required field, before the service sees it."""
    attrs: dict[str, Any] = {"maxlength": maks}
    if wajib:
        attrs["required"] = True
    widget = forms.Textarea(attrs={**attrs, "rows": baris}) if baris else forms.TextInput(attrs=attrs)
    pesan = {"required": kosong or _("Bagian ini wajib diisi.")}
    return forms.CharField(
        label=label, required=wajib, strip=False, widget=widget, error_messages=pesan, **kwargs
    )


class _IdSendiri:
    """Several of these forms share a page (the unit's steps on a complaint, the reply form) and
    field names (catatan, isi, nilai): each form gets its own id prefix, so that every label
    points at its own field. Only ids change; the posted names stay the same."""

    AWALAN_ID = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.AWALAN_ID:
            kwargs.setdefault("auto_id", f"id_{self.AWALAN_ID}_%s")
        super().__init__(*args, **kwargs)


class _FormTeks(forms.Form):
    """Checks its text fields with forum.services.periksa_teks, so that every mistake of a
    submission is shown at once (the service checks again when it stores)."""

    ATURAN_TEKS: dict[str, tuple[int, bool]] = {}  # field -> (maximum length, one line)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for nama, (maks, satu_baris) in self.ATURAN_TEKS.items():
            if nama not in data or nama not in self.fields:
                continue
            if self.fields[nama].required and not str(data[nama]).strip():
                self.add_error(nama, self.fields[nama].error_messages["required"])
            else:
                try:
                    periksa_teks(data[nama], bidang=nama, maks=maks, satu_baris=satu_baris)
                except KesalahanForum as e:
                    self.add_error(nama, e.pesan)
        return data


JUDUL_KOSONG = _("Judul tidak boleh kosong.")
ISI_KOSONG = _("Isi tulisan tidak boleh kosong.")
ATURAN_JUDUL_ISI = {"judul": (PANJANG_JUDUL_MAKS, True), "isi": (PANJANG_ISI_MAKS, False)}


def unit_aktif(*, instansi: Instansi) -> QuerySet[UnitLayanan]:
    """The instansi's units that serve today: the ones a new topic or complaint can be about."""
    hari_ini = timezone.localdate()
    return (
        UnitLayanan.objects.filter(instansi=instansi)
        .filter(Q(aktif_dari__isnull=True) | Q(aktif_dari__lte=hari_ini))
        .filter(Q(aktif_sampai__isnull=True) | Q(aktif_sampai__gte=hari_ini))
        .order_by("nama", "id")
    )


class _PilihLayanan(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.unit.nama} · {obj.nama}"


class FormTopik(_FormTeks):
    """A new discussion, question or proposal, or (pengaduan=True) a new complaint."""

    ATURAN_TEKS = ATURAN_JUDUL_ISI

    jenis = forms.ChoiceField(
        label=_("Jenis topik"),
        choices=[(j.value, j.label) for j in Topik.Jenis if j != Topik.Jenis.PENGADUAN],
        widget=forms.RadioSelect,
        initial=Topik.Jenis.DISKUSI,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit layanan"),
        queryset=UnitLayanan.objects.none(),
        required=False,
        empty_label=_("— Tidak khusus satu unit —"),
        error_messages={"invalid_choice": _("Pilih unit layanan instansi ini yang masih aktif.")},
    )
    layanan = _PilihLayanan(
        label=_("Layanan"),
        queryset=Layanan.objects.none(),
        required=False,
        empty_label=_("— Tidak khusus satu layanan —"),
        help_text=_("Opsional. Bila dipilih, unitnya mengikuti layanan ini."),
        error_messages={"invalid_choice": _("Pilih layanan aktif dari instansi ini.")},
    )
    penataan = forms.ModelChoiceField(
        label=_("Penataan organisasi"),
        queryset=Penataan.objects.none(),
        required=False,
        empty_label=_("— Tidak terkait penataan —"),
        help_text=_("Opsional: kaitkan dengan penataan organisasi yang dibahas."),
        error_messages={"invalid_choice": _("Pilih penataan milik instansi ini.")},
    )
    privasi = forms.ChoiceField(
        label=_("Privasi"),
        choices=Topik.Privasi.choices,
        widget=forms.RadioSelect,
        initial=Topik.Privasi.PUBLIK,
        help_text=_(
            "Anonim: pengaduan tampil untuk publik, tetapi nama Anda disembunyikan dari publik "
            "dan dari petugas unit. Rahasia: pengaduan hanya terlihat oleh Anda, petugas unit "
            "yang menangani, dan evaluator instansi."
        ),
    )
    judul = _teks(_("Judul"), maks=PANJANG_JUDUL_MAKS, kosong=JUDUL_KOSONG)
    isi = _teks(
        _("Isi"),
        maks=PANJANG_ISI_MAKS,
        baris=10,
        kosong=ISI_KOSONG,
        help_text=_("Boleh memakai Markdown: **tebal**, *miring*, daftar dengan tanda -, tautan."),
    )

    def __init__(self, *args: Any, instansi: Instansi, pengaduan: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi = instansi
        self.pengaduan = pengaduan
        unit = unit_aktif(instansi=instansi)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = unit
        layanan_field = self.fields["layanan"]
        assert isinstance(layanan_field, forms.ModelChoiceField)
        layanan_field.queryset = (
            Layanan.objects.filter(unit__in=unit, aktif=True)
            .select_related("unit")
            .order_by("unit__nama", "nama", "id")
        )
        penataan_field = self.fields["penataan"]
        assert isinstance(penataan_field, forms.ModelChoiceField)
        penataan_field.queryset = Penataan.objects.filter(instansi=instansi).order_by(
            "-tanggal_efektif", "-id"
        )
        if pengaduan:
            del self.fields["jenis"]
            unit_field.required = True
            unit_field.empty_label = _("— Pilih unit yang diadukan —")
            unit_field.error_messages["required"] = _("Pilih unit layanan yang diadukan.")
            unit_field.help_text = _("Unit yang memberi layanan yang Anda adukan.")
        else:
            del self.fields["privasi"]

    def data_layanan(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of forum.services.topik_buat."""
        data = self.cleaned_data
        return {
            "jenis": Topik.Jenis.PENGADUAN if self.pengaduan else data["jenis"],
            "judul": data["judul"],
            "isi": data["isi"],
            "unit": data.get("unit"),
            "layanan": data.get("layanan"),
            "penataan": data.get("penataan"),
            "privasi": data.get("privasi") or Topik.Privasi.PUBLIK,
        }


class FormUbahTopik(_FormTeks):
    ATURAN_TEKS = ATURAN_JUDUL_ISI

    judul = _teks(_("Judul"), maks=PANJANG_JUDUL_MAKS, kosong=JUDUL_KOSONG)
    isi = _teks(_("Isi"), maks=PANJANG_ISI_MAKS, baris=10, kosong=ISI_KOSONG)


class FormBalasan(_FormTeks):
    ATURAN_TEKS = {"isi": (PANJANG_ISI_MAKS, False)}

    isi = _teks(
        _("Balasan Anda"),
        maks=PANJANG_ISI_MAKS,
        baris=5,
        kosong=ISI_KOSONG,
        help_text=_("Boleh memakai Markdown: **tebal**, *miring*, daftar dengan tanda -, tautan."),
    )


class FormJawabResmi(_IdSendiri, _FormTeks):
    AWALAN_ID = "jawab"
    ATURAN_TEKS = {"isi": (PANJANG_ISI_MAKS, False)}

    isi = _teks(
        _("Jawaban resmi unit"),
        maks=PANJANG_ISI_MAKS,
        baris=6,
        kosong=ISI_KOSONG,
        help_text=_("Tindak lanjut atas pengaduan. Setelah dijawab, pengaduan berstatus ditindaklanjuti."),
    )


class FormCatatan(_IdSendiri, forms.Form):
    """Verification, with an optional note."""

    AWALAN_ID = "verifikasi"

    catatan = _teks(_("Catatan (opsional)"), maks=PANJANG_CATATAN_MAKS, wajib=False, baris=2)


class FormTolak(_IdSendiri, _FormTeks):
    AWALAN_ID = "tolak"
    ATURAN_TEKS = {"alasan": (PANJANG_CATATAN_MAKS, False)}

    alasan = _teks(
        _("Alasan penolakan"), maks=PANJANG_CATATAN_MAKS, baris=3, kosong=_("Tulis alasan penolakan.")
    )


class FormAlihkan(_IdSendiri, _FormTeks):
    """ "Bukan kewenangan": another active unit of the same instansi."""

    AWALAN_ID = "alihkan"

    ATURAN_TEKS = {"catatan": (PANJANG_CATATAN_MAKS, False)}

    unit_tujuan = forms.ModelChoiceField(
        label=_("Unit yang berwenang"),
        queryset=UnitLayanan.objects.none(),
        error_messages={
            "required": _("Pilih unit tujuan pengalihan."),
            "invalid_choice": _("Pilih unit lain yang masih aktif di instansi ini."),
        },
    )
    catatan = _teks(
        _("Alasan pengalihan"), maks=PANJANG_CATATAN_MAKS, baris=2, kosong=_("Tulis alasan pengalihan.")
    )

    def __init__(self, *args: Any, topik: Topik, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bidang = self.fields["unit_tujuan"]
        assert isinstance(bidang, forms.ModelChoiceField)
        unit = unit_aktif(instansi=topik.instansi)
        bidang.queryset = unit.exclude(pk=topik.unit_id) if topik.unit_id is not None else unit


class FormKonfirmasi(_IdSendiri, forms.Form):
    AWALAN_ID = "konfirmasi"
    nilai = forms.TypedChoiceField(
        label=_("Nilai penanganan (opsional)"),
        choices=NILAI_PILIHAN,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pilih nilai 1 sampai 4.")},
    )
    catatan = _teks(_("Catatan (opsional)"), maks=PANJANG_CATATAN_MAKS, wajib=False, baris=2)


class FormNilai(_IdSendiri, forms.Form):
    AWALAN_ID = "nilai"
    nilai = forms.TypedChoiceField(
        label=_("Nilai penanganan pengaduan"),
        choices=NILAI_PILIHAN,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih nilai 1 sampai 4."),
            "invalid_choice": _("Pilih nilai 1 sampai 4."),
        },
    )


class FormTanda(forms.Form):
    alasan = forms.ChoiceField(
        label=_("Mengapa tulisan ini perlu ditinjau moderator?"),
        choices=Tanda.Alasan.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih alasan penandaan."),
            "invalid_choice": _("Pilih alasan penandaan."),
        },
    )
    keterangan = _teks(
        _("Keterangan"),
        maks=PANJANG_ALASAN_MAKS,
        wajib=False,
        help_text=_("Wajib bila alasannya Lainnya."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("alasan") == Tanda.Alasan.LAINNYA and not str(data.get("keterangan") or "").strip():
            self.add_error("keterangan", _("Jelaskan alasannya bila memilih Lainnya."))
        return data


class FormAlasanModerasi(forms.Form):
    """The note of a moderation action: required to hide and to block, optional otherwise
    (the service checks the length)."""

    alasan = _teks(_("Alasan"), maks=PANJANG_ALASAN_MAKS, wajib=False)

    def __init__(self, *args: Any, wajib: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wajib = wajib

    def clean_alasan(self) -> str:
        alasan = str(self.cleaned_data.get("alasan") or "")
        if self.wajib and not alasan.strip():
            raise forms.ValidationError(_("Tulis alasan tindakan moderasi ini."))
        return alasan


class FormSaring(forms.Form):
    """The filters of a topic list, from the query string. Invalid values are reported and
    left out of the filtering, never a 500."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=PANJANG_CARI_MAKS)
    instansi = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Instansi.objects.order_by("nama"),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua instansi"),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit layanan"),
        queryset=UnitLayanan.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua jenis")), *Topik.Jenis.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status pengaduan"), choices=[("", _("Semua status")), *Topik.Status.choices], required=False
    )

    def __init__(self, *args: Any, instansi: Instansi | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_tetap = instansi
        if instansi is not None:
            del self.fields["instansi"]
        else:
            pilihan = self.data.get("instansi")
            instansi = Instansi.objects.filter(slug=pilihan).first() if isinstance(pilihan, str) else None
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        if instansi is None:
            # The units of every instansi would make a very long list: choose the instansi first.
            del self.fields["unit"]
        else:
            unit.queryset = UnitLayanan.objects.filter(instansi=instansi).order_by("nama", "id")

    def saringan(self) -> dict[str, Any]:
        """The valid filters as keyword arguments of forum.selectors.topik_daftar."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "instansi": self.instansi_tetap or data.get("instansi"),
            "unit": data.get("unit"),
            "jenis": data.get("jenis") or None,
            "status": data.get("status") or None,
            "cari": (data.get("q") or "").strip() or None,
        }


class FormSaringAntrean(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit layanan"),
        queryset=UnitLayanan.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )
    terlambat = forms.BooleanField(label=_("Hanya yang melewati batas waktu"), required=False)

    def __init__(self, *args: Any, unit: QuerySet[UnitLayanan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bidang = self.fields["unit"]
        assert isinstance(bidang, forms.ModelChoiceField)
        bidang.queryset = unit

    def saringan(self) -> tuple[UnitLayanan | None, bool]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("unit"), bool(data.get("terlambat"))


class FormPeriode(forms.Form):
    dari = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Termasuk tanggal ini."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and sampai < dari:
            raise forms.ValidationError(_("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data
