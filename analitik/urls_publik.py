"""Published results, mounted at /hasil/ in the "analitik" namespace."""

from django.urls import path

from .views import publik

urlpatterns = [
    path("", publik.hasil_beranda, name="hasil_beranda"),
    path("<slug:instansi_slug>/", publik.hasil_instansi, name="hasil_instansi"),
    path("<slug:instansi_slug>/<slug:survei_kode>/<int:unit_id>/", publik.hasil_unit, name="hasil_unit"),
]
