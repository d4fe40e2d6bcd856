import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error

from .middleware import halaman_tidak_tersedia


def beranda(request: HttpRequest) -> HttpResponse:
    return render(request, "beranda.html")


@never_cache
@require_GET
def sehat(request: HttpRequest) -> JsonResponse:
    """Liveness + database reachability for a load balancer or uptime monitor."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def galat_server(request: HttpRequest) -> HttpResponse:
    """handler500: an unhandled error outside a view. When it is the database being gone (the
    session or the user looked up in a middleware while PostgreSQL restarts), the answer is the
    same 503 + Retry-After that config.middleware gives a view; anything else is the plain 500."""
    galat = sys.exc_info()[1]
    if isinstance(galat, OperationalError | InterfaceError):
        return halaman_tidak_tersedia()
    return server_error(request)
