from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalitikConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "analitik"
    verbose_name = _("Analitik")
