"""Complaints as the unit and the evaluator see them, under /kelola/forum/.

- antrean: the open complaints of the units the user serves (organisasi.izin.unit_dilayani),
  overdue first, with each one's deadline in dates and working days; evaluators and admins see
  their instansi's, read only unless they may also handle them;
- the unit's steps, each a POST from the complaint's page: verifikasi, tolak (with a reason),
  alihkan ("bukan kewenangan": to another unit of the instansi), jawab (the official answer);
- evaluasi: an instansi's open complaints and, per unit, the handling metrics of
  forum.selectors.metrik_pengaduan_per_unit for a period.

Refusals change nothing: a wrong actor gets 403 (404 when he may not even see the complaint),
a step out of order gets the service's message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from analitik import format as fmt
from organisasi import izin
from organisasi.izin import bisa_baca_internal_instansi, wajib_izin_instansi
from organisasi.models import Instansi, UnitLayanan

from .. import selectors
from ..forms import FormAlihkan, FormCatatan, FormJawabResmi, FormPeriode, FormSaringAntrean, FormTolak
from ..hari_kerja import libur_per_instansi
from ..models import Topik
from ..services import BatasLajuTerlampaui, KesalahanForum
from ..services_pengaduan import pengaduan_alihkan, pengaduan_jawab, pengaduan_tolak, pengaduan_verifikasi
from . import _bantu
from ._bantu import HttpResponseSeeOther, galat_ke_form, pengguna, wajib_masuk
from .publik import tampilkan_topik

Status = Topik.Status
HARI_PERIODE_BAWAAN = 365


# The queue -----------------------------------------------------------------------------------


def _baris_antrean(request: HttpRequest, halaman: Any) -> list[dict[str, Any]]:
    hari_ini = timezone.localdate()
    # The holidays up to the page's last deadline in one query, rather than one per row.
    batas_akhir = [
        b for t in halaman for b in (t.batas_verifikasi, t.batas_tindak_lanjut, t.batas_tutup_otomatis) if b
    ]
    libur = libur_per_instansi(
        instansi_ids={t.instansi_id for t in halaman},
        dari=hari_ini + timedelta(days=1),
        sampai=max(batas_akhir, default=hari_ini),
    )
    return [
        {
            "topik": t,
            "penulis": selectors.nama_penulis(request.user, topik=t),
            "batas": _bantu.batas_pengaduan(t, hari_ini=hari_ini, libur=libur.get(t.instansi_id, set())),
            "terlambat": bool(t.terlambat_urut),
            "bisa_tangani": izin.bisa_tangani_pengaduan(request.user, topik=t),
        }
        for t in halaman
    ]


@wajib_masuk
@require_GET
def antrean(request: HttpRequest) -> HttpResponse:
    u = request.user
    unit = izin.unit_dilayani(u)
    dievaluasi = izin.instansi_dievaluasi(u)
    if not unit.exists() and not dievaluasi.exists():
        raise _bantu.tolak(izin.bisa_layani_unit)
    form = FormSaringAntrean(
        request.GET or None,
        unit=UnitLayanan.objects.filter(pk__in=unit.values("pk"))
        .select_related("instansi")
        .order_by("nama", "id"),
    )
    pilihan_unit, hanya_terlambat = form.saringan()
    qs = selectors.pengaduan_antrean(u, unit=pilihan_unit, hanya_terlambat=hanya_terlambat)
    halaman = _bantu.halaman(request, qs)
    konteks = {
        "form": form,
        "halaman": halaman,
        "baris": _baris_antrean(request, halaman),
        "kueri": _bantu.kueri_tanpa_halaman(request),
        "instansi_dievaluasi": list(dievaluasi.order_by("nama")),
        "instansi_dimoderasi": list(izin.instansi_dikelola(u).order_by("nama")),
    }
    return render(request, "forum/kelola/antrean.html", konteks)


# The unit's steps ------------------------------------------------------------------------------


def _muat_pengaduan(request: HttpRequest, pk: int) -> Topik:
    topik = get_object_or_404(_bantu.topik_halaman(), pk=pk, jenis=Topik.Jenis.PENGADUAN)
    if not izin.bisa_lihat_topik(request.user, topik=topik):
        raise Http404
    if not izin.bisa_tangani_pengaduan(request.user, topik=topik):
        raise _bantu.tolak(izin.bisa_tangani_pengaduan)
    return topik


def _langkah(
    request: HttpRequest,
    pk: int,
    *,
    form_kelas: Callable[..., Form],
    nama_form: str,
    layanan: Callable[[Topik, dict[str, Any]], object],
    berhasil: str,
) -> HttpResponseBase:
    """One workflow step: authorise, validate, call the service; a failed step shows the
    complaint again with the form and its error, the text typed kept."""
    topik = _muat_pengaduan(request, pk)
    form = form_kelas(request.POST, topik=topik) if form_kelas is FormAlihkan else form_kelas(request.POST)
    if form.is_valid():
        try:
            layanan(topik, form.cleaned_data)
        except BatasLajuTerlampaui as e:
            return _bantu.terlalu_sering(request, e)
        except KesalahanForum as e:
            galat_ke_form(form, e)
            messages.error(request, e.pesan)
        else:
            messages.success(request, berhasil)
            return HttpResponseSeeOther(topik.get_absolute_url())
    else:
        messages.error(request, _("Langkah belum tersimpan; periksa isiannya."))
    return tampilkan_topik(request, topik, formulir={nama_form: form}, status=400)


@wajib_masuk
@require_POST
def verifikasi(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _langkah(
        request,
        pk,
        form_kelas=FormCatatan,
        nama_form="form_verifikasi",
        layanan=lambda t, d: pengaduan_verifikasi(topik=t, pengguna=pengguna(request), catatan=d["catatan"]),
        berhasil=_("Pengaduan diverifikasi. Jawab sebelum batas tindak lanjut."),
    )


@wajib_masuk
@require_POST
def tolak(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _langkah(
        request,
        pk,
        form_kelas=FormTolak,
        nama_form="form_tolak",
        layanan=lambda t, d: pengaduan_tolak(topik=t, pengguna=pengguna(request), alasan=d["alasan"]),
        berhasil=_("Pengaduan ditolak; pelapor diberi tahu alasannya."),
    )


@wajib_masuk
@require_POST
def alihkan(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _langkah(
        request,
        pk,
        form_kelas=FormAlihkan,
        nama_form="form_alihkan",
        layanan=lambda t, d: pengaduan_alihkan(
            topik=t, pengguna=pengguna(request), unit_tujuan=d["unit_tujuan"], catatan=d["catatan"]
        ),
        berhasil=_("Pengaduan dialihkan ke unit yang berwenang."),
    )


@wajib_masuk
@require_POST
def jawab(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _langkah(
        request,
        pk,
        form_kelas=FormJawabResmi,
        nama_form="form_jawab",
        layanan=lambda t, d: pengaduan_jawab(topik=t, pengguna=pengguna(request), isi=d["isi"]),
        berhasil=_("Jawaban resmi terkirim; pengaduan berstatus ditindaklanjuti."),
    )


# The evaluator's overview --------------------------------------------------------------------


@dataclass(frozen=True)
class BarisMetrik:
    """One unit's handling, formatted for the page."""

    unit: UnitLayanan | None
    jumlah: str
    ditanggapi: str
    median_jam: str
    tepat_waktu: str
    penilaian: str
    terlambat: str


def _baris_metrik(unit: UnitLayanan | None, m: selectors.MetrikPengaduan, terlambat: int) -> BarisMetrik:
    penilaian = fmt.KOSONG
    if m.rerata_penilaian is not None:
        penilaian = _("%(nilai)s (%(n)s penilaian)") % {
            "nilai": fmt.angka(m.rerata_penilaian, 2),
            "n": fmt.bilangan(m.jumlah_penilaian),
        }
    return BarisMetrik(
        unit=unit,
        jumlah=fmt.bilangan(m.jumlah),
        ditanggapi=fmt.bilangan(m.jumlah_ditanggapi),
        median_jam=fmt.KOSONG
        if m.median_jam_tanggapan_pertama is None
        else fmt.angka(m.median_jam_tanggapan_pertama, 1),
        tepat_waktu=fmt.persen(m.persen_tepat_waktu, 1),
        penilaian=penilaian,
        terlambat=fmt.bilangan(terlambat),
    )


def _periode(form: FormPeriode) -> tuple[date, date]:
    """[dari, sampai] inclusive; the last 365 days by default."""
    hari_ini = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    sampai = data.get("sampai") or hari_ini
    dari = data.get("dari") or sampai - timedelta(days=HARI_PERIODE_BAWAAN - 1)
    return dari, sampai


@wajib_izin_instansi(bisa_baca_internal_instansi)
@require_GET
def evaluasi(request: HttpRequest, instansi: Instansi) -> HttpResponse:
    form_periode = FormPeriode(request.GET or None)
    dari, sampai = _periode(form_periode)
    unit = list(UnitLayanan.objects.filter(instansi=instansi).order_by("nama", "id"))
    unit_ids = [u.pk for u in unit]
    batas = [dari, sampai + timedelta(days=1)]
    per_unit = selectors.metrik_pengaduan_per_unit(unit_ids=unit_ids, batas=batas)
    terlambat = selectors.jumlah_terlambat_per_unit(unit_ids=unit_ids)
    metrik = [
        _baris_metrik(u, per_unit[(u.pk, 0)], terlambat.get(u.pk, 0))
        for u in unit
        if per_unit[(u.pk, 0)].jumlah or terlambat.get(u.pk)
    ]
    total = _baris_metrik(
        None,
        selectors.metrik_pengaduan(unit_ids=unit_ids, mulai=batas[0], sampai=batas[1]),
        sum(terlambat.values()),
    )
    qs = selectors.pengaduan_antrean(request.user).filter(instansi=instansi)
    halaman = _bantu.halaman(request, qs)
    konteks = {
        "instansi": instansi,
        "form_periode": form_periode,
        "dari": dari,
        "sampai": sampai,
        "metrik": metrik,
        "total": total,
        "halaman": halaman,
        "baris": _baris_antrean(request, halaman),
        "kueri": _bantu.kueri_tanpa_halaman(request),
        "bisa_moderasi": izin.bisa_moderasi_forum(request.user, instansi=instansi),
    }
    return render(request, "forum/kelola/evaluasi.html", konteks)
