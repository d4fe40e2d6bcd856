"""Flags and moderation. Posts are hidden and restored, never deleted; every action is logged.

A post flagged by `ambang_tanda` different users (PengaturanForum, 3 by default) hides itself
until a moderator reviews it; a review (hide or restore) marks its flags as reviewed, so the
same flags do not hide a restored post again.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Pengguna
from organisasi import izin
from organisasi.models import Instansi

from .models import Balasan, Blokir, LogModerasi, PengaturanForum, Tanda, Topik
from .services import KesalahanForum, periksa_teks

PANJANG_ALASAN_MAKS = 500


def ambang_tanda(instansi_id: int) -> int:
    pengaturan = PengaturanForum.objects.filter(instansi_id=instansi_id).first()
    return pengaturan.ambang_tanda if pengaturan else PengaturanForum.AMBANG_TANDA_BAWAAN


def _sasaran(topik: Topik | None, balasan: Balasan | None) -> Topik | Balasan:
    if (topik is None) == (balasan is None):
        raise ValueError("berikan tepat satu dari topik atau balasan")
    if topik is not None:
        return (
            Topik.objects.select_for_update(of=("self",)).select_related("instansi", "unit").get(pk=topik.pk)
        )
    assert balasan is not None
    return (
        Balasan.objects.select_for_update(of=("self",))
        .select_related("topik__instansi", "topik__unit")
        .get(pk=balasan.pk)
    )


def _topik_dari(sasaran: Topik | Balasan) -> Topik:
    return sasaran if isinstance(sasaran, Topik) else sasaran.topik


def _alasan(alasan: str, *, wajib: bool) -> str:
    if not wajib and not (alasan or "").strip():
        return ""
    return periksa_teks(alasan, bidang="alasan", maks=PANJANG_ALASAN_MAKS, satu_baris=True)


def _log(
    *,
    instansi_id: int,
    moderator: Pengguna | None,
    aksi: str,
    sasaran: Topik | Balasan | None = None,
    pengguna_sasaran: Pengguna | None = None,
    alasan: str = "",
) -> LogModerasi:
    return LogModerasi.objects.create(
        instansi_id=instansi_id,
        moderator=moderator,
        aksi=aksi,
        topik=sasaran if isinstance(sasaran, Topik) else None,
        balasan=sasaran if isinstance(sasaran, Balasan) else None,
        pengguna_sasaran=pengguna_sasaran,
        alasan=alasan,
    )


# Flags ---------------------------------------------------------------------------------------


@transaction.atomic
def tanda_beri(
    *,
    pengguna: Pengguna,
    alasan: str,
    keterangan: str = "",
    topik: Topik | None = None,
    balasan: Balasan | None = None,
) -> Tanda:
    """Flag a topic or a reply. At the instansi's threshold of unreviewed flags the post is
    hidden until a moderator reviews it."""
    if not izin.bisa_tandai_posting(pengguna):
        raise KesalahanForum(_("Masuk terlebih dahulu untuk menandai tulisan."))
    sasaran = _sasaran(topik, balasan)
    induk = _topik_dari(sasaran)
    if not izin.bisa_lihat_topik(pengguna, topik=induk) or sasaran.tersembunyi:
        raise KesalahanForum(_("Tulisan ini tidak tersedia."))
    if sasaran.penulis_id == pengguna.pk:
        raise KesalahanForum(_("Anda tidak bisa menandai tulisan Anda sendiri."))
    if alasan not in Tanda.Alasan.values:
        raise KesalahanForum(_("Pilih alasan penandaan."), bidang="alasan")
    keterangan = (
        periksa_teks(keterangan, bidang="keterangan", maks=PANJANG_ALASAN_MAKS, satu_baris=True)
        if alasan == Tanda.Alasan.LAINNYA or (keterangan or "").strip()
        else ""
    )
    try:
        with transaction.atomic():
            tanda = Tanda.objects.create(
                pengguna=pengguna,
                topik=sasaran if isinstance(sasaran, Topik) else None,
                balasan=sasaran if isinstance(sasaran, Balasan) else None,
                alasan=alasan,
                keterangan=keterangan,
            )
    except IntegrityError:
        raise KesalahanForum(_("Anda sudah menandai tulisan ini.")) from None
    jumlah = sasaran.tanda.filter(ditinjau=False).count()
    if jumlah >= ambang_tanda(induk.instansi_id):
        sasaran.tersembunyi = True
        sasaran.perlu_tinjauan = True
        sasaran.alasan_tersembunyi = _(
            "Disembunyikan otomatis: ditandai %(n)s pengguna, menunggu tinjauan."
        ) % {"n": jumlah}
        sasaran.save(update_fields=["tersembunyi", "perlu_tinjauan", "alasan_tersembunyi"])
        _log(
            instansi_id=induk.instansi_id,
            moderator=None,
            aksi=LogModerasi.Aksi.SEMBUNYI_OTOMATIS,
            sasaran=sasaran,
            alasan=sasaran.alasan_tersembunyi,
        )
    return tanda


# Hiding and restoring ------------------------------------------------------------------------


def _pastikan_moderator(moderator: Pengguna, instansi_id: int) -> None:
    if not izin.bisa_moderasi_forum(moderator, instansi=Instansi(pk=instansi_id)):
        raise KesalahanForum(_("Anda tidak berwenang memoderasi forum instansi ini."))


@transaction.atomic
def moderasi_sembunyikan(
    *, moderator: Pengguna, alasan: str, topik: Topik | None = None, balasan: Balasan | None = None
) -> Topik | Balasan:
    """Hide a post (or confirm an automatic hiding) with a reason shown to moderators."""
    sasaran = _sasaran(topik, balasan)
    instansi_id = _topik_dari(sasaran).instansi_id
    _pastikan_moderator(moderator, instansi_id)
    alasan = _alasan(alasan, wajib=True)
    if sasaran.tersembunyi and not sasaran.perlu_tinjauan:
        raise KesalahanForum(_("Tulisan ini sudah disembunyikan."))
    sasaran.tersembunyi = True
    sasaran.perlu_tinjauan = False
    sasaran.alasan_tersembunyi = alasan
    sasaran.save(update_fields=["tersembunyi", "perlu_tinjauan", "alasan_tersembunyi"])
    sasaran.tanda.filter(ditinjau=False).update(ditinjau=True)
    _log(
        instansi_id=instansi_id,
        moderator=moderator,
        aksi=LogModerasi.Aksi.SEMBUNYIKAN,
        sasaran=sasaran,
        alasan=alasan,
    )
    return sasaran


@transaction.atomic
def moderasi_pulihkan(
    *, moderator: Pengguna, alasan: str = "", topik: Topik | None = None, balasan: Balasan | None = None
) -> Topik | Balasan:
    """Show a hidden post again, or dismiss the flags of a visible one; its flags count no more."""
    sasaran = _sasaran(topik, balasan)
    instansi_id = _topik_dari(sasaran).instansi_id
    _pastikan_moderator(moderator, instansi_id)
    alasan = _alasan(alasan, wajib=False)
    belum_ditinjau = sasaran.tanda.filter(ditinjau=False)
    if not sasaran.tersembunyi and not belum_ditinjau.exists():
        raise KesalahanForum(_("Tulisan ini tidak sedang disembunyikan."))
    sasaran.tersembunyi = False
    sasaran.perlu_tinjauan = False
    sasaran.alasan_tersembunyi = ""
    sasaran.save(update_fields=["tersembunyi", "perlu_tinjauan", "alasan_tersembunyi"])
    belum_ditinjau.update(ditinjau=True)
    _log(
        instansi_id=instansi_id,
        moderator=moderator,
        aksi=LogModerasi.Aksi.PULIHKAN,
        sasaran=sasaran,
        alasan=alasan,
    )
    return sasaran


# Blocking ------------------------------------------------------------------------------------


@transaction.atomic
def blokir_buat(
    *,
    moderator: Pengguna,
    instansi: Instansi,
    pengguna: Pengguna,
    alasan: str,
    posting: Topik | Balasan | None = None,
) -> Blokir:
    """Stop a user from posting in the instansi's forum (he can still read). Admins and
    superusers of the instansi cannot be blocked there. With `posting` (the post the moderator
    acts from), the author of an anonim complaint is refused: the block list would name him."""
    _pastikan_moderator(moderator, instansi.pk)
    if posting is not None:
        topik = _topik_dari(posting)
        if posting.penulis_id != pengguna.pk or topik.instansi_id != instansi.pk:
            raise ValueError("posting bukan tulisan pengguna ini di instansi ini")
        if not izin.bisa_blokir_penulis(moderator, posting=posting, topik=topik):
            raise KesalahanForum(
                _("Pelapor anonim tidak bisa diblokir dari pengaduannya; sembunyikan tulisannya.")
            )
    alasan = _alasan(alasan, wajib=True)
    if pengguna.pk == moderator.pk:
        raise KesalahanForum(_("Anda tidak bisa memblokir diri sendiri."))
    if izin.bisa_moderasi_forum(pengguna, instansi=instansi):
        raise KesalahanForum(_("Pengelola instansi tidak bisa diblokir dari forumnya."))
    try:
        with transaction.atomic():
            blokir = Blokir.objects.create(
                instansi=instansi, pengguna=pengguna, oleh=moderator, alasan=alasan
            )
    except IntegrityError:
        raise KesalahanForum(_("Pengguna ini sudah diblokir.")) from None
    _log(
        instansi_id=instansi.pk,
        moderator=moderator,
        aksi=LogModerasi.Aksi.BLOKIR,
        pengguna_sasaran=pengguna,
        alasan=alasan,
    )
    return blokir


@transaction.atomic
def blokir_cabut(*, moderator: Pengguna, instansi: Instansi, pengguna: Pengguna, alasan: str = "") -> Blokir:
    _pastikan_moderator(moderator, instansi.pk)
    alasan = _alasan(alasan, wajib=False)
    blokir = (
        Blokir.objects.select_for_update()
        .filter(instansi=instansi, pengguna=pengguna, dicabut_pada__isnull=True)
        .first()
    )
    if blokir is None:
        raise KesalahanForum(_("Pengguna ini tidak sedang diblokir."))
    blokir.dicabut_pada = timezone.now()
    blokir.save(update_fields=["dicabut_pada"])
    _log(
        instansi_id=instansi.pk,
        moderator=moderator,
        aksi=LogModerasi.Aksi.CABUT_BLOKIR,
        pengguna_sasaran=pengguna,
        alasan=alasan,
    )
    return blokir
