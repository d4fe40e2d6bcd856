"""The public survey pages under /s/ (namespace "survei")."""

from django.urls import path, re_path

from survei.views import publik

urlpatterns = [
    path("", publik.daftar, name="daftar"),
    path("<slug:kode>/", publik.isi, name="isi"),
    path("<slug:kode>/terima-kasih/", publik.terima_kasih, name="terima_kasih"),
    path("<slug:kode>/kios/<int:unit_id>/", publik.kios, name="kios"),
    path("<slug:kode>/kios/<int:unit_id>/terima-kasih/", publik.kios_terima_kasih, name="kios_terima_kasih"),
    re_path(r"^(?P<kode>[-a-zA-Z0-9_]+)/qr/(?P<unit_id>[0-9]+)\.(?P<format>svg|png)$", publik.qr, name="qr"),
]
