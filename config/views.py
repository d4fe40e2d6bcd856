from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
