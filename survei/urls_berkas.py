"""Paper questionnaires, spreadsheet import and export, under /kelola/ in the "survei" namespace."""

from django.urls import path, re_path

from .views import berkas

urlpatterns = [
    path("survei/<slug:kode>/kertas/", berkas.kertas, name="kertas"),
    path("survei/<slug:kode>/impor/", berkas.impor_unggah, name="impor"),
    re_path(
        r"^survei/(?P<kode>[-\w]+)/impor/template\.(?P<format>csv|xlsx)$",
        berkas.impor_template,
        name="impor_template",
    ),
    path("survei/<slug:kode>/impor/<int:pk>/", berkas.impor_peta, name="impor_peta"),
    path("survei/<slug:kode>/impor/<int:pk>/masalah.csv", berkas.impor_masalah, name="impor_masalah"),
    re_path(r"^survei/(?P<kode>[-\w]+)/ekspor\.(?P<format>csv|xlsx)$", berkas.ekspor, name="ekspor"),
]
