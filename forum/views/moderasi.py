"""Moderation of an instansi's forum, under /kelola/forum/<instansi>/moderasi/, for its admin
instansi and superusers (organisasi.izin.bisa_moderasi_forum): flagged and automatically
hidden posts, hide and restore with a note, block and unblock a user, the moderation log.

Posts are never deleted. An anonim complainant cannot be blocked from his complaint: blocking
would put his name in the list of blocked users, which the moderators read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from organisasi import izin
from organisasi.izin import bisa_moderasi_forum, wajib_izin_instansi
from organisasi.models import Instansi

from .. import selectors
from ..forms import FormAlasanModerasi
from ..models import Balasan, Blokir, Topik
from ..services import KesalahanForum
from ..services_moderasi import blokir_buat, blokir_cabut, moderasi_pulihkan, moderasi_sembunyikan
from . import _bantu
from ._bantu import kembali_ke, pengguna

LOG_PER_HALAMAN = 30


def _url_moderasi(instansi: Instansi) -> str:
    return reverse("forum:moderasi", kwargs={"instansi": instansi.slug})


def _tanda(qs: Any) -> list[Any]:
    return list(qs[:10])


@wajib_izin_instansi(bisa_moderasi_forum)
@require_GET
def beranda(request: HttpRequest, instansi: Instansi) -> HttpResponse:
    u = request.user
    daftar_topik = [
        {
            "topik": t,
            "penulis": selectors.nama_penulis(u, topik=t),
            "tanda": _tanda(selectors.tanda_belum_ditinjau(topik=t)),
            "boleh_blokir": izin.bisa_blokir_penulis(u, posting=t, topik=t),
        }
        for t in selectors.topik_perlu_tinjauan(instansi=instansi)[:50]
    ]
    daftar_balasan = [
        {
            "balasan": b,
            "penulis": selectors.nama_penulis_balasan(u, balasan=b, topik=b.topik),
            "tanda": _tanda(selectors.tanda_belum_ditinjau(balasan=b)),
            "boleh_blokir": izin.bisa_blokir_penulis(u, posting=b, topik=b.topik),
        }
        for b in selectors.balasan_perlu_tinjauan(instansi=instansi)[:50]
    ]
    konteks = {
        "instansi": instansi,
        "daftar_topik": daftar_topik,
        "daftar_balasan": daftar_balasan,
        "blokir": [
            {"blokir": b, "nama": selectors.nama_tampilan(b.pengguna)}
            for b in selectors.blokir_aktif(instansi=instansi).order_by("-dibuat", "-id")
        ],
        "log": _bantu.halaman(
            request, selectors.log_moderasi(instansi=instansi), per_halaman=LOG_PER_HALAMAN
        ),
        "kueri": _bantu.kueri_tanpa_halaman(request),
        "form": FormAlasanModerasi(),
    }
    return render(request, "forum/kelola/moderasi.html", konteks)


def _sasaran(instansi: Instansi, jenis: str, pk: str) -> Topik | Balasan:
    if jenis == "topik":
        return get_object_or_404(Topik.objects.select_related("instansi"), pk=pk, instansi=instansi)
    return get_object_or_404(
        Balasan.objects.select_related("topik__instansi"), pk=pk, topik__instansi=instansi
    )


def _alasan(request: HttpRequest, *, wajib: bool) -> str:
    """The moderator's note, or KesalahanForum when a required one is missing."""
    form = FormAlasanModerasi(request.POST, wajib=wajib)
    if not form.is_valid():
        raise KesalahanForum(" ".join(str(e) for e in form.errors.get("alasan", [])), bidang="alasan")
    return str(form.cleaned_data["alasan"])


@wajib_izin_instansi(bisa_moderasi_forum)
@require_POST
def sembunyikan(request: HttpRequest, instansi: Instansi, jenis: str, pk: str) -> HttpResponseBase:
    sasaran = _sasaran(instansi, jenis, pk)
    kunci = {"topik": sasaran} if isinstance(sasaran, Topik) else {"balasan": sasaran}
    try:
        moderasi_sembunyikan(moderator=pengguna(request), alasan=_alasan(request, wajib=True), **kunci)
    except KesalahanForum as e:
        messages.error(request, e.pesan)
    else:
        messages.success(request, _("Tulisan disembunyikan. Tindakan ini tercatat di log moderasi."))
    return kembali_ke(request, _url_moderasi(instansi))


@wajib_izin_instansi(bisa_moderasi_forum)
@require_POST
def pulihkan(request: HttpRequest, instansi: Instansi, jenis: str, pk: str) -> HttpResponseBase:
    sasaran = _sasaran(instansi, jenis, pk)
    kunci = {"topik": sasaran} if isinstance(sasaran, Topik) else {"balasan": sasaran}
    try:
        moderasi_pulihkan(moderator=pengguna(request), alasan=_alasan(request, wajib=False), **kunci)
    except KesalahanForum as e:
        messages.error(request, e.pesan)
    else:
        messages.success(request, _("Tulisan ditampilkan kembali; tandanya dianggap sudah ditinjau."))
    return kembali_ke(request, _url_moderasi(instansi))


@wajib_izin_instansi(bisa_moderasi_forum)
@require_POST
def blokir(request: HttpRequest, instansi: Instansi, jenis: str, pk: str) -> HttpResponseBase:
    """Block the author of a post of this instansi (the post names the user, so no user id
    travels in the page)."""
    sasaran = _sasaran(instansi, jenis, pk)
    topik = sasaran if isinstance(sasaran, Topik) else sasaran.topik
    if not izin.bisa_blokir_penulis(request.user, posting=sasaran, topik=topik):
        messages.error(
            request, _("Pelapor anonim tidak bisa diblokir dari pengaduannya; sembunyikan tulisannya.")
        )
        return kembali_ke(request, _url_moderasi(instansi))
    try:
        blokir_buat(
            moderator=pengguna(request),
            instansi=instansi,
            pengguna=sasaran.penulis,
            alasan=_alasan(request, wajib=True),
            posting=sasaran,
        )
    except KesalahanForum as e:
        messages.error(request, e.pesan)
    else:
        messages.success(request, _("Pengguna diblokir dari forum instansi ini. Ia masih bisa membaca."))
    return kembali_ke(request, _url_moderasi(instansi))


@wajib_izin_instansi(bisa_moderasi_forum)
@require_POST
def cabut_blokir(request: HttpRequest, instansi: Instansi, pk: int) -> HttpResponseBase:
    blokir_obj = get_object_or_404(Blokir.objects.select_related("pengguna"), pk=pk, instansi=instansi)
    try:
        blokir_cabut(
            moderator=pengguna(request),
            instansi=instansi,
            pengguna=blokir_obj.pengguna,
            alasan=_alasan(request, wajib=False),
        )
    except KesalahanForum as e:
        messages.error(request, e.pesan)
    else:
        messages.success(request, _("Blokir dicabut; pengguna bisa menulis lagi."))
    return kembali_ke(request, _url_moderasi(instansi))
