"""Admin of questionnaires, surveys and responses, scoped like organisasi/admin.py: an admin
instansi sees and edits only his instansi's objects, superusers everything.

What the admin does not allow, and why:
- the built-in SKM templates (Kuesioner.bawaan) are read-only for everyone, superusers
  included: every survey that used them must stay comparable; they change only by migration;
- the questions of a questionnaire that a survey already uses are read-only: changing them
  would change the meaning of answers already given;
- surveys are created on the evaluator's pages (/kelola/), which generate the public code and
  check the units; opening and closing go through the services there as well;
- responses and their answers are read-only: they are what citizens said.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.http import HttpRequest

from organisasi.admin import DalamLingkupInstansi, LingkupInstansiAdmin, adalah_superuser, batasi_pilihan
from organisasi.izin import bisa_masuk_admin, instansi_dikelola
from organisasi.models import UnitLayanan

from .models import KOLOM_UNSUR, Jawaban, Kuesioner, Pertanyaan, Respons, Survei, SurveiUnit


def _kuesioner_terpakai(kuesioner: Kuesioner | None) -> bool:
    return kuesioner is not None and (kuesioner.bawaan or kuesioner.survei.exists())


# Questionnaires ------------------------------------------------------------------------------


class PertanyaanInline(DalamLingkupInstansi, admin.StackedInline):
    model = Pertanyaan
    extra = 0
    fields = [
        ("urutan", "kode", "kelompok", "jenis", "unsur"),
        "judul",
        "teks",
        ("label_nilai", "pilihan"),
        ("wajib", "angka_min", "angka_maks"),
    ]

    # Inline permissions are asked with the parent questionnaire (None on the add page).
    def _dalam_lingkup(self, request: HttpRequest, obj: Any) -> bool:
        return super()._dalam_lingkup(request, obj) and not _kuesioner_terpakai(obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return KuesionerAdmin.boleh_dilihat(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._dalam_lingkup(request, obj)


@admin.register(Kuesioner)
class KuesionerAdmin(LingkupInstansiAdmin):
    list_display = ["nama", "kode", "bawaan", "instansi"]
    list_filter = ["bawaan", ("instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["instansi"]
    search_fields = ["nama", "kode"]
    prepopulated_fields = {"kode": ["nama"]}
    readonly_fields = ["bawaan"]
    inlines = [PertanyaanInline]

    @staticmethod
    def boleh_dilihat(request: HttpRequest, obj: Kuesioner | None) -> bool:
        """Everyone who may use the admin reads the built-in templates (they choose them for
        their surveys); other questionnaires only within the admin's instansi."""
        if not bisa_masuk_admin(request.user):
            return False
        if obj is None or obj.bawaan or adalah_superuser(request):
            return True
        return obj.instansi_id in set(instansi_dikelola(request.user).values_list("pk", flat=True))

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        qs = admin.ModelAdmin.get_queryset(self, request)
        if adalah_superuser(request):
            return qs
        return qs.filter(Q(bawaan=True) | Q(instansi__in=instansi_dikelola(request.user)))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.boleh_dilihat(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj is not None and obj.bawaan) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj is not None and obj.bawaan) and super().has_delete_permission(request, obj)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        # An admin instansi's questionnaire without instansi would vanish from his own list.
        if not adalah_superuser(request) and "instansi" in form.base_fields:
            form.base_fields["instansi"].required = True
        return form


# Surveys ---------------------------------------------------------------------------------


class SurveiUnitInline(DalamLingkupInstansi, admin.TabularInline):
    model = SurveiUnit
    fields = ["unit", "populasi"]
    extra = 0

    # Inline permissions are asked with the parent survey (None on the add page).
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._dalam_lingkup(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Once citizens could answer, a unit's responses would lose their row in the survey.
        ditutup = obj is not None and obj.status != Survei.Status.DRAFT
        return not ditutup and self._dalam_lingkup(request, obj)

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "unit" in formset.form.base_fields:
            unit: Any = formset.form.base_fields["unit"]
            unit.queryset = UnitLayanan.objects.filter(instansi_id=obj.instansi_id)
        return formset


@admin.register(Survei)
class SurveiAdmin(LingkupInstansiAdmin):
    list_display = ["judul", "kode", "instansi", "periode", "status", "mulai", "selesai"]
    list_filter = ["status", ("instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["instansi"]
    search_fields = ["judul", "kode", "periode"]
    date_hierarchy = "mulai"
    fields = [
        "judul",
        "periode",
        ("mulai", "selesai"),
        ("instansi", "kuesioner"),
        ("kode", "status"),
        ("dibuat_oleh", "dibuat"),
        ("dibuka_pada", "ditutup_pada"),
    ]
    readonly_fields = [
        "instansi",
        "kuesioner",
        "kode",
        "status",
        "dibuat_oleh",
        "dibuat",
        "dibuka_pada",
        "ditutup_pada",
    ]
    inlines = [SurveiUnitInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# Responses -------------------------------------------------------------------------------


class JawabanInline(admin.TabularInline):
    """The response's answers other than the nine unsur (those are its columns u1..u9)."""

    model = Jawaban
    fields = readonly_fields = ("pertanyaan", "jenis", "nilai", "teks")
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return super().get_queryset(request).select_related("pertanyaan")

    # The response's own view permission (checked by ResponsAdmin) decides; nothing changes.
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bisa_masuk_admin(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


_KOLOM_RESPONS = ("survei", "unit", "layanan", "sumber", "waktu", "dientri_oleh", "impor", "dibuat")


@admin.register(Respons)
class ResponsAdmin(LingkupInstansiAdmin):
    jalur_instansi = "survei__instansi"
    list_display = ["__str__", "survei", "unit", "layanan", "sumber", "waktu"]
    list_filter = ["sumber", ("survei__instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["survei", "unit", "layanan"]
    search_fields = ["survei__kode", "survei__judul", "unit__nama"]
    date_hierarchy = "waktu"
    # The nine unsur answers are columns of the response (u1..u9, on one line); the inline
    # lists its other answers (harapan, profile, extra questions).
    fields = (*_KOLOM_RESPONS, KOLOM_UNSUR)
    readonly_fields = (*_KOLOM_RESPONS, *KOLOM_UNSUR)
    inlines = [JawabanInline]

    def _instansi_id(self, obj: Any) -> int:
        return obj.survei.instansi_id

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        batasi_pilihan(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
