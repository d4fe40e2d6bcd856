"""The evaluator dashboards under /kelola/analitik/ ("analitik" namespace).

penataan/<id>/ is matched first; an instansi slugged "penataan" still reaches its own page at
/kelola/analitik/penataan/, which the integer route never matches."""

from django.urls import path

from .views import kelola

urlpatterns = [
    path("penataan/<int:penataan_id>/", kelola.dasbor_penataan, name="dasbor_penataan"),
    path("<slug:instansi>/", kelola.dasbor_instansi, name="dasbor_instansi"),
]
