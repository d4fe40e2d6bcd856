"""All survei URLs under one namespace ("survei:..."): the public pages under /s/, the staff
and evaluator pages under /kelola/."""

from django.urls import include, path

app_name = "survei"

urlpatterns = [
    path("s/", include("survei.urls_publik")),
    path("kelola/", include("survei.urls_kelola")),
    path("kelola/", include("survei.urls_berkas")),
]
