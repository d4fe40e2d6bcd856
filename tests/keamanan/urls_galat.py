"""A URLconf for tests that need a view to fail: the site's own URLs plus views that raise."""

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as urlpatterns_situs

__all__ = ["handler500", "urlpatterns"]


def gagal(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("kesalahan uji")


def basis_data_hilang(request: HttpRequest) -> HttpResponse:
    raise OperationalError("server closed the connection unexpectedly")


class BasisDataHilangMiddleware:
    """Loses the database before any view runs, as the session or user lookup of a signed-in
    user does while PostgreSQL restarts (the path is /middleware-hilang/)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path == "/middleware-hilang/":
            raise OperationalError("terminating connection due to administrator command")
        if request.path == "/middleware-galat/":
            raise RuntimeError("kesalahan uji di middleware")
        return self.get_response(request)


urlpatterns = [
    path("galat/", gagal),
    path("basis-data-hilang/", basis_data_hilang),
    *urlpatterns_situs,
]
