"""The report pages ("laporan" namespace), mounted at the site root.

berkas/<uuid>/ is matched before <slug:instansi>/: an instansi slugged "berkas" still reaches
its list at /kelola/laporan/berkas/, which the UUID routes never match."""

from django.urls import path

from . import views

app_name = "laporan"

urlpatterns = [
    path("kelola/laporan/berkas/<uuid:laporan_id>/", views.status, name="status"),
    path("kelola/laporan/berkas/<uuid:laporan_id>/ulang/", views.ulang, name="ulang"),
    path("kelola/laporan/berkas/<uuid:laporan_id>/unduh/", views.unduh, name="unduh"),
    path("kelola/laporan/<slug:instansi>/", views.daftar, name="daftar"),
    path("kelola/laporan/<slug:instansi>/buat/", views.buat, name="buat"),
    path("laporan/verifikasi/<uuid:laporan_id>/", views.verifikasi, name="verifikasi"),
]
