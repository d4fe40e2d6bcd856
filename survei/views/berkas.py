"""Staff pages for responses that do not come through the public form: paper questionnaires
keyed in one by one, spreadsheets imported, and the export of a survey's responses."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from akun.models import Pengguna
from organisasi import izin
from organisasi.models import UnitLayanan

from ..ekspor import aman_rumus, csv_bertahap, csv_teks, template_csv, template_xlsx, xlsx_ekspor
from ..forms.berkas import FormKertas, FormPeta, FormUnggah, kunci_bertanda
from ..impor import (
    ZONA,
    BerkasTidakSah,
    PetaTidakSah,
    hari_ini,
    impor_buat,
    impor_periksa,
    impor_simpan,
    impor_tabel,
    peta_tersimpan,
    waktu_dari_tanggal,
)
from ..models import Impor, Respons, Survei
from ..services import KesalahanSurvei, ValidasiRespons, respons_simpan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MASALAH_DITAMPILKAN = 1000


def _survei(kode: str) -> Survei:
    return get_object_or_404(Survei.objects.select_related("instansi", "kuesioner"), kode=kode)


def _survei_evaluasi(request: HttpRequest, kode: str) -> Survei:
    survei = _survei(kode)
    izin.pastikan_bisa_evaluasi_instansi(request.user, instansi=survei.instansi)
    return survei


def _alihkan(url: str) -> HttpResponseRedirect:
    # 303: after a POST the browser must GET the next page, never repeat the POST.
    respons = HttpResponseRedirect(url)
    respons.status_code = 303
    return respons


def _unduhan(isi: bytes | str, *, nama: str, jenis: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=jenis)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


# Paper questionnaires ---------------------------------------------------------------------------


def _unit_kertas(pengguna: Any, survei: Survei) -> list[UnitLayanan]:
    """The survey's units this user may key paper forms in for: all of them for its evaluators
    and admins, the units (and sub-units) a petugas serves."""
    unit = list(survei.unit.order_by("nama"))
    if izin.bisa_evaluasi_instansi(pengguna, instansi=survei.instansi):
        return unit
    return [u for u in unit if izin.bisa_layani_unit(pengguna, unit=u)]


def _awal_kertas(request: HttpRequest, survei: Survei) -> dict[str, Any]:
    """The unit, service and date kept from the previous sheet (query string after a save)."""
    awal: dict[str, Any] = {"kunci": kunci_bertanda(survei)}
    for nama in ("unit", "layanan"):
        if request.GET.get(nama, "").isdigit():
            awal[nama] = int(request.GET[nama])
    with contextlib.suppress(ValueError):
        awal["tanggal"] = date.fromisoformat(request.GET.get("tanggal", ""))
    return awal


def _jumlah_kertas_hari_ini(survei: Survei, unit_id: int) -> int:
    awal = datetime.combine(hari_ini(), time.min, tzinfo=ZONA)
    return Respons.objects.filter(
        survei=survei,
        unit_id=unit_id,
        sumber=Respons.Sumber.KERTAS,
        dibuat__gte=awal,
        dibuat__lt=awal + timedelta(days=1),
    ).count()


@login_required
@require_http_methods(["GET", "POST"])
def kertas(request: HttpRequest, kode: str) -> HttpResponseBase:
    survei = _survei(kode)
    unit = _unit_kertas(request.user, survei)
    if not unit:
        raise PermissionDenied(_("Anda tidak berwenang mengentri kuesioner kertas untuk survei ini."))
    if not survei.menerima_respons:
        konteks = {"survei": survei, "form": None}
        return render(
            request, "survei/berkas/kertas.html", konteks, status=409 if request.method == "POST" else 200
        )
    daftar = list(survei.kuesioner.pertanyaan.all())
    if request.method != "POST":
        awal = _awal_kertas(request, survei)
        if len(unit) == 1:
            awal.setdefault("unit", unit[0].pk)
        form = FormKertas(initial=awal, survei=survei, unit=unit, daftar_pertanyaan=daftar)
        return render(request, "survei/berkas/kertas.html", {"survei": survei, "form": form})

    form = FormKertas(request.POST, survei=survei, unit=unit, daftar_pertanyaan=daftar)
    if form.is_valid():
        data = form.cleaned_data
        pengguna = request.user if isinstance(request.user, Pengguna) else None
        try:
            _respons, baru = respons_simpan(
                survei=survei,
                unit=data["unit"],
                layanan=data.get("layanan"),
                jawaban=form.jawaban(),
                sumber=Respons.Sumber.KERTAS,
                kunci=data["kunci"],
                waktu=waktu_dari_tanggal(data["tanggal"]),
                dientri_oleh=pengguna,
            )
        except ValidasiRespons as e:
            form.tambah_kesalahan(e.kesalahan)
        except KesalahanSurvei as e:
            form.add_error(None, e.pesan)
        else:
            n = _jumlah_kertas_hari_ini(survei, data["unit"])
            if baru:
                messages.success(
                    request,
                    _("Tersimpan. %(n)d kuesioner kertas dientri hari ini untuk unit ini.") % {"n": n},
                )
            else:
                messages.info(
                    request, _("Kuesioner ini sudah tersimpan sebelumnya; tidak disimpan dua kali.")
                )
            tetap = {"unit": data["unit"], "layanan": data.get("layanan") or "", "tanggal": data["tanggal"]}
            return _alihkan(f"{reverse('survei:kertas', args=[survei.kode])}?{urlencode(tetap)}")
    return render(request, "survei/berkas/kertas.html", {"survei": survei, "form": form})


# Import -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def impor_unggah(request: HttpRequest, kode: str) -> HttpResponseBase:
    survei = _survei_evaluasi(request, kode)
    form = FormUnggah(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        pengguna = request.user if isinstance(request.user, Pengguna) else None
        try:
            baru = impor_buat(survei=survei, nama_berkas=berkas.name, isi=berkas.read(), pengguna=pengguna)
        except KesalahanSurvei as e:
            form.add_error("berkas", e.pesan)
        else:
            return _alihkan(reverse("survei:impor_peta", args=[survei.kode, baru.pk]))
    riwayat = survei.impor.defer("isi").select_related("pengguna")[:10]
    return render(request, "survei/berkas/impor.html", {"survei": survei, "form": form, "riwayat": riwayat})


@login_required
@require_http_methods(["GET", "POST"])
def impor_peta(request: HttpRequest, kode: str, pk: int) -> HttpResponseBase:
    survei = _survei_evaluasi(request, kode)
    berkas = get_object_or_404(Impor, pk=pk, survei=survei)
    konteks: dict[str, Any] = {"survei": survei, "impor": berkas}
    if berkas.status == Impor.Status.DISIMPAN:
        return render(request, "survei/berkas/impor_peta.html", konteks)
    try:
        tabel = impor_tabel(berkas)
    except BerkasTidakSah as e:
        messages.error(request, e.pesan)
        return _alihkan(reverse("survei:impor", args=[survei.kode]))
    daftar = list(survei.kuesioner.pertanyaan.all())
    form = FormPeta(request.POST or None, tabel=tabel, daftar_pertanyaan=daftar, peta=peta_tersimpan(berkas))
    konteks.update(form=form, tabel=tabel, pratinjau=tabel.baris[:5])
    if request.method == "POST" and form.is_valid():
        pengguna = request.user if isinstance(request.user, Pengguna) else None
        try:
            hasil = impor_simpan(
                impor=berkas, peta=form.peta(), sebagian=form.cleaned_data["sebagian"], pengguna=pengguna
            )
        except PetaTidakSah as e:
            for pesan in e.daftar:
                form.add_error(None, pesan)
        except KesalahanSurvei as e:
            form.add_error(None, e.pesan)
        else:
            if not hasil.ditolak:
                messages.success(
                    request,
                    _("%(n)d respons dari berkas %(berkas)s disimpan.")
                    % {"n": hasil.disimpan, "berkas": berkas.nama_berkas},
                )
                return _alihkan(reverse("survei:impor", args=[survei.kode]))
            konteks.update(hasil=hasil, masalah=hasil.masalah[:MASALAH_DITAMPILKAN])
            return render(request, "survei/berkas/impor_laporan.html", konteks)
    return render(request, "survei/berkas/impor_peta.html", konteks)


@login_required
@require_GET
def impor_masalah(request: HttpRequest, kode: str, pk: int) -> HttpResponseBase:
    """Every problem of the mapping last tried, as CSV: the page shows the first thousand."""
    survei = _survei_evaluasi(request, kode)
    berkas = get_object_or_404(Impor, pk=pk, survei=survei)
    try:
        hasil = impor_periksa(survei=survei, tabel=impor_tabel(berkas), peta=peta_tersimpan(berkas))
    except KesalahanSurvei as e:
        messages.error(request, e.pesan)
        return _alihkan(reverse("survei:impor_peta", args=[survei.kode, berkas.pk]))
    baris: list[list[Any]] = [[_("baris"), _("kolom"), _("nilai"), _("alasan")]]
    baris += [[m.baris, m.kolom, aman_rumus(m.nilai), m.alasan] for m in hasil.masalah]
    return _unduhan(csv_teks(baris), nama=f"masalah-impor-{berkas.pk}.csv", jenis="text/csv; charset=utf-8")


@login_required
@require_GET
def impor_template(request: HttpRequest, kode: str, format: str) -> HttpResponseBase:
    survei = _survei_evaluasi(request, kode)
    nama = f"template-impor-{survei.kode}.{format}"
    if format == "xlsx":
        return _unduhan(template_xlsx(survei), nama=nama, jenis=XLSX)
    return _unduhan(template_csv(survei), nama=nama, jenis="text/csv; charset=utf-8")


# Export -----------------------------------------------------------------------------------------


@login_required
@require_GET
def ekspor(request: HttpRequest, kode: str, format: str) -> HttpResponseBase:
    survei = _survei_evaluasi(request, kode)
    nama = f"respons-{survei.kode}.{format}"
    if format == "xlsx":
        return _unduhan(xlsx_ekspor(survei), nama=nama, jenis=XLSX)
    # Streamed: a survey of a whole city is hundreds of thousands of rows.
    respons = StreamingHttpResponse(csv_bertahap(survei), content_type="text/csv; charset=utf-8")
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons
