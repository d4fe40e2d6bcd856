"""The report pages.

/kelola/laporan/<instansi>/                    the instansi's reports and the forms to ask for one
/kelola/laporan/<instansi>/buat/               POST: ask for a report (also from the penataan dashboard)
/kelola/laporan/berkas/<id>/                   progress (refreshes itself), failure reason, download link
/kelola/laporan/berkas/<id>/ulang/             POST: retry a failed report
/kelola/laporan/berkas/<id>/unduh/             the PDF, once finished
/laporan/verifikasi/<id>/                      public: is this copy the one Tilik produced?

Everything under /kelola/ is for evaluators and admins of the report's instansi
(organisasi.izin.bisa_evaluasi_instansi); the verification page is public, rate-limited, and
shows nothing but the authenticity facts.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.izin import bisa_evaluasi_instansi, pastikan_bisa_evaluasi_instansi, wajib_izin_instansi
from organisasi.models import Instansi

from . import berkas
from .batas import catat_verifikasi
from .forms import UKURAN_UNGGAH_MAKS, FormMintaLaporan, FormVerifikasi
from .models import Laporan
from .selectors import laporan_daftar, laporan_terverifikasi
from .services import (
    KesalahanLaporan,
    laporan_minta_evaluasi,
    laporan_minta_skm,
    laporan_pulihkan_macet,
    laporan_ulangi,
)

logger = logging.getLogger(__name__)
DETIK_SEGAR = 3


def _url_verifikasi(request: HttpRequest) -> Any:
    def alamat(laporan: Laporan) -> str:
        return request.build_absolute_uri(reverse("laporan:verifikasi", kwargs={"laporan_id": laporan.pk}))

    return alamat


def _laporan_berizin(request: HttpRequest, laporan_id: UUID) -> Laporan:
    laporan = get_object_or_404(
        Laporan.objects.select_related("instansi", "penataan", "survei", "unit", "diminta_oleh"),
        pk=laporan_id,
    )
    pastikan_bisa_evaluasi_instansi(request.user, instansi=laporan.instansi)
    return laporan


# Asking ------------------------------------------------------------------------------------------


@require_GET
@wajib_izin_instansi(bisa_evaluasi_instansi)
def daftar(request: HttpRequest, instansi: Instansi) -> HttpResponse:
    return _halaman_daftar(request, instansi, FormMintaLaporan(instansi=instansi, initial={"transisi": 0}))


def _halaman_daftar(
    request: HttpRequest, instansi: Instansi, form: FormMintaLaporan, status: int = 200
) -> HttpResponse:
    konteks = {"instansi": instansi, "form": form, "daftar": laporan_daftar(instansi=instansi)}
    return render(request, "laporan/daftar.html", konteks, status=status)


@require_POST
@wajib_izin_instansi(bisa_evaluasi_instansi)
def buat(request: HttpRequest, instansi: Instansi) -> HttpResponse:
    form = FormMintaLaporan(request.POST, instansi=instansi)
    if not form.is_valid():
        return _halaman_daftar(request, instansi, form, status=400)
    data = form.cleaned_data
    try:
        if data["jenis"] == Laporan.Jenis.EVALUASI:
            laporan = laporan_minta_evaluasi(
                penataan=data["penataan"],
                pengguna=request.user,  # type: ignore[arg-type]
                jeda_bulan=data.get("transisi") or 0,
                url_verifikasi=_url_verifikasi(request),
            )
        else:
            laporan = laporan_minta_skm(
                survei=data["survei"],
                unit=data.get("unit"),
                pengguna=request.user,  # type: ignore[arg-type]
                url_verifikasi=_url_verifikasi(request),
            )
    except KesalahanLaporan as e:
        form.add_error(None, e.pesan)
        return _halaman_daftar(request, instansi, form, status=400)
    messages.success(request, _("Permintaan laporan diterima. Laporan dibuat di latar belakang."))
    return redirect("laporan:status", laporan_id=laporan.pk)


# Progress, retry, download -----------------------------------------------------------------------


@require_GET
def status(request: HttpRequest, laporan_id: UUID) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    laporan = _laporan_berizin(request, laporan_id)
    # Looking at a job is one of the moments a job whose worker died is noticed.
    if laporan_pulihkan_macet():
        laporan.refresh_from_db()
    konteks = {"laporan": laporan, "detik_segar": DETIK_SEGAR}
    return render(request, "laporan/status.html", konteks)


@require_POST
def ulang(request: HttpRequest, laporan_id: UUID) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("laporan:status", kwargs={"laporan_id": laporan_id}))
    laporan = _laporan_berizin(request, laporan_id)
    try:
        laporan_ulangi(laporan=laporan, pengguna=request.user)
    except KesalahanLaporan as e:
        messages.error(request, e.pesan)
    else:
        messages.success(request, _("Laporan dimasukkan kembali ke antrean."))
    return redirect("laporan:status", laporan_id=laporan.pk)


def nama_unduhan(laporan: Laporan) -> str:
    if laporan.penataan is not None:
        pokok = laporan.penataan.judul
    elif laporan.survei is not None:
        pokok = f"{laporan.survei.periode} {laporan.unit.nama if laporan.unit else laporan.instansi.slug}"
    else:
        pokok = laporan.instansi.slug
    tanggal = laporan.dihasilkan.strftime("%Y%m%d") if laporan.dihasilkan else ""
    return f"laporan-{laporan.jenis}-{slugify(pokok)[:60]}-{tanggal}.pdf"


@require_GET
def unduh(request: HttpRequest, laporan_id: UUID) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    laporan = _laporan_berizin(request, laporan_id)
    if laporan.status != Laporan.Status.SELESAI:
        messages.warning(request, _("Laporan ini belum selesai dibuat."))
        return redirect("laporan:status", laporan_id=laporan.pk)
    try:
        jalur = berkas.jalur(laporan.berkas)
        cocok = jalur.is_file() and berkas.sha256_jalur(jalur) == laporan.sha256_berkas
    except (OSError, ValueError):
        cocok = False
    if not cocok:
        logger.error("Berkas laporan %s hilang atau tidak cocok dengan sidik jarinya", laporan.pk)
        return render(request, "laporan/berkas_rusak.html", {"laporan": laporan}, status=409)
    respons = FileResponse(jalur.open("rb"), as_attachment=True, filename=nama_unduhan(laporan))
    respons["Content-Type"] = "application/pdf"
    respons["Cache-Control"] = "private, no-store"
    return respons


# Public verification -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest, laporan_id: UUID) -> HttpResponse:
    laporan = laporan_terverifikasi(laporan_id=laporan_id)
    if laporan is None:
        raise Http404(_("Tidak ada laporan Tilik dengan nomor ini."))
    konteks: dict[str, Any] = {
        "laporan": laporan,
        "hasil": None,
        "batas_mb": UKURAN_UNGGAH_MAKS // (1024 * 1024),
    }
    if request.method != "POST":
        konteks["form"] = FormVerifikasi()
        return render(request, "laporan/verifikasi.html", konteks)
    batas = catat_verifikasi(request)
    if batas.terlampaui:
        respons = render(request, "laporan/verifikasi_terlalu_banyak.html", konteks, status=429)
        respons["Retry-After"] = str(batas.coba_lagi_detik)
        return respons
    # An oversized upload is refused before its body is read.
    panjang = request.META.get("CONTENT_LENGTH") or "0"
    if panjang.isdigit() and int(panjang) > UKURAN_UNGGAH_MAKS + 64 * 1024:
        konteks["form"] = FormVerifikasi()
        konteks["galat"] = _("Berkas lebih besar dari 20 MB; laporan Tilik jauh lebih kecil.")
        return render(request, "laporan/verifikasi.html", konteks, status=413)
    form = FormVerifikasi(request.POST, request.FILES)
    konteks["form"] = form
    if not form.is_valid():
        return render(request, "laporan/verifikasi.html", konteks, status=400)
    unggahan = form.cleaned_data["berkas"]
    sidik = berkas.sha256_potongan(unggahan.chunks()) if unggahan else form.cleaned_data["sha256"]
    konteks["hasil"] = "asli" if hmac.compare_digest(sidik, laporan.sha256_berkas) else "tidak_cocok"
    konteks["sidik"] = sidik
    return render(request, "laporan/verifikasi.html", konteks)
