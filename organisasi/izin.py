"""Who may do what. Every permission decision of Tilik is made here, nowhere else.

Roles, from most to least powerful:
- superuser: everything, everywhere;
- admin_instansi: manages one instansi (units, services, restructurings, staff and roles); it
  includes evaluator rights, since an admin may grant himself the evaluator role anyway;
- evaluator: reads and analyses one instansi, defines its surveys and restructurings;
- petugas: acts on its own unit, and on the unit's sub-units (UnitLayanan.induk);
- warga: any signed-in, active user (takes part in the forum, files complaints);
- publik: anonymous visitors, who only read what is published.

Anonymous and inactive users get False from every predicate and empty querysets.

Predicates take the user first and the object as a keyword: bisa_kelola_instansi(request.user,
instansi=instansi). The user's memberships are read once and kept on the user object; Django
builds a new request.user for every request, so the cache lives exactly one request. Code that
changes memberships and asks again on the same object calls lupakan_izin() first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Instansi, Keanggotaan, UnitLayanan

Aktor: TypeAlias = AbstractBaseUser | AnonymousUser
Peran = Keanggotaan.Peran

_CACHE_PERAN = "_tilik_peran"
_CACHE_INDUK = "_tilik_induk_unit"


@dataclass(frozen=True)
class _Peran:
    peran: str
    instansi_id: int
    unit_id: int | None


# Reading the cache -------------------------------------------------------------------------


def _aktif(pengguna: Aktor) -> bool:
    return bool(pengguna.is_authenticated and pengguna.is_active)


def _superuser(pengguna: Aktor) -> bool:
    return _aktif(pengguna) and bool(getattr(pengguna, "is_superuser", False))


def _semua_peran(pengguna: Aktor) -> tuple[_Peran, ...]:
    if not _aktif(pengguna):
        return ()
    # getattr/setattr, not __dict__: request.user is a SimpleLazyObject, whose own __dict__
    # is not the user's, while attribute access goes through to the user.
    tersimpan: tuple[_Peran, ...] | None = getattr(pengguna, _CACHE_PERAN, None)
    if tersimpan is None:
        baris = Keanggotaan.objects.filter(pengguna_id=cast(int, pengguna.pk)).values_list(
            "peran", "instansi_id", "unit_id"
        )
        tersimpan = tuple(_Peran(peran, instansi_id, unit_id) for peran, instansi_id, unit_id in baris)
        setattr(pengguna, _CACHE_PERAN, tersimpan)
    return tersimpan


def _instansi_berperan(pengguna: Aktor, *peran: str) -> set[int]:
    return {p.instansi_id for p in _semua_peran(pengguna) if p.peran in peran}


def _unit_petugas(pengguna: Aktor, *, instansi_id: int | None = None) -> set[int]:
    return {
        p.unit_id
        for p in _semua_peran(pengguna)
        if p.peran == Peran.PETUGAS
        and p.unit_id is not None
        and (instansi_id is None or p.instansi_id == instansi_id)
    }


def _induk_unit(pengguna: Aktor, *, instansi_id: int) -> dict[int, int | None]:
    """unit id -> induk id for the whole instansi: one query instead of one per level."""
    per_instansi: dict[int, dict[int, int | None]] | None = getattr(pengguna, _CACHE_INDUK, None)
    if per_instansi is None:
        per_instansi = {}
        setattr(pengguna, _CACHE_INDUK, per_instansi)
    if instansi_id not in per_instansi:
        per_instansi[instansi_id] = dict(
            UnitLayanan.objects.filter(instansi_id=instansi_id).values_list("id", "induk_id")
        )
    return per_instansi[instansi_id]


def lupakan_izin(pengguna: Aktor) -> None:
    """Drop the memberships cached on this user object, after they were changed."""
    for nama in (_CACHE_PERAN, _CACHE_INDUK):
        if hasattr(pengguna, nama):
            delattr(pengguna, nama)


# Predicates --------------------------------------------------------------------------------


def adalah_warga(pengguna: Aktor) -> bool:
    """Signed in and active: may take part (forum, complaints, signed survey answers)."""
    return _aktif(pengguna)


def bisa_masuk_admin(pengguna: Aktor) -> bool:
    return _superuser(pengguna) or bool(_instansi_berperan(pengguna, Peran.ADMIN_INSTANSI))


def wajib_mfa(pengguna: Aktor) -> bool:
    """Users who can see internal data of a whole instansi, or change it, must use a second factor."""
    return _superuser(pengguna) or bool(_instansi_berperan(pengguna, Peran.ADMIN_INSTANSI, Peran.EVALUATOR))


# The unit predicates work on unit.instansi_id, so that they never load unit.instansi.
def _kelola(pengguna: Aktor, instansi_id: int) -> bool:
    return _superuser(pengguna) or instansi_id in _instansi_berperan(pengguna, Peran.ADMIN_INSTANSI)


def _evaluasi(pengguna: Aktor, instansi_id: int) -> bool:
    return _superuser(pengguna) or instansi_id in _instansi_berperan(
        pengguna, Peran.ADMIN_INSTANSI, Peran.EVALUATOR
    )


def bisa_kelola_instansi(pengguna: Aktor, *, instansi: Instansi) -> bool:
    return _kelola(pengguna, instansi.pk)


def bisa_evaluasi_instansi(pengguna: Aktor, *, instansi: Instansi) -> bool:
    """Define surveys and restructurings, run the analysis, produce reports."""
    return _evaluasi(pengguna, instansi.pk)


def bisa_baca_internal_instansi(pengguna: Aktor, *, instansi: Instansi) -> bool:
    """Read unpublished results and the identities behind complaints of the whole instansi.

    The same people as bisa_evaluasi_instansi today; kept apart so that a read-only role (a
    head of region, an auditor) can be added later without touching the views.
    """
    return _evaluasi(pengguna, instansi.pk)


def bisa_layani_unit(pengguna: Aktor, *, unit: UnitLayanan) -> bool:
    """Answer complaints and forum questions on behalf of the unit.

    A petugas of a unit also serves its sub-units (a Dinas petugas answers for its UPTD).
    """
    if not _aktif(pengguna):
        return False
    if _kelola(pengguna, unit.instansi_id):
        return True
    milik = _unit_petugas(pengguna, instansi_id=unit.instansi_id)
    if not milik:
        return False
    if unit.pk in milik:
        return True
    if unit.induk_id is None:
        return False
    induk = _induk_unit(pengguna, instansi_id=unit.instansi_id)
    dilewati: set[int] = set()
    langkah: int | None = unit.induk_id
    # dilewati guards against a cycle in induk, which the database does not forbid beyond
    # a unit being its own parent.
    while langkah is not None and langkah not in dilewati:
        if langkah in milik:
            return True
        dilewati.add(langkah)
        langkah = induk.get(langkah)
    return False


def bisa_baca_internal_unit(pengguna: Aktor, *, unit: UnitLayanan) -> bool:
    return _evaluasi(pengguna, unit.instansi_id) or bisa_layani_unit(pengguna, unit=unit)


# Querysets ---------------------------------------------------------------------------------


def instansi_dikelola(pengguna: Aktor) -> QuerySet[Instansi]:
    if _superuser(pengguna):
        return Instansi.objects.all()
    return Instansi.objects.filter(pk__in=_instansi_berperan(pengguna, Peran.ADMIN_INSTANSI))


def instansi_dievaluasi(pengguna: Aktor) -> QuerySet[Instansi]:
    if _superuser(pengguna):
        return Instansi.objects.all()
    return Instansi.objects.filter(pk__in=_instansi_berperan(pengguna, Peran.ADMIN_INSTANSI, Peran.EVALUATOR))


def unit_dilayani(pengguna: Aktor) -> QuerySet[UnitLayanan]:
    """The units bisa_layani_unit() is True for."""
    if _superuser(pengguna):
        return UnitLayanan.objects.all()
    if not _aktif(pengguna):
        return UnitLayanan.objects.none()
    dikelola = _instansi_berperan(pengguna, Peran.ADMIN_INSTANSI)
    unit_ids: set[int] = set()
    for instansi_id in {p.instansi_id for p in _semua_peran(pengguna) if p.peran == Peran.PETUGAS}:
        if instansi_id not in dikelola:
            unit_ids |= _dengan_turunan(
                _unit_petugas(pengguna, instansi_id=instansi_id),
                induk=_induk_unit(pengguna, instansi_id=instansi_id),
            )
    return UnitLayanan.objects.filter(Q(instansi_id__in=dikelola) | Q(pk__in=unit_ids))


def _dengan_turunan(akar: set[int], *, induk: dict[int, int | None]) -> set[int]:
    anak: dict[int, list[int]] = defaultdict(list)
    for unit_id, induk_id in induk.items():
        if induk_id is not None:
            anak[induk_id].append(unit_id)
    hasil = set(akar)
    tumpukan = list(akar)
    while tumpukan:
        for turunan in anak[tumpukan.pop()]:
            if turunan not in hasil:
                hasil.add(turunan)
                tumpukan.append(turunan)
    return hasil


# pastikan_*: the same decisions, raising PermissionDenied ------------------------------------

PESAN_DITOLAK: dict[Callable[..., bool], str | Promise] = {
    bisa_kelola_instansi: _("Anda tidak berwenang mengelola instansi ini."),
    bisa_evaluasi_instansi: _("Anda tidak berwenang mengevaluasi instansi ini."),
    bisa_baca_internal_instansi: _("Anda tidak berwenang melihat data internal instansi ini."),
    bisa_layani_unit: _("Anda tidak berwenang menanggapi atas nama unit layanan ini."),
    bisa_baca_internal_unit: _("Anda tidak berwenang melihat data internal unit layanan ini."),
}


def _tolak(predikat: Callable[..., bool]) -> PermissionDenied:
    return PermissionDenied(str(PESAN_DITOLAK.get(predikat, _("Anda tidak berwenang membuka halaman ini."))))


def pastikan_bisa_kelola_instansi(pengguna: Aktor, *, instansi: Instansi) -> None:
    if not bisa_kelola_instansi(pengguna, instansi=instansi):
        raise _tolak(bisa_kelola_instansi)


def pastikan_bisa_evaluasi_instansi(pengguna: Aktor, *, instansi: Instansi) -> None:
    if not bisa_evaluasi_instansi(pengguna, instansi=instansi):
        raise _tolak(bisa_evaluasi_instansi)


def pastikan_bisa_baca_internal_instansi(pengguna: Aktor, *, instansi: Instansi) -> None:
    if not bisa_baca_internal_instansi(pengguna, instansi=instansi):
        raise _tolak(bisa_baca_internal_instansi)


def pastikan_bisa_layani_unit(pengguna: Aktor, *, unit: UnitLayanan) -> None:
    if not bisa_layani_unit(pengguna, unit=unit):
        raise _tolak(bisa_layani_unit)


def pastikan_bisa_baca_internal_unit(pengguna: Aktor, *, unit: UnitLayanan) -> None:
    if not bisa_baca_internal_unit(pengguna, unit=unit):
        raise _tolak(bisa_baca_internal_unit)


# View decorators ---------------------------------------------------------------------------

View: TypeAlias = Callable[..., HttpResponseBase]


def wajib_izin_instansi(predikat: Callable[..., bool]) -> Callable[[View], View]:
    """For views under a URL with <slug:instansi>: the view receives the Instansi object.

        @wajib_izin_instansi(bisa_evaluasi_instansi)
        def dasbor(request, instansi: Instansi): ...

    Anonymous visitors are sent to the login page; signed-in users without the right get 403.
    """

    def dekorator(view: View) -> View:
        @wraps(view)
        def terbungkus(request: HttpRequest, *args: Any, instansi: str, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            objek = get_object_or_404(Instansi, slug=instansi)
            if not predikat(request.user, instansi=objek):
                raise _tolak(predikat)
            return view(request, *args, instansi=objek, **kwargs)

        return terbungkus

    return dekorator


def wajib_izin_unit(predikat: Callable[..., bool]) -> Callable[[View], View]:
    """For views under <slug:instansi>/<slug:unit>: the view receives the UnitLayanan object
    (as unit, with its instansi loaded) instead of the two slugs."""

    def dekorator(view: View) -> View:
        @wraps(view)
        def terbungkus(
            request: HttpRequest, *args: Any, instansi: str, unit: str, **kwargs: Any
        ) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            objek = get_object_or_404(
                UnitLayanan.objects.select_related("instansi"), instansi__slug=instansi, slug=unit
            )
            if not predikat(request.user, unit=objek):
                raise _tolak(predikat)
            return view(request, *args, unit=objek, **kwargs)

        return terbungkus

    return dekorator


# Forum ---------------------------------------------------------------------------------------
# The forum app's models are imported inside the functions: forum.models imports
# organisasi.models, and this module must stay importable while the apps load.

if TYPE_CHECKING:
    from forum.models import Balasan, Topik

JENDELA_UBAH_MENIT_BAWAAN = 30


def _email_terverifikasi(pengguna: Aktor) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user_id=cast(int, pengguna.pk), verified=True).exists()


def _diblokir_forum(pengguna: Aktor, instansi_id: int) -> bool:
    from forum.models import Blokir

    return Blokir.objects.filter(
        instansi_id=instansi_id, pengguna_id=cast(int, pengguna.pk), dicabut_pada__isnull=True
    ).exists()


def alasan_tidak_bisa_tulis_forum(pengguna: Aktor, *, instansi: Instansi) -> str | None:
    """Why this user may not post in the instansi's forum, or None when he may."""
    if not _aktif(pengguna):
        return str(_("Masuk terlebih dahulu untuk menulis di forum."))
    if not _email_terverifikasi(pengguna):
        return str(_("Verifikasi alamat e-mail Anda terlebih dahulu sebelum menulis di forum."))
    if _diblokir_forum(pengguna, instansi.pk):
        return str(_("Anda diblokir dari forum instansi ini."))
    return None


def bisa_tulis_forum(pengguna: Aktor, *, instansi: Instansi) -> bool:
    """Start topics, reply, support: a signed-in user with a verified e-mail, not blocked."""
    return alasan_tidak_bisa_tulis_forum(pengguna, instansi=instansi) is None


def _penulis(pengguna: Aktor, penulis_id: int) -> bool:
    return _aktif(pengguna) and pengguna.pk == penulis_id


def bisa_tangani_pengaduan(pengguna: Aktor, *, topik: Topik) -> bool:
    """Verify, reject, move and answer a complaint: petugas of its unit or of a parent unit,
    admin instansi, superuser (bisa_layani_unit on the complaint's unit)."""
    if not topik.adalah_pengaduan or topik.unit is None:
        return False
    return bisa_layani_unit(pengguna, unit=topik.unit)


def bisa_lihat_topik(pengguna: Aktor, *, topik: Topik) -> bool:
    """Public and anonim topics are public unless hidden by moderation. Rahasia complaints and
    hidden topics: the author, the unit handling the complaint, evaluators and admins of the
    instansi. forum.selectors.topik_terlihat() is the same rule as a queryset."""
    if not topik.tersembunyi and topik.privasi != topik.Privasi.RAHASIA:
        return True
    if _penulis(pengguna, topik.penulis_id) or _evaluasi(pengguna, topik.instansi_id):
        return True
    return bisa_tangani_pengaduan(pengguna, topik=topik)


def bisa_balas_topik(pengguna: Aktor, *, topik: Topik) -> bool:
    """Reply: a forum writer who can see the topic, while it is open. A rahasia complaint is a
    conversation between the complainant and the unit; a closed complaint takes no replies."""
    if topik.tersembunyi or topik.status in (topik.Status.SELESAI, topik.Status.DITOLAK):
        return False
    if not bisa_lihat_topik(pengguna, topik=topik):
        return False
    if topik.privasi == topik.Privasi.RAHASIA and not (
        _penulis(pengguna, topik.penulis_id) or bisa_tangani_pengaduan(pengguna, topik=topik)
    ):
        return False
    return bisa_tulis_forum(pengguna, instansi=topik.instansi)


def jendela_ubah() -> timedelta:
    return timedelta(minutes=getattr(settings, "FORUM_JENDELA_UBAH_MENIT", JENDELA_UBAH_MENIT_BAWAAN))


def bisa_ubah_posting(pengguna: Aktor, *, posting: Topik | Balasan, sekarang: datetime | None = None) -> bool:
    """Edit a topic or a reply: its author, within the edit window, while it is visible and he is
    not blocked. A complaint can no longer be edited once the unit has acted on it."""
    from forum.models import Topik

    if not _penulis(pengguna, posting.penulis_id) or posting.tersembunyi:
        return False
    sekarang = sekarang or timezone.now()
    if sekarang - posting.dibuat > jendela_ubah():
        return False
    if isinstance(posting, Topik):
        topik = posting
        if topik.adalah_pengaduan and topik.status != topik.Status.DITERIMA:
            return False
    else:
        topik = posting.topik
    return not _diblokir_forum(pengguna, topik.instansi_id)


def bisa_moderasi_forum(pengguna: Aktor, *, instansi: Instansi) -> bool:
    """Hide and restore posts, block users, read the moderation log: admin instansi, superuser."""
    return _kelola(pengguna, instansi.pk)


def bisa_konfirmasi_pengaduan(pengguna: Aktor, *, topik: Topik) -> bool:
    """Confirm that the answer settled the complaint: the complainant, once it is answered."""
    return (
        topik.adalah_pengaduan
        and topik.status == topik.Status.DITINDAKLANJUTI
        and _penulis(pengguna, topik.penulis_id)
    )


def bisa_nilai_pengaduan(pengguna: Aktor, *, topik: Topik) -> bool:
    """Rate the handling 1-4: the complainant, once the complaint is answered or closed."""
    return (
        topik.adalah_pengaduan
        and topik.status in (topik.Status.DITINDAKLANJUTI, topik.Status.SELESAI)
        and _penulis(pengguna, topik.penulis_id)
    )


def bisa_lihat_identitas_pelapor(pengguna: Aktor, *, topik: Topik) -> bool:
    """See who wrote a topic (name and e-mail address).

    Anonim complaints: nobody but the complainant, neither the unit nor the instansi's staff
    (the system keeps the link only to let him follow his complaint). Other topics: the author,
    the unit handling a complaint, evaluators and admins of the instansi. The public sees the
    author's display name of a public topic, never the e-mail address.
    """
    if _penulis(pengguna, topik.penulis_id):
        return True
    if topik.privasi == topik.Privasi.ANONIM:
        return False
    return _evaluasi(pengguna, topik.instansi_id) or bisa_tangani_pengaduan(pengguna, topik=topik)


def bisa_tandai_posting(pengguna: Aktor) -> bool:
    """Flag a post for the moderators: any signed-in user."""
    return _aktif(pengguna)


PESAN_DITOLAK.update(
    {
        bisa_tulis_forum: _("Anda tidak bisa menulis di forum instansi ini."),
        bisa_tangani_pengaduan: _("Anda tidak berwenang menangani pengaduan ini."),
        bisa_lihat_topik: _("Anda tidak berwenang melihat topik ini."),
        bisa_balas_topik: _("Anda tidak bisa membalas topik ini."),
        bisa_ubah_posting: _("Tulisan ini tidak bisa Anda ubah lagi."),
        bisa_moderasi_forum: _("Anda tidak berwenang memoderasi forum instansi ini."),
        bisa_konfirmasi_pengaduan: _("Hanya pelapor yang bisa mengonfirmasi pengaduan yang sudah dijawab."),
        bisa_nilai_pengaduan: _("Hanya pelapor yang bisa menilai penanganan pengaduan yang sudah dijawab."),
    }
)


def pastikan_bisa_lihat_topik(pengguna: Aktor, *, topik: Topik) -> None:
    if not bisa_lihat_topik(pengguna, topik=topik):
        raise _tolak(bisa_lihat_topik)


def pastikan_bisa_tangani_pengaduan(pengguna: Aktor, *, topik: Topik) -> None:
    if not bisa_tangani_pengaduan(pengguna, topik=topik):
        raise _tolak(bisa_tangani_pengaduan)


def pastikan_bisa_moderasi_forum(pengguna: Aktor, *, instansi: Instansi) -> None:
    if not bisa_moderasi_forum(pengguna, instansi=instansi):
        raise _tolak(bisa_moderasi_forum)


def bisa_blokir_penulis(pengguna: Aktor, *, posting: Topik | Balasan, topik: Topik) -> bool:
    """Block the author of this post (of this topic): a moderator of the instansi, unless the
    author is the complainant of an anonim complaint he may not identify (the block list names
    the person, which would undo the anonymity)."""
    if not bisa_moderasi_forum(pengguna, instansi=topik.instansi):
        return False
    if posting.penulis_id != topik.penulis_id:
        return True
    return bisa_lihat_identitas_pelapor(pengguna, topik=topik)
