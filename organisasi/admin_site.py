"""The admin site. Kept apart from organisasi/admin.py: the site class is imported while
admin modules are being autodiscovered, and a module that both defines the site and registers
models on it would register them on a second, discarded instance."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .izin import bisa_masuk_admin


class TilikAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Administrasi Tilik")
    site_title = gettext_lazy("Admin Tilik")
    index_title = gettext_lazy("Administrasi")

    def has_permission(self, request: HttpRequest) -> bool:
        # Superusers and admin instansi, whether is_staff or not: the admin is where an admin
        # instansi manages units, services, restructurings and roles of his instansi.
        return bisa_masuk_admin(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Signing in happens in allauth only: Django's admin login form would skip the second
        factor that allauth asks for."""
        if not request.user.is_authenticated:
            tujuan = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
            return redirect_to_login(tujuan)
        if self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        raise PermissionDenied(_("Akun Anda tidak memiliki akses ke halaman administrasi."))
