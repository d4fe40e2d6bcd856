"""A URLconf for tests that need a view to fail: the site's own URLs plus views that raise."""

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as urlpatterns_situs


def gagal(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("kesalahan uji")


def basis_data_hilang(request: HttpRequest) -> HttpResponse:
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [
    path("galat/", gagal),
    path("basis-data-hilang/", basis_data_hilang),
    *urlpatterns_situs,
]
