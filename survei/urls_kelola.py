"""The evaluator's survey pages, mounted at /kelola/ in the "survei" namespace.

Survey codes are seven characters (survei.services.kode_survei_baru), so survei/<kode>/...
and <instansi>/survei/baru/ never match the same path, whatever an instansi is slugged.
"""

from django.urls import path

from .views import kelola

urlpatterns = [
    path("", kelola.beranda, name="kelola_beranda"),
    path("survei/<slug:kode>/", kelola.detail, name="kelola_detail"),
    path("survei/<slug:kode>/buka/", kelola.buka, name="kelola_buka"),
    path("survei/<slug:kode>/tutup/", kelola.tutup, name="kelola_tutup"),
    path("survei/<slug:kode>/populasi/", kelola.populasi, name="kelola_populasi"),
    path("survei/<slug:kode>/qr/", kelola.qr, name="kelola_qr"),
    path("survei/<slug:kode>/kios/", kelola.kios, name="kelola_kios"),
    path("<slug:instansi>/survei/baru/", kelola.buat, name="kelola_buat"),
]
