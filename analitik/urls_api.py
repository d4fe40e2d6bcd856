"""The read-only open-data API, mounted at /api/v1/ in the "analitik" namespace."""

from django.urls import path

from .views import api

urlpatterns = [
    path("", api.api_indeks, name="api_indeks"),
    path("instansi/", api.api_instansi, name="api_instansi"),
    path("hasil/", api.api_hasil, name="api_hasil"),
    path("openapi.json", api.api_openapi, name="api_openapi"),
]
