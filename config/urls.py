from django.contrib import admin
from django.urls import include, path

from . import views

# An error outside a view (a middleware losing the database) still answers 503, not 500.
handler500 = "config.views.galat_server"

urlpatterns = [
    path("sehat/", views.sehat, name="sehat"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", views.beranda, name="beranda"),
    path("", include("survei.urls")),
    path("", include("analitik.urls")),
    path("", include("forum.urls")),
    path("", include("laporan.urls")),
    path("akun/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
