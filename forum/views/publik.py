"""The forum as citizens use it, under /forum/: the list of topics (filters, search, pages),
a topic with its replies, new topics and complaints, replies, edits, support, subscriptions,
flags, and the complainant's confirmation and rating.

What a person may see and do is decided by organisasi.izin and forum.selectors: a rahasia
complaint is a 404 to anyone without the right, an anonim complainant's name is never put in
the page for the public nor for the unit, and hidden posts show a placeholder. Every change is
a POST through forum.services, answered with a message and a 303 to the topic.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi import izin
from organisasi.models import Instansi

from .. import selectors
from ..forms import (
    FormBalasan,
    FormKonfirmasi,
    FormNilai,
    FormSaring,
    FormTanda,
    FormTopik,
    FormUbahTopik,
)
from ..models import Balasan, Dukungan, Langganan, Topik
from ..services import (
    BatasLajuTerlampaui,
    KesalahanForum,
    balasan_buat,
    balasan_ubah,
    dukungan_batal,
    dukungan_beri,
    langganan_berhenti,
    langganan_ikuti,
    topik_buat,
    topik_ubah,
)
from ..services_moderasi import tanda_beri
from ..services_pengaduan import pengaduan_konfirmasi, pengaduan_nilai
from . import _bantu
from ._bantu import (
    HttpResponseSeeOther,
    formulir_pengaduan,
    galat_ke_form,
    muat_balasan,
    muat_topik,
    pengguna,
    wajib_masuk,
)

BALASAN_PER_HALAMAN = 20


# Lists ---------------------------------------------------------------------------------------


@require_GET
def daftar(request: HttpRequest, instansi: str | None = None) -> HttpResponse:
    """/forum/ (every instansi, with an instansi filter) and /forum/<instansi>/."""
    objek = get_object_or_404(Instansi, slug=instansi) if instansi else None
    form = FormSaring(request.GET or None, instansi=objek)
    saringan = form.saringan()
    penataan = None
    if objek is not None and (penataan_id := request.GET.get("penataan", "")).isdigit():
        penataan = objek.penataan.filter(pk=int(penataan_id)).first()
    topik = selectors.topik_daftar(request.user, penataan=penataan, **saringan)
    halaman = _bantu.halaman(request, topik)
    baris = [{"topik": t, "penulis": selectors.nama_penulis(request.user, topik=t)} for t in halaman]
    konteks = {
        "instansi": objek,
        "penataan": penataan,
        "form": form,
        "halaman": halaman,
        "baris": baris,
        "kueri": _bantu.kueri_tanpa_halaman(request),
        "mencari": bool(saringan["cari"]),
        "bisa_moderasi": objek is not None and izin.bisa_moderasi_forum(request.user, instansi=objek),
        "bisa_evaluasi": objek is not None and izin.bisa_baca_internal_instansi(request.user, instansi=objek),
    }
    return render(request, "forum/daftar.html", konteks)


@require_GET
def pilih_instansi(request: HttpRequest) -> HttpResponse:
    """Step one of a new topic or complaint, without JavaScript: the instansi, then its units."""
    return render(request, "forum/pilih_instansi.html", {"daftar": Instansi.objects.order_by("nama")})


# A new topic or complaint ---------------------------------------------------------------------


def _awal(request: HttpRequest) -> dict[str, Any]:
    """Initial values from the query string (links such as "Diskusikan penataan ini")."""
    awal: dict[str, Any] = {}
    for nama in ("unit", "layanan", "penataan", "jenis"):
        nilai = request.GET.get(nama)
        if nilai:
            awal[nama] = nilai
    return awal


def _topik_baru(request: HttpRequest, instansi: str, *, pengaduan: bool) -> HttpResponse:
    objek = get_object_or_404(Instansi, slug=instansi)
    alasan = izin.alasan_tidak_bisa_tulis_forum(request.user, instansi=objek)
    form = FormTopik(
        request.POST if request.method == "POST" else None,
        instansi=objek,
        pengaduan=pengaduan,
        initial=_awal(request),
    )
    konteks = {"instansi": objek, "form": form, "pengaduan": pengaduan, "alasan_tidak_bisa": alasan}
    if request.method == "POST":
        if alasan is not None:
            # The page says why (the form is not shown) and how to get the right.
            return render(request, "forum/topik_baru.html", konteks, status=403)
        if form.is_valid():
            try:
                topik = topik_buat(pengguna=pengguna(request), instansi=objek, **form.data_layanan())
            except BatasLajuTerlampaui as e:
                return _bantu.terlalu_sering(request, e)
            except KesalahanForum as e:
                galat_ke_form(form, e)
            else:
                if pengaduan:
                    messages.success(
                        request,
                        _(
                            "Pengaduan Anda diterima dan diteruskan ke %(unit)s. Unit wajib "
                            "memverifikasinya paling lambat %(tanggal)s."
                        )
                        % {"unit": topik.unit, "tanggal": _tanggal(topik.batas_verifikasi)},
                    )
                else:
                    messages.success(request, _("Topik Anda sudah terbit."))
                return HttpResponseSeeOther(topik.get_absolute_url())
    return render(request, "forum/topik_baru.html", konteks)


def _tanggal(tanggal: date | None) -> str:
    return date_format(tanggal, "j F Y") if tanggal else ""


@wajib_masuk
@require_http_methods(["GET", "POST"])
def topik_baru(request: HttpRequest, instansi: str) -> HttpResponse:
    return _topik_baru(request, instansi, pengaduan=False)


@wajib_masuk
@require_http_methods(["GET", "POST"])
def pengaduan_baru(request: HttpRequest, instansi: str) -> HttpResponse:
    return _topik_baru(request, instansi, pengaduan=True)


# A topic ---------------------------------------------------------------------------------------


def _riwayat(request: HttpRequest, topik: Topik) -> list[dict[str, Any]]:
    """The complaint's steps. Staff of the unit and the instansi see who acted; the public sees
    the complainant (anonymous when he chose so), the system, or "petugas unit"."""
    internal = izin.bisa_tangani_pengaduan(request.user, topik=topik) or izin.bisa_baca_internal_instansi(
        request.user, instansi=topik.instansi
    )
    hasil = []
    for r in selectors.riwayat_pengaduan(topik=topik):
        if internal or r.pelaku_id is None or r.pelaku_id == topik.penulis_id:
            nama = selectors.nama_pelaku_riwayat(request.user, riwayat=r, topik=topik)
        else:
            nama = _("Petugas unit layanan")
        hasil.append({"riwayat": r, "pelaku": nama})
    return hasil


def _balasan(request: HttpRequest, topik: Topik, halaman: Any) -> list[dict[str, Any]]:
    pengamat = request.user
    boleh_tandai = izin.bisa_tandai_posting(pengamat)
    moderator = izin.bisa_moderasi_forum(pengamat, instansi=topik.instansi)
    return [
        {
            "balasan": b,
            "bisa_blokir": moderator and izin.bisa_blokir_penulis(pengamat, posting=b, topik=topik),
            "penulis": selectors.nama_penulis_balasan(pengamat, balasan=b, topik=topik),
            "isi_terlihat": selectors.balasan_isi_terlihat(pengamat, balasan=b, topik=topik),
            "bisa_ubah": izin.bisa_ubah_posting(pengamat, posting=b),
            "bisa_tandai": boleh_tandai and not b.tersembunyi and b.penulis_id != pengamat.pk,
        }
        for b in halaman
    ]


def tampilkan_topik(
    request: HttpRequest, topik: Topik, *, formulir: dict[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    """The topic page; `formulir` replaces a form by a bound one with errors, after a POST that
    failed, so the text typed is not lost."""
    u = request.user
    masuk = izin.adalah_warga(u)
    halaman = _bantu.halaman(
        request, selectors.balasan_terlihat(u, topik=topik), per_halaman=BALASAN_PER_HALAMAN
    )
    bisa_lihat_identitas = izin.bisa_lihat_identitas_pelapor(u, topik=topik)
    alasan_tidak_bisa_tulis = (
        izin.alasan_tidak_bisa_tulis_forum(u, instansi=topik.instansi) if masuk else None
    )
    bisa_tulis = masuk and alasan_tidak_bisa_tulis is None
    konteks: dict[str, Any] = {
        "topik": topik,
        "penulis": selectors.nama_penulis(u, topik=topik),
        "email_pelapor": topik.penulis.email if bisa_lihat_identitas and topik.penulis_id != u.pk else "",
        "halaman": halaman,
        "daftar_balasan": _balasan(request, topik, halaman),
        "kueri": _bantu.kueri_tanpa_halaman(request),
        "bisa_balas": izin.bisa_balas_topik(u, topik=topik),
        "alasan_tidak_bisa_tulis": alasan_tidak_bisa_tulis,
        "bisa_ubah": izin.bisa_ubah_posting(u, posting=topik),
        "bisa_tandai": izin.bisa_tandai_posting(u) and not topik.tersembunyi and topik.penulis_id != u.pk,
        "bisa_dukung": bisa_tulis and not topik.tersembunyi and topik.penulis_id != u.pk,
        "sudah_dukung": masuk and Dukungan.objects.filter(topik=topik, pengguna_id=cast(int, u.pk)).exists(),
        "berlangganan": masuk and Langganan.objects.filter(topik=topik, pengguna_id=cast(int, u.pk)).exists(),
        "bisa_moderasi": izin.bisa_moderasi_forum(u, instansi=topik.instansi),
        "bisa_blokir": izin.bisa_blokir_penulis(u, posting=topik, topik=topik),
        "bisa_konfirmasi": izin.bisa_konfirmasi_pengaduan(u, topik=topik),
        "bisa_nilai": izin.bisa_nilai_pengaduan(u, topik=topik),
        "form_balas": FormBalasan(),
        "form_konfirmasi": FormKonfirmasi(),
        "form_nilai": FormNilai(initial={"nilai": topik.penilaian}),
    }
    if topik.adalah_pengaduan:
        konteks["riwayat"] = _riwayat(request, topik)
        konteks["batas"] = _bantu.batas_pengaduan(topik)
        konteks.update(formulir_pengaduan(request, topik))
    konteks.update(formulir or {})
    return render(request, "forum/topik.html", konteks, status=status)


@require_GET
def topik(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    obj = get_object_or_404(_bantu.topik_halaman(), pk=pk, instansi__slug=instansi)
    if not izin.bisa_lihat_topik(request.user, topik=obj):
        if obj.tersembunyi and obj.privasi != Topik.Privasi.RAHASIA:
            # Say what happened to a link people may have shared; nothing of the post itself.
            return render(request, "forum/disembunyikan.html", {"instansi": obj.instansi}, status=404)
        raise Http404
    return tampilkan_topik(request, obj)


def _jendela() -> dict[str, int]:
    return {"menit_ubah": int(izin.jendela_ubah().total_seconds() // 60)}


@wajib_masuk
@require_http_methods(["GET", "POST"])
def topik_ubah_view(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    obj = muat_topik(request, instansi=instansi, pk=pk)
    if not izin.bisa_ubah_posting(request.user, posting=obj):
        raise _bantu.tolak(izin.bisa_ubah_posting)
    awal = {"judul": obj.judul, "isi": obj.isi}
    form = FormUbahTopik(request.POST if request.method == "POST" else None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            topik_ubah(topik=obj, pengguna=pengguna(request), **form.cleaned_data)
        except KesalahanForum as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return HttpResponseSeeOther(obj.get_absolute_url())
    return render(request, "forum/ubah.html", {"topik": obj, "form": form, "posting": obj, **_jendela()})


@wajib_masuk
@require_http_methods(["GET", "POST"])
def balasan_ubah_view(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    balasan = muat_balasan(request, instansi=instansi, pk=pk)
    if not izin.bisa_ubah_posting(request.user, posting=balasan):
        raise _bantu.tolak(izin.bisa_ubah_posting)
    form = FormBalasan(request.POST if request.method == "POST" else None, initial={"isi": balasan.isi})
    if request.method == "POST" and form.is_valid():
        try:
            balasan_ubah(balasan=balasan, pengguna=pengguna(request), isi=form.cleaned_data["isi"])
        except KesalahanForum as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return HttpResponseSeeOther(balasan.topik.get_absolute_url())
    konteks = {"topik": balasan.topik, "form": form, "posting": balasan, **_jendela()}
    return render(request, "forum/ubah.html", konteks)


@wajib_masuk
@require_POST
def balas(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    obj = muat_topik(request, instansi=instansi, pk=pk)
    form = FormBalasan(request.POST)
    if not izin.bisa_balas_topik(request.user, topik=obj):
        alasan = izin.alasan_tidak_bisa_tulis_forum(request.user, instansi=obj.instansi)
        messages.error(request, alasan or _("Topik ini tidak bisa Anda balas."))
        return tampilkan_topik(request, obj, status=403)
    if form.is_valid():
        try:
            balasan_buat(topik=obj, pengguna=pengguna(request), isi=form.cleaned_data["isi"])
        except BatasLajuTerlampaui as e:
            return _bantu.terlalu_sering(request, e)
        except KesalahanForum as e:
            galat_ke_form(form, e)
            messages.error(request, e.pesan)
        else:
            messages.success(request, _("Balasan Anda terkirim."))
            return HttpResponseSeeOther(obj.get_absolute_url() + "?halaman=last#balasan-baru")
    if not form.is_valid():
        messages.error(request, _("Balasan belum terkirim; periksa isiannya."))
    return tampilkan_topik(request, obj, formulir={"form_balas": form}, status=400)


@wajib_masuk
@require_POST
def dukung(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    obj = muat_topik(request, instansi=instansi, pk=pk)
    try:
        if request.POST.get("aksi") == "batal":
            dukungan_batal(topik=obj, pengguna=pengguna(request))
            messages.success(request, _("Dukungan Anda ditarik."))
        elif dukungan_beri(topik=obj, pengguna=pengguna(request)):
            messages.success(request, _("Terima kasih, dukungan Anda dicatat."))
        else:
            messages.info(request, _("Anda sudah mendukung topik ini."))
    except KesalahanForum as e:
        messages.error(request, e.pesan)
    return HttpResponseSeeOther(obj.get_absolute_url())


@wajib_masuk
@require_POST
def langganan(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    obj = muat_topik(request, instansi=instansi, pk=pk)
    try:
        if request.POST.get("aksi") == "berhenti":
            langganan_berhenti(topik=obj, pengguna=pengguna(request))
            messages.success(request, _("Anda tidak lagi menerima e-mail tentang topik ini."))
        else:
            langganan_ikuti(topik=obj, pengguna=pengguna(request))
            messages.success(request, _("Anda akan menerima e-mail bila ada balasan atau perubahan status."))
    except KesalahanForum as e:
        messages.error(request, e.pesan)
    return HttpResponseSeeOther(obj.get_absolute_url())


def _tandai(request: HttpRequest, *, topik: Topik, balasan: Balasan | None) -> HttpResponse:
    form = FormTanda(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            tanda_beri(
                pengguna=pengguna(request),
                alasan=form.cleaned_data["alasan"],
                keterangan=form.cleaned_data["keterangan"],
                topik=topik if balasan is None else None,
                balasan=balasan,
            )
        except KesalahanForum as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Terima kasih. Moderator akan meninjau tulisan ini."))
            return HttpResponseSeeOther(topik.get_absolute_url())
    konteks = {"topik": topik, "balasan": balasan, "form": form}
    return render(request, "forum/tandai.html", konteks, status=400 if form.errors else 200)


@wajib_masuk
@require_http_methods(["GET", "POST"])
def tandai_topik(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    return _tandai(request, topik=muat_topik(request, instansi=instansi, pk=pk), balasan=None)


@wajib_masuk
@require_http_methods(["GET", "POST"])
def tandai_balasan(request: HttpRequest, instansi: str, pk: int) -> HttpResponse:
    balasan = muat_balasan(request, instansi=instansi, pk=pk)
    return _tandai(request, topik=balasan.topik, balasan=balasan)


# The complainant's steps ---------------------------------------------------------------------


@wajib_masuk
@require_POST
def konfirmasi(request: HttpRequest, instansi: str, pk: int) -> HttpResponseBase:
    obj = muat_topik(request, instansi=instansi, pk=pk)
    if not izin.bisa_konfirmasi_pengaduan(request.user, topik=obj):
        raise _bantu.tolak(izin.bisa_konfirmasi_pengaduan)
    form = FormKonfirmasi(request.POST)
    if form.is_valid():
        try:
            pengaduan_konfirmasi(topik=obj, pengguna=pengguna(request), **form.cleaned_data)
        except KesalahanForum as e:
            galat_ke_form(form, e)
            messages.error(request, e.pesan)
        else:
            messages.success(request, _("Terima kasih. Pengaduan Anda dinyatakan selesai."))
            return HttpResponseSeeOther(obj.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Konfirmasi belum tersimpan; periksa isiannya."))
    return tampilkan_topik(request, obj, formulir={"form_konfirmasi": form}, status=400)


@wajib_masuk
@require_POST
def nilai(request: HttpRequest, instansi: str, pk: int) -> HttpResponseBase:
    obj = muat_topik(request, instansi=instansi, pk=pk)
    if not izin.bisa_nilai_pengaduan(request.user, topik=obj):
        raise _bantu.tolak(izin.bisa_nilai_pengaduan)
    form = FormNilai(request.POST)
    if form.is_valid():
        try:
            pengaduan_nilai(topik=obj, pengguna=pengguna(request), nilai=form.cleaned_data["nilai"])
        except KesalahanForum as e:
            galat_ke_form(form, e)
            messages.error(request, e.pesan)
        else:
            messages.success(request, _("Terima kasih atas penilaian Anda."))
            return HttpResponseSeeOther(obj.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Penilaian belum tersimpan; pilih nilai 1 sampai 4."))
    return tampilkan_topik(request, obj, formulir={"form_nilai": form}, status=400)
