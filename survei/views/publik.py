"""The citizen's side of a survey: the list of open surveys, the form (on a phone after a QR
scan, or on a kiosk at the counter), the thank-you pages and the printable QR codes.

Nothing here identifies the citizen: no account, no IP address, no user agent is stored. The
rate limit sees only a daily-salted hash of the address (survei.ratelimit).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from organisasi.models import Instansi, Layanan, UnitLayanan
from survei import qr as kode_qr
from survei.cache import DataSurvei, data_survei, lupakan
from survei.forms.publik import (
    BIDANG_JEBAKAN,
    BIDANG_KUNCI,
    FormulirSurvei,
    jawaban_dari_post,
    kunci_buka,
    kunci_tandatangani,
    layanan_dari_post,
)
from survei.kios import kios_terpasang
from survei.models import Pertanyaan, Respons, Survei, SurveiUnit
from survei.ratelimit import Hasil, catat_dan_periksa
from survei.services import KesalahanSurvei, ValidasiRespons, kunci_baru, respons_periksa, respons_simpan

PANJANG_CARI_MAKS = 100
# The kiosk's thank-you page returns to an empty form by itself (no JavaScript needed).
KIOS_MUAT_ULANG_DETIK = 6


class HttpResponseSeeOther(HttpResponseRedirect):
    # 303: after a POST the browser follows with a GET, so "reload" never resends the answers.
    status_code = 303


# Helpers -----------------------------------------------------------------------------------------


def _tanpa_cache_kecuali_pengalihan(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """never_cache for every answer of the form's addresses (the page carries a CSRF token, a
    signed key and, sent back, the citizen's answers) except the 303 that follows a stored
    submission: a response to a POST is never stored by a cache without explicit freshness
    and a Content-Location (RFC 9110, 9.3.3), and this one holds nothing but the thank-you
    address. Writing those headers was a twentieth of the submission's time."""

    @wraps(view)
    def bungkus(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        respons = view(request, *args, **kwargs)
        if request.method != "POST" or respons.status_code != HttpResponseSeeOther.status_code:
            add_never_cache_headers(respons)
        return respons

    return bungkus


def _angka_id(teks: str | None) -> int | None:
    """A primary key from a query string or form value, or None for anything else."""
    if not teks or len(teks) > 18 or not (teks.isascii() and teks.isdigit()):
        return None
    return int(teks) or None


def _data_publik(kode: str) -> DataSurvei:
    """A survey the public may see: open (with its units and questions, from survei.cache) or
    closed. A draft is not public yet."""
    data = data_survei(kode)
    if data is None or data.survei.status == Survei.Status.DRAFT:
        raise Http404
    return data


def _survei_publik(kode: str) -> Survei:
    return _data_publik(kode).survei


def _terlampaui(request: HttpRequest, survei: Survei, *, kios: bool) -> HttpResponse | None:
    """Count a POST against its client's limit; the 429 page once over it. Called before
    anything else is read, so that a flood costs one cache increment per request and no more."""
    if request.method != "POST":
        return None
    hasil = catat_dan_periksa(request, lingkup="kios" if kios else "publik")
    return _terlalu_banyak(request, survei, hasil) if hasil.terlampaui else None


def _ditutup(request: HttpRequest, survei: Survei) -> HttpResponse:
    # 410 Gone: the address was right, and it will not accept answers again.
    return render(request, "survei/publik/ditutup.html", {"survei": survei}, status=410)


def _terlalu_banyak(request: HttpRequest, survei: Survei, hasil: Hasil) -> HttpResponse:
    respons = render(request, "survei/publik/terlalu_banyak.html", {"survei": survei}, status=429)
    respons["Retry-After"] = str(hasil.coba_lagi_detik)
    return respons


# The list of open surveys --------------------------------------------------------------------------


@dataclass
class KelompokInstansi:
    instansi: Instansi
    baris: list[SurveiUnit] = field(default_factory=list)


def _survei_terbuka(q: str) -> list[KelompokInstansi]:
    baris = SurveiUnit.objects.filter(survei__status=Survei.Status.TERBUKA).select_related(
        "survei__instansi", "unit"
    )
    if q:
        cocok = (
            Q(survei__instansi__nama__icontains=q)
            | Q(unit__nama__icontains=q)
            | Q(unit__singkatan__icontains=q)
            | Q(unit__layanan__nama__icontains=q, unit__layanan__aktif=True)
        )
        # A subquery rather than distinct(): the join with layanan would repeat a unit per service.
        baris = baris.filter(pk__in=SurveiUnit.objects.filter(cocok).values("pk"))
    baris = baris.order_by("survei__instansi__nama", "unit__nama", "survei__judul", "pk")
    return [
        KelompokInstansi(instansi=grup[0].survei.instansi, baris=grup)
        for grup in (list(g) for _id, g in groupby(baris, key=lambda b: b.survei.instansi_id))
    ]


@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:PANJANG_CARI_MAKS]
    return render(request, "survei/publik/daftar.html", {"q": q, "kelompok": _survei_terbuka(q)})


# The form ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Halaman:
    """What the form page needs besides the form."""

    survei: Survei
    unit: UnitLayanan
    kios: bool
    banyak_unit: bool
    pertanyaan: tuple[Pertanyaan, ...]
    # When this process read the survey, its units and questions (survei.cache): a kept page
    # is only used while the same reading is.
    dimuat: float = 0.0
    # The unit's active services as survei.cache copied them: what the form offers. The one
    # chosen is checked against the database when the response is stored (by id).
    layanan: tuple[Layanan, ...] = ()

    @property
    def sumber(self) -> str:
        return Respons.Sumber.KIOS if self.kios else Respons.Sumber.ONLINE

    def url_aksi(self) -> str:
        if self.kios:
            return _alamat("survei:kios", self.survei.kode, self.unit.pk)
        return f"{_alamat('survei:isi', self.survei.kode)}?unit={self.unit.pk}"

    def url_terima_kasih(self) -> str:
        if self.kios:
            return _alamat("survei:kios_terima_kasih", self.survei.kode, self.unit.pk)
        return _alamat("survei:terima_kasih", self.survei.kode)


def _alamat(nama: str, kode: str, unit_id: int | None = None) -> str:
    return _alamat_tersimpan(nama, kode, unit_id, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=4096)
def _alamat_tersimpan(nama: str, kode: str, unit_id: int | None, _awalan: str, _urlconf: str | None) -> str:
    """reverse() of a form page's own addresses, kept per process: every submission redirects
    to one, and reversing cost as much as the limiter. The script prefix and URLconf are part
    of the key, so a change of either never sees an old address."""
    kwargs: dict[str, Any] = {"kode": kode}
    if unit_id is not None:
        kwargs["unit_id"] = unit_id
    return reverse(nama, kwargs=kwargs)


def _tampil(
    request: HttpRequest, halaman: Halaman, form: FormulirSurvei, *, pesan: str = "", status: int = 200
) -> HttpResponse:
    """The page of a form the citizen sent back (bound): every field from the form itself."""
    konteks = {
        "h": halaman,
        "survei": halaman.survei,
        "unit": halaman.unit,
        "form": form,
        "kunci": form[BIDANG_KUNCI].value(),
        "terisi": True,
        "pesan": pesan,
        "galat": form.ringkasan_galat(),
    }
    return render(request, "survei/publik/formulir.html", konteks, status=status)


# The empty form page is kept whole, per process, with two markers where the CSRF token and
# the signed key go, which every request fills in with its own. The markers are random per
# process, so no text from the database can contain them.
_PENANDA = secrets.token_urlsafe(18)
PENANDA_CSRF = f"csrf{_PENANDA}"
PENANDA_KUNCI = f"kunci{_PENANDA}"
UMUR_HALAMAN_DETIK = 60


def _kunci_halaman(
    request: HttpRequest, halaman: Halaman, pilihan: str | None, tanda_isian: str
) -> str | None:
    """The cache key of the empty form page as this request would get it, or None when the
    page must be rendered for this request alone: a visitor with a session or a pending
    message (the layout shows the account and messages) or an address other than the one
    the QR codes and links use (the layout repeats the address). Everything else the page
    shows is in the key: the survey as this process read it (dimuat), the unit, the page
    kind, the language and the services with the preselected one."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES:
        return None
    kanonik = (
        ""
        if halaman.kios
        else urlencode({"unit": halaman.unit.pk, **({"layanan": pilihan} if pilihan else {})})
    )
    if request.META.get("QUERY_STRING", "") != kanonik:
        return None
    bagian = [halaman.survei.kode, halaman.unit.pk, halaman.kios, halaman.dimuat, get_language(), tanda_isian]
    return "survei:halaman:" + hashlib.sha256(repr(bagian).encode()).hexdigest()


def _tampil_kosong(request: HttpRequest, halaman: Halaman, dipilih: str | None) -> HttpResponse:
    """The empty form. Everything in it but the CSRF token and the signed key is the same for
    every anonymous citizen of the survey, unit, language, the unit's active services and the
    service preselected by the address: the whole page is kept for a minute under exactly
    those (_kunci_halaman), and within it the form's fields under the questionnaire, language
    and services (formulir.html), so the Django form (a dozen fields) is only built when that
    markup has to be rendered again."""
    kunci = kunci_tandatangani(kunci_baru())
    layanan = halaman.layanan
    pilihan = dipilih if any(str(lay.pk) == dipilih for lay in layanan) else None
    form = SimpleLazyObject(
        lambda: _buat_formulir(halaman, initial={BIDANG_KUNCI: kunci, "layanan": pilihan})
    )
    # The services as shown (id and name) and the preselected one: part of the markup's key.
    tanda_isian = "|".join([pilihan or "", *(f"{lay.pk}:{lay.nama}" for lay in layanan)])
    konteks = {
        "h": halaman,
        "survei": halaman.survei,
        "unit": halaman.unit,
        "form": form,
        "kunci": kunci,
        "terisi": False,
        "tanda_isian": tanda_isian,
    }
    kunci_halaman = _kunci_halaman(request, halaman, pilihan, tanda_isian)
    if kunci_halaman is None:
        return render(request, "survei/publik/formulir.html", konteks)
    html = cache.get(kunci_halaman)
    if html is None:
        konteks.update(kunci=PENANDA_KUNCI, csrf_token=PENANDA_CSRF)
        html = render_to_string("survei/publik/formulir.html", konteks, request)
        cache.set(kunci_halaman, html, UMUR_HALAMAN_DETIK)
    # get_token() also has the CSRF cookie set on the response, as {% csrf_token %} would.
    return HttpResponse(html.replace(PENANDA_CSRF, get_token(request)).replace(PENANDA_KUNCI, kunci))


def _buat_formulir(halaman: Halaman, **kwargs: Any) -> FormulirSurvei:
    return FormulirSurvei(
        pertanyaan=halaman.pertanyaan,
        layanan=halaman.layanan,
        bawaan=halaman.survei.kuesioner.bawaan,
        **kwargs,
    )


def _formulir(request: HttpRequest, halaman: Halaman) -> HttpResponse:
    if request.method != "POST":
        return _tampil_kosong(request, halaman, request.GET.get("layanan"))

    if request.POST.get(BIDANG_JEBAKAN, "").strip():
        # A bot filled the field no person can see: it is told "thank you" and learns nothing.
        return HttpResponseSeeOther(halaman.url_terima_kasih())
    kunci = kunci_buka(request.POST.get(BIDANG_KUNCI, ""))
    ditolak: KesalahanSurvei | None = None
    if kunci is not None:
        # The usual case, a correct form, is checked once, by the services, without building
        # the Django form; anything the form or the services refuse goes the full way below,
        # which builds the form to show every message beside its field.
        jawaban = jawaban_dari_post(request.POST, halaman.pertanyaan)
        layanan_sah, terpilih = layanan_dari_post(request.POST, halaman.layanan)
        if jawaban is not None and layanan_sah:
            try:
                _simpan(halaman, kunci=kunci, layanan=terpilih, jawaban=jawaban)
            except KesalahanSurvei as e:
                ditolak = e
            else:
                return HttpResponseSeeOther(halaman.url_terima_kasih())
    return _formulir_lengkap(request, halaman, kunci, ditolak)


def _simpan(halaman: Halaman, *, kunci: str, layanan: Layanan | int | None, jawaban: dict[str, Any]) -> None:
    respons_simpan(
        survei=halaman.survei,
        unit=halaman.unit,
        # By id: the services read it again, the page's copy may be stale (survei.cache).
        layanan=layanan.pk if isinstance(layanan, Layanan) else layanan,
        jawaban=jawaban,
        sumber=halaman.sumber,
        kunci=kunci,
        # Both already loaded for this page; the unit was checked to belong to the survey.
        daftar_pertanyaan=halaman.pertanyaan,
        unit_survei={halaman.unit.pk: halaman.unit},
    )


def _formulir_lengkap(
    request: HttpRequest,
    halaman: Halaman,
    kunci: str | None,
    ditolak: KesalahanSurvei | None,
) -> HttpResponse:
    """A POST through the Django form: an unreadable key, or answers the form or the services
    refuse. The form shows every problem beside its field, with all answers kept.

    ditolak: what the services said about the very values the valid form holds (the quick
    reading gives exactly the form's values), so they need not be asked twice."""
    data = request.POST.copy()
    # Valid: the same key, re-signed (fresh age), so a corrected form sent twice is still one
    # response. Invalid: a new key, and the answers stay on the page to be sent again.
    data[BIDANG_KUNCI] = kunci_tandatangani(kunci or kunci_baru())
    form = _buat_formulir(halaman, data=data)
    if kunci is None:
        pesan = _(
            "Formulir ini sudah terlalu lama dibuka atau tidak dikenali, jadi jawaban Anda belum "
            "disimpan. Jawaban Anda masih ada di bawah: periksa, lalu kirim sekali lagi."
        )
        return _tampil(request, halaman, form, pesan=pesan, status=400)
    if not form.is_valid():
        _periksa_sisanya(form, halaman)
        return _tampil(request, halaman, form, status=400)
    try:
        if ditolak is not None:
            raise ditolak
        _simpan(halaman, kunci=kunci, layanan=form.layanan_terpilih(), jawaban=form.jawaban())
    except ValidasiRespons as e:
        form.tambah_galat(e.kesalahan)
        return _tampil(request, halaman, form, status=400)
    except KesalahanSurvei as e:
        return _tidak_tersimpan(request, halaman, e, form)
    return HttpResponseSeeOther(halaman.url_terima_kasih())


def _tidak_tersimpan(
    request: HttpRequest, halaman: Halaman, e: KesalahanSurvei, form: FormulirSurvei
) -> HttpResponse:
    """The services refused the submission as a whole: 410 if the survey closed meanwhile
    (read again here: the page's survey may have come from survei.cache), else their message."""
    survei = Survei.objects.select_related("kuesioner", "instansi").filter(pk=halaman.survei.pk).first()
    if survei is None or not survei.menerima_respons:
        lupakan(halaman.survei.kode)
        if survei is None:
            raise Http404
        return _ditutup(request, survei)
    return _tampil(request, halaman, form, pesan=e.pesan, status=400)


def _periksa_sisanya(form: FormulirSurvei, halaman: Halaman) -> None:
    """The form refused a field: let the services check the rest too, so that the citizen sees
    every problem at once instead of one round trip per problem."""
    try:
        respons_periksa(
            survei=halaman.survei,
            unit=halaman.unit,
            layanan=form.layanan_terpilih(),
            jawaban=form.jawaban(),
            sumber=halaman.sumber,
            daftar_pertanyaan=halaman.pertanyaan,
            unit_survei={halaman.unit.pk: halaman.unit},
        )
    except ValidasiRespons as e:
        form.tambah_galat(e.kesalahan)
    except KesalahanSurvei:
        return  # the survey closed meanwhile: the next submission says so


@_tanpa_cache_kecuali_pengalihan
@require_http_methods(["GET", "HEAD", "POST"])
def isi(request: HttpRequest, kode: str) -> HttpResponse:
    data = _data_publik(kode)
    survei = data.survei
    if not survei.menerima_respons:
        return _ditutup(request, survei)
    if terlalu_banyak := _terlampaui(request, survei, kios=False):
        return terlalu_banyak
    diminta = request.POST.get("unit") if request.method == "POST" else request.GET.get("unit")
    data, unit = _unit_diminta(data, _angka_id(diminta))
    semua_unit = list(data.unit)
    if unit is None and not diminta and len(semua_unit) == 1:
        unit = semua_unit[0]
    if unit is None:
        salah = bool(diminta) or request.method == "POST"
        status = (400 if request.method == "POST" else 404) if salah else 200
        konteks = {"survei": survei, "semua_unit": semua_unit, "salah": salah}
        return render(request, "survei/publik/pilih_unit.html", konteks, status=status)
    halaman = Halaman(
        data.survei,
        unit,
        kios=False,
        banyak_unit=len(semua_unit) > 1,
        pertanyaan=data.pertanyaan,
        dimuat=data.dimuat,
        layanan=data.layanan_unit(unit.pk),
    )
    return _formulir(request, halaman)


@_tanpa_cache_kecuali_pengalihan
@require_http_methods(["GET", "HEAD", "POST"])
def kios(request: HttpRequest, kode: str, unit_id: int) -> HttpResponse:
    data = _data_publik(kode)
    survei = data.survei
    if not survei.menerima_respons:
        return _ditutup(request, survei)
    if not kios_terpasang(request, survei_id=survei.pk, unit_id=unit_id):
        return _bukan_kios(request, data, unit_id)
    if terlalu_banyak := _terlampaui(request, survei, kios=True):
        return terlalu_banyak
    data, unit = _unit_diminta(data, unit_id)
    if unit is None:
        raise Http404
    return _formulir(
        request,
        Halaman(
            data.survei,
            unit,
            kios=True,
            banyak_unit=False,
            pertanyaan=data.pertanyaan,
            dimuat=data.dimuat,
            layanan=data.layanan_unit(unit.pk),
        ),
    )


def _bukan_kios(request: HttpRequest, data: DataSurvei, unit_id: int) -> HttpResponse:
    """403 on a device no evaluator made this unit's kiosk (survei.kios): the citizen is
    pointed to the ordinary form of the same unit, which accepts the same answers."""
    unit = data.unit_dengan_id(unit_id)
    alamat = _alamat("survei:isi", data.survei.kode)
    konteks = {"survei": data.survei, "alamat_formulir": f"{alamat}?unit={unit.pk}" if unit else alamat}
    return render(request, "survei/publik/bukan_kios.html", konteks, status=403)


def _unit_diminta(data: DataSurvei, unit_id: int | None) -> tuple[DataSurvei, UnitLayanan | None]:
    """The survey's unit with this id, if it has one. A unit this process's copy of the survey
    does not know may have been added since it was read: the survey is read again once."""
    unit = data.unit_dengan_id(unit_id)
    if unit is None and unit_id is not None:
        baru = data_survei(data.survei.kode, segarkan=True)
        if baru is not None and baru.survei.menerima_respons:
            return baru, baru.unit_dengan_id(unit_id)
    return data, unit


# After sending ---------------------------------------------------------------------------------------


@require_GET
def terima_kasih(request: HttpRequest, kode: str) -> HttpResponse:
    survei = _survei_publik(kode)
    return render(request, "survei/publik/terima_kasih.html", {"survei": survei, "kios": False})


@never_cache
@require_GET
def kios_terima_kasih(request: HttpRequest, kode: str, unit_id: int) -> HttpResponse:
    survei = _survei_publik(kode)
    unit = get_object_or_404(survei.unit.all(), pk=unit_id)
    konteks = {
        "survei": survei,
        "kios": True,
        "url_lagi": reverse("survei:kios", kwargs={"kode": survei.kode, "unit_id": unit.pk}),
        "detik": KIOS_MUAT_ULANG_DETIK,
    }
    return render(request, "survei/publik/terima_kasih.html", konteks)


# QR codes ---------------------------------------------------------------------------------------------


@require_GET
@cache_control(public=True, max_age=86400)
def qr(request: HttpRequest, kode: str, unit_id: str, format: str) -> HttpResponse:
    # Drafts too: the codes are printed and put up before the survey opens.
    survei = get_object_or_404(Survei, kode=kode)
    unit = get_object_or_404(survei.unit.all(), pk=_angka_id(unit_id) or 0)
    layanan = None
    if "layanan" in request.GET:
        layanan = get_object_or_404(
            Layanan.objects.filter(unit=unit, aktif=True), pk=_angka_id(request.GET["layanan"]) or 0
        )
    alamat = kode_qr.url_formulir(request, survei=survei, unit=unit, layanan=layanan)
    if format == "svg":
        respons = HttpResponse(kode_qr.svg(alamat), content_type="image/svg+xml")
    else:
        respons = HttpResponse(kode_qr.png(alamat), content_type="image/png")
    respons["Content-Disposition"] = f'inline; filename="survei-{survei.kode}-unit-{unit.pk}.{format}"'
    return respons
