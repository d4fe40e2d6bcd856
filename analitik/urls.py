"""All analitik URLs under one namespace ("analitik:..."): published results under /hasil/,
the open-data API under /api/v1/, the evaluator dashboards under /kelola/analitik/."""

from django.urls import include, path

app_name = "analitik"

urlpatterns = [
    path("hasil/", include("analitik.urls_publik")),
    path("api/v1/", include("analitik.urls_api")),
    path("kelola/analitik/", include("analitik.urls_kelola")),
]
