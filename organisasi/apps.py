from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OrganisasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "organisasi"
    verbose_name = _("Organisasi")


class TilikAdminConfig(admin_apps.AdminConfig):
    """Replaces "django.contrib.admin" in INSTALLED_APPS, so that admin.site (and every
    @admin.register) uses Tilik's site, which admits admin instansi who are not is_staff."""

    # Not the default config of the organisasi module (OrganisasiConfig is); the admin class
    # is imported through its module so Django does not count it as a second candidate either.
    default = False
    default_site = "organisasi.admin_site.TilikAdminSite"
