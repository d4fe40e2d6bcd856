"""URLconf for bench_survei_kirim.py only: the product's URLs plus the baseline, a view that
does the least a submission can do (one INSERT of one row) behind the same middleware, so the
benchmark can say how much the real form costs on top of that floor."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

TABEL_DASAR = "bench_dasar"
SQL_BUAT_TABEL = (
    f"CREATE TABLE {TABEL_DASAR} (id bigserial PRIMARY KEY, kunci text NOT NULL, "
    "dibuat timestamptz NOT NULL DEFAULT now())"
)


@csrf_exempt
@require_POST
def dasar(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABEL_DASAR} (kunci) VALUES (%s)", [request.POST.get("kunci", "")])
    return HttpResponse(status=204)


urlpatterns: list[URLPattern | URLResolver] = [path("bench/dasar/", dasar), path("", include("config.urls"))]
