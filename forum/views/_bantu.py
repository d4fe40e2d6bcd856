"""What the forum views share: loading a topic the user may see, pagination, deadlines, the
429 answer, redirects after a POST."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from akun.models import Pengguna
from organisasi import izin

from ..forms import FormAlihkan, FormCatatan, FormJawabResmi, FormTolak
from ..hari_kerja import hari_kerja_antara
from ..models import Balasan, Topik
from ..services import BatasLajuTerlampaui, KesalahanForum

PER_HALAMAN = 20

View = Callable[..., HttpResponseBase]


class HttpResponseSeeOther(HttpResponseRedirect):
    # 303: after a POST the browser follows with a GET, so "reload" never posts twice.
    status_code = 303


def pengguna(request: HttpRequest) -> Pengguna:
    """The signed-in user (views that call this are behind wajib_masuk)."""
    return cast(Pengguna, request.user)


def wajib_masuk(view: View) -> View:
    """Anonymous visitors go to the login page, then back to the page they came from (a POST
    address would answer 405 to the GET after login)."""

    @wraps(view)
    def terbungkus(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            kembali = request.get_full_path()
            if request.method != "GET":
                kembali = alamat_kembali(request, _halaman_induk(request.path))
            return redirect_to_login(kembali)
        return view(request, *args, **kwargs)

    return terbungkus


def _halaman_induk(jalur: str) -> str:
    """The page a POST-only address belongs to (/forum/x/5/balas/ -> /forum/x/5/), when that
    is a page; else the forum."""
    induk = jalur.rstrip("/").rsplit("/", 1)[0] + "/"
    try:
        resolve(induk)
    except Resolver404:
        return "/forum/"
    return induk


def alamat_kembali(request: HttpRequest, bawaan: str) -> str:
    """The `next` field of a POST when it is a path on this site, else the default."""
    tujuan = request.POST.get("next") or ""
    if tujuan.startswith("/") and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return bawaan


def kembali_ke(request: HttpRequest, bawaan: str) -> HttpResponseSeeOther:
    return HttpResponseSeeOther(alamat_kembali(request, bawaan))


def topik_halaman() -> QuerySet[Topik]:
    """Topics with the related rows a topic's page shows."""
    return Topik.objects.select_related("instansi", "unit", "layanan", "penataan", "penulis")


def muat_topik(request: HttpRequest, *, instansi: str, pk: int) -> Topik:
    """The topic at /forum/<instansi>/<pk>/, or 404 when it does not exist or the user may not
    see it: a rahasia complaint looks the same as a missing one."""
    topik = get_object_or_404(topik_halaman(), pk=pk, instansi__slug=instansi)
    if not izin.bisa_lihat_topik(request.user, topik=topik):
        raise Http404
    return topik


def muat_balasan(request: HttpRequest, *, instansi: str, pk: int) -> Balasan:
    balasan = get_object_or_404(
        Balasan.objects.select_related("topik__instansi", "topik__unit", "penulis"),
        pk=pk,
        topik__instansi__slug=instansi,
    )
    if not izin.bisa_lihat_topik(request.user, topik=balasan.topik):
        raise Http404
    return balasan


def halaman(request: HttpRequest, qs: QuerySet[Any], *, per_halaman: int = PER_HALAMAN) -> Page[Any]:
    """One page of a list; a missing, bad or too large page number gives the nearest page,
    "last" the last one."""
    paginator = Paginator(qs, per_halaman)
    nomor = request.GET.get("halaman")
    # "last": the page a new reply lands on, without counting the replies first.
    return paginator.get_page(paginator.num_pages if nomor == "last" else nomor)


def kueri_tanpa_halaman(request: HttpRequest) -> str:
    """The query string without the page number, for the pagination links."""
    kueri = request.GET.copy()
    kueri.pop("halaman", None)
    return kueri.urlencode()


def terlalu_sering(request: HttpRequest, galat: BatasLajuTerlampaui) -> HttpResponse:
    messages.error(request, galat.pesan)
    respons = render(request, "429.html", status=429)
    respons["Retry-After"] = str(galat.coba_lagi_detik)
    return respons


@dataclass(frozen=True)
class Batas:
    """The deadline a complaint is in now, for people: which one, when, how far."""

    label: str
    tanggal: date
    sisa_hari_kerja: int
    terlambat: bool


def batas_pengaduan(
    topik: Topik, *, hari_ini: date | None = None, libur: Collection[date] | None = None
) -> Batas | None:
    """`libur`: the instansi's holidays up to the deadline when already read (a list reads them
    for all its rows at once)."""
    hari_ini = hari_ini or timezone.localdate()
    if topik.status == Topik.Status.DITERIMA and topik.batas_verifikasi:
        label, tanggal = _("Batas verifikasi"), topik.batas_verifikasi
    elif topik.status == Topik.Status.DIVERIFIKASI and topik.batas_tindak_lanjut:
        label, tanggal = _("Batas tindak lanjut"), topik.batas_tindak_lanjut
    elif topik.status == Topik.Status.DITINDAKLANJUTI and topik.batas_tutup_otomatis:
        label, tanggal = _("Ditutup otomatis setelah"), topik.batas_tutup_otomatis
    else:
        return None
    return Batas(
        label=label,
        tanggal=tanggal,
        sisa_hari_kerja=hari_kerja_antara(hari_ini, tanggal, instansi_id=topik.instansi_id, libur=libur),
        terlambat=topik.terlambat(hari_ini=hari_ini),
    )


def tolak(predikat: Callable[..., bool]) -> PermissionDenied:
    """The 403 of organisasi.izin for this predicate, with its message."""
    pesan = izin.PESAN_DITOLAK.get(predikat, _("Anda tidak berwenang membuka halaman ini."))
    return PermissionDenied(str(pesan))


def galat_ke_form(form: Form, galat: KesalahanForum) -> None:
    """Attach a service error to the field it names (when the form has it) or to the form."""
    form.add_error(galat.bidang if galat.bidang in form.fields else None, galat.pesan)


def formulir_pengaduan(request: HttpRequest, topik: Topik) -> dict[str, Any]:
    """The unit's forms on a complaint's page, for those who may handle it."""
    if not izin.bisa_tangani_pengaduan(request.user, topik=topik):
        return {"bisa_tangani": False}
    return {
        "bisa_tangani": True,
        "form_verifikasi": FormCatatan(),
        "form_tolak": FormTolak(),
        "form_alihkan": FormAlihkan(topik=topik),
        "form_jawab": FormJawabResmi(),
    }
