"""The evaluator's survey pages: the list per instansi, a new survey, one survey's progress with
its open/close buttons, the units' populations, the printable QR codes and setting up a
counter's tablet as a kiosk.

Every page is for evaluators and admins of the survey's instansi (organisasi.izin); anonymous
visitors are sent to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akun.models import Pengguna
from organisasi.izin import (
    PESAN_DITOLAK,
    bisa_evaluasi_instansi,
    instansi_dievaluasi,
    pastikan_bisa_evaluasi_instansi,
    wajib_izin_instansi,
)
from organisasi.models import Instansi

from ..forms.kelola import FormPopulasi, FormSurveiBaru
from ..kios import pasang_kios
from ..models import Survei
from ..selectors import (
    SAMPEL_POPULASI_TAK_DIKETAHUI,
    kuesioner_jumlah_pertanyaan,
    survei_kemajuan,
    survei_per_instansi,
    survei_unit_daftar,
)
from ..services import KesalahanSurvei, survei_buat, survei_buka, survei_tutup
from ..services_kelola import survei_unit_atur_populasi

ViewSurvei = Callable[..., HttpResponseBase]


def _wajib_izin_survei(view: ViewSurvei) -> ViewSurvei:
    """For views under survei/<kode>/: the view receives the Survei (with its instansi and
    questionnaire) once the user may evaluate its instansi."""

    @wraps(view)
    def terbungkus(request: HttpRequest, *args: Any, kode: str, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        survei = get_object_or_404(Survei.objects.select_related("instansi", "kuesioner"), kode=kode)
        pastikan_bisa_evaluasi_instansi(request.user, instansi=survei.instansi)
        return view(request, *args, survei=survei, **kwargs)

    return terbungkus


def _tautan_publik(request: HttpRequest, survei: Survei) -> str:
    # A plain path: the public pages under /s/ are built in parallel with these.
    return request.build_absolute_uri(f"/s/{survei.kode}/")


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    instansi = instansi_dievaluasi(request.user)
    if not instansi.exists():
        raise PermissionDenied(str(PESAN_DITOLAK[bisa_evaluasi_instansi]))
    return render(request, "survei/kelola/beranda.html", {"daftar": survei_per_instansi(instansi=instansi)})


@wajib_izin_instansi(bisa_evaluasi_instansi)
def buat(request: HttpRequest, instansi: Instansi) -> HttpResponse:
    form = FormSurveiBaru(request.POST or None, instansi=instansi)
    if request.method == "POST" and form.is_valid():
        try:
            survei = survei_buat(
                kuesioner=form.cleaned_data["kuesioner"],
                instansi_unit=form.unit_dan_populasi(),
                judul=form.cleaned_data["judul"],
                periode=form.cleaned_data["periode"],
                mulai=form.cleaned_data["mulai"],
                selesai=form.cleaned_data["selesai"],
                pengguna=cast(Pengguna, request.user),
            )
        except KesalahanSurvei as e:
            form.add_error(None, e.pesan)
        else:
            messages.success(
                request, _("Survei dibuat sebagai draf. Buka survei bila sudah siap diisi warga.")
            )
            return redirect("survei:kelola_detail", kode=survei.kode)
    return render(request, "survei/kelola/buat.html", {"instansi": instansi, "form": form})


@_wajib_izin_survei
def detail(request: HttpRequest, survei: Survei) -> HttpResponse:
    konteks = {
        "survei": survei,
        "kemajuan": survei_kemajuan(survei=survei, dengan_layanan=True),
        "pertanyaan": kuesioner_jumlah_pertanyaan(kuesioner_id=survei.kuesioner_id),
        "tautan_publik": _tautan_publik(request, survei),
        "sampel_tak_diketahui": SAMPEL_POPULASI_TAK_DIKETAHUI,
    }
    return render(request, "survei/kelola/detail.html", konteks)


def _ubah_status(
    request: HttpRequest, survei: Survei, layanan: Callable[..., Survei], berhasil: str
) -> HttpResponse:
    try:
        layanan(survei=survei)
    except KesalahanSurvei as e:
        messages.error(request, e.pesan)
    else:
        messages.success(request, berhasil)
    return redirect("survei:kelola_detail", kode=survei.kode)


@require_POST
@_wajib_izin_survei
def buka(request: HttpRequest, survei: Survei) -> HttpResponse:
    pesan = _("Survei dibuka: warga kini dapat mengisinya lewat tautan dan kode QR.")
    return _ubah_status(request, survei, survei_buka, pesan)


@require_POST
@_wajib_izin_survei
def tutup(request: HttpRequest, survei: Survei) -> HttpResponse:
    return _ubah_status(request, survei, survei_tutup, _("Survei ditutup: jawaban baru tidak diterima lagi."))


@_wajib_izin_survei
def populasi(request: HttpRequest, survei: Survei) -> HttpResponse:
    form = FormPopulasi(request.POST or None, survei_unit=survei_unit_daftar(survei=survei))
    if request.method == "POST" and form.is_valid():
        try:
            survei_unit_atur_populasi(survei=survei, populasi=form.nilai())
        except KesalahanSurvei as e:
            form.add_error(None, e.pesan)
        else:
            messages.success(request, _("Perkiraan populasi disimpan."))
            return redirect("survei:kelola_detail", kode=survei.kode)
    return render(request, "survei/kelola/populasi.html", {"survei": survei, "form": form})


@_wajib_izin_survei
def qr(request: HttpRequest, survei: Survei) -> HttpResponse:
    konteks = {
        "survei": survei,
        "kemajuan": survei_kemajuan(survei=survei, dengan_layanan=True),
        "tautan_publik": _tautan_publik(request, survei),
    }
    return render(request, "survei/kelola/qr.html", konteks)


@_wajib_izin_survei
def kios(request: HttpRequest, survei: Survei) -> HttpResponse:
    """Make this device the kiosk of one of the survey's units (survei.kios): the kiosk cookie
    is set, the evaluator is signed out of the device (citizens use it next) and the kiosk form
    opens."""
    daftar_unit = list(survei.unit.order_by("nama", "pk"))
    salah = False
    if request.method == "POST":
        nilai = request.POST.get("unit", "")
        unit = next((u for u in daftar_unit if str(u.pk) == nilai), None)
        if unit is not None:
            respons = redirect("survei:kios", kode=survei.kode, unit_id=unit.pk)
            logout(request)
            pasang_kios(respons, survei_id=survei.pk, unit_id=unit.pk)
            return respons
        salah = True
    konteks = {"survei": survei, "daftar_unit": daftar_unit, "salah": salah}
    return render(request, "survei/kelola/kios.html", konteks, status=400 if salah else 200)
