"""Admin for superusers and admin instansi.

An admin instansi sees and edits only the objects of the instansi he manages: lists are
filtered, foreign-key choices are limited to that instansi, and an object of another instansi
opened by URL answers 403. Django's model permissions (is_staff, user_permissions) play no
part here: access follows organisasi.izin, like everywhere else in Tilik.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .izin import bisa_masuk_admin, instansi_dikelola
from .models import Instansi, Keanggotaan, Layanan, LinPenataan, Penataan, UnitLayanan

_FK_UNIT = {"unit", "unit_asal", "unit_hasil", "induk"}


def adalah_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and getattr(request.user, "is_superuser", False))


def _id_instansi_dikelola(request: HttpRequest) -> set[int]:
    return set(instansi_dikelola(request.user).values_list("pk", flat=True))


def batasi_pilihan(
    request: HttpRequest, db_field: models.ForeignKey[Any, Any], kwargs: dict[str, Any]
) -> None:
    """Offer an admin instansi only his own instansi and units; a forged POST with another
    id then fails the form field's validation, before anything is saved."""
    if adalah_superuser(request):
        return
    if db_field.name == "instansi":
        kwargs["queryset"] = instansi_dikelola(request.user)
    elif db_field.name in _FK_UNIT:
        kwargs["queryset"] = UnitLayanan.objects.filter(instansi__in=instansi_dikelola(request.user))


class DalamLingkupInstansi:
    """Permission and queryset rules shared by the ModelAdmins and inlines below."""

    # Lookup from the model to its instansi, e.g. "unit__instansi" for Layanan.
    jalur_instansi = "instansi"

    def _instansi_id(self, obj: Any) -> int:
        return obj.instansi_id

    def _dalam_lingkup(self, request: HttpRequest, obj: Any) -> bool:
        if not bisa_masuk_admin(request.user):
            return False
        return (
            obj is None
            or adalah_superuser(request)
            or self._instansi_id(obj) in _id_instansi_dikelola(request)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bisa_masuk_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._dalam_lingkup(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._dalam_lingkup(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._dalam_lingkup(request, obj)


class LingkupInstansiAdmin(DalamLingkupInstansi, admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        qs = super().get_queryset(request)
        if adalah_superuser(request):
            return qs
        return qs.filter(**{f"{self.jalur_instansi}__in": instansi_dikelola(request.user)})

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        # Look the object up outside the admin's scope, so that the view's own permission
        # check answers 403 for another instansi's object; the default (a scoped lookup) would
        # redirect to the index with "does not exist", which reads like a bug to the admin.
        model = self.model
        field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
        try:
            nilai = field.to_python(object_id)
            return model._default_manager.get(**{field.name: nilai})
        except (model.DoesNotExist, ValidationError, ValueError):
            return None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bisa_masuk_admin(request.user)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        batasi_pilihan(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Instansi)
class InstansiAdmin(LingkupInstansiAdmin):
    jalur_instansi = "pk"
    list_display = ["nama", "jenis", "slug"]
    search_fields = ["nama", "slug"]
    prepopulated_fields = {"slug": ["nama"]}

    def _instansi_id(self, obj: Any) -> int:
        return obj.pk

    # Creating or removing a whole government is a platform decision, not the instansi's.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return adalah_superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return adalah_superuser(request)


@admin.register(UnitLayanan)
class UnitLayananAdmin(LingkupInstansiAdmin):
    list_display = ["nama", "singkatan", "jenis", "instansi", "induk", "aktif_dari", "aktif_sampai"]
    list_filter = [("instansi", admin.RelatedOnlyFieldListFilter), "jenis"]
    list_select_related = ["instansi", "induk"]
    search_fields = ["nama", "singkatan", "slug"]
    prepopulated_fields = {"slug": ["nama"]}


@admin.register(Layanan)
class LayananAdmin(LingkupInstansiAdmin):
    jalur_instansi = "unit__instansi"
    list_display = ["nama", "unit", "aktif"]
    list_filter = ["aktif", ("unit__instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["unit"]
    search_fields = ["nama", "unit__nama"]

    def _instansi_id(self, obj: Any) -> int:
        return obj.unit.instansi_id


class LinPenataanInline(DalamLingkupInstansi, admin.TabularInline):
    model = LinPenataan
    fields = ["jenis", "unit_asal", "unit_hasil", "porsi"]
    extra = 1

    # Permissions of an inline are asked with the parent penataan (None on the add page).
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._dalam_lingkup(request, obj)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        batasi_pilihan(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Penataan)
class PenataanAdmin(LingkupInstansiAdmin):
    list_display = ["judul", "instansi", "tanggal_efektif", "dasar_hukum"]
    list_filter = [("instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["instansi"]
    search_fields = ["judul", "dasar_hukum"]
    date_hierarchy = "tanggal_efektif"
    inlines = [LinPenataanInline]


class IsianEmailPengguna(forms.ModelChoiceField):
    """A user chosen by typing his e-mail address: a drop-down would show an admin instansi
    every account on the platform."""

    widget = forms.EmailInput
    default_error_messages = {
        "invalid_choice": _(
            "Belum ada akun dengan alamat e-mail ini. Minta yang bersangkutan mendaftar di Tilik "
            "terlebih dahulu."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=get_user_model()._default_manager.all(), to_field_name="email", **kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            return self.queryset.get(email__iexact=str(value).strip())  # type: ignore[union-attr]
        except (self.queryset.model.DoesNotExist, ValueError):  # type: ignore[union-attr]
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class KeanggotaanAdminForm(forms.ModelForm):
    pengguna = IsianEmailPengguna(label=_("e-mail pengguna"))

    class Meta:
        model = Keanggotaan
        fields = ["pengguna", "instansi", "unit", "peran"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["pengguna"] = self.instance.pengguna.email


@admin.register(Keanggotaan)
class KeanggotaanAdmin(LingkupInstansiAdmin):
    form = KeanggotaanAdminForm
    list_display = ["pengguna", "peran", "instansi", "unit", "dibuat"]
    list_filter = ["peran", ("instansi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["pengguna", "instansi", "unit"]
    search_fields = ["pengguna__email", "pengguna__first_name", "pengguna__last_name"]
