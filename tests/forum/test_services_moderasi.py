"""Flags, hiding, restoring and blocking: every action logged, nothing ever deleted."""

from __future__ import annotations

import pytest

from akun.models import Pengguna
from forum import services
from forum.models import Balasan, Blokir, LogModerasi, PengaturanForum, Tanda, Topik
from forum.services import KesalahanForum
from forum.services_moderasi import (
    blokir_buat,
    blokir_cabut,
    moderasi_pulihkan,
    moderasi_sembunyikan,
    tanda_beri,
)
from tests.factories import PenggunaFactory

from .bantuan_inti import buat_diskusi, buat_pengaduan, terverifikasi

Aksi = LogModerasi.Aksi


@pytest.fixture
def penulis(db: None) -> Pengguna:
    return PenggunaFactory.create(email="penulis@contoh.id", email_terverifikasi=True)


@pytest.fixture
def penanda(db: None) -> list[Pengguna]:
    return [PenggunaFactory.create() for _ in range(4)]


@pytest.fixture
def topik(penulis, unit) -> Topik:
    return buat_diskusi(penulis, unit)


def test_a_post_hides_itself_at_the_instansis_threshold_until_reviewed(topik, penanda) -> None:
    tanda_beri(pengguna=penanda[0], alasan=Tanda.Alasan.SPAM, topik=topik)
    tanda_beri(pengguna=penanda[1], alasan=Tanda.Alasan.KASAR, topik=topik)
    topik.refresh_from_db()
    assert not topik.tersembunyi
    tanda_beri(pengguna=penanda[2], alasan=Tanda.Alasan.LAINNYA, keterangan="Promosi", topik=topik)
    topik.refresh_from_db()
    assert (topik.tersembunyi, topik.perlu_tinjauan) == (True, True)
    assert "ditandai 3 pengguna" in topik.alasan_tersembunyi
    log = LogModerasi.objects.get()
    assert (log.aksi, log.moderator, log.topik) == (Aksi.SEMBUNYI_OTOMATIS, None, topik)


def test_the_threshold_is_set_per_instansi(topik, penanda) -> None:
    PengaturanForum.objects.create(instansi=topik.instansi, ambang_tanda=1)
    tanda_beri(pengguna=penanda[0], alasan=Tanda.Alasan.SPAM, topik=topik)
    topik.refresh_from_db()
    assert topik.tersembunyi


def test_replies_are_flagged_the_same_way(topik, penulis, penanda) -> None:
    PengaturanForum.objects.create(instansi=topik.instansi, ambang_tanda=2)
    balasan = services.balasan_buat(topik=topik, pengguna=penulis, isi="Beli obat murah di sini")
    for orang in penanda[:2]:
        tanda_beri(pengguna=orang, alasan=Tanda.Alasan.SPAM, balasan=balasan)
    balasan.refresh_from_db()
    assert (balasan.tersembunyi, balasan.perlu_tinjauan) == (True, True)
    assert LogModerasi.objects.get().balasan == balasan


@pytest.mark.parametrize(
    ("kasus", "pesan"),
    [
        ("dua_kali", "sudah menandai"),
        ("sendiri", "tulisan Anda sendiri"),
        ("alasan_asing", "Pilih alasan"),
        ("lainnya_tanpa_keterangan", "tidak boleh kosong"),
        ("anonim", "Masuk terlebih dahulu"),
    ],
)
def test_bad_flags_are_refused(topik, penulis, penanda, kasus, pesan) -> None:
    from django.contrib.auth.models import AnonymousUser

    if kasus == "dua_kali":
        tanda_beri(pengguna=penanda[0], alasan=Tanda.Alasan.SPAM, topik=topik)
    argumen = {
        "dua_kali": {"pengguna": penanda[0], "alasan": Tanda.Alasan.KASAR},
        "sendiri": {"pengguna": penulis, "alasan": Tanda.Alasan.SPAM},
        "alasan_asing": {"pengguna": penanda[1], "alasan": "bosan"},
        "lainnya_tanpa_keterangan": {"pengguna": penanda[1], "alasan": Tanda.Alasan.LAINNYA},
        "anonim": {"pengguna": AnonymousUser(), "alasan": Tanda.Alasan.SPAM},
    }[kasus]
    jumlah = Tanda.objects.count()
    with pytest.raises(KesalahanForum, match=pesan):
        tanda_beri(topik=topik, **argumen)
    assert Tanda.objects.count() == jumlah


def test_a_rahasia_complaint_cannot_be_flagged_by_outsiders(penulis, unit, penanda) -> None:
    rahasia = buat_pengaduan(penulis, unit, privasi=Topik.Privasi.RAHASIA)
    with pytest.raises(KesalahanForum, match="tidak tersedia"):
        tanda_beri(pengguna=penanda[0], alasan=Tanda.Alasan.SPAM, topik=rahasia)
    assert not Tanda.objects.exists()


def test_a_moderator_hides_and_restores_with_a_log_and_the_flags_count_no_more(
    topik, penanda, admin_instansi
) -> None:
    for orang in penanda[:3]:
        tanda_beri(pengguna=orang, alasan=Tanda.Alasan.SPAM, topik=topik)
    moderasi_pulihkan(moderator=admin_instansi, alasan="Bukan spam, hanya promosi acara warga.", topik=topik)
    topik.refresh_from_db()
    assert (topik.tersembunyi, topik.perlu_tinjauan) == (False, False)
    assert not Tanda.objects.filter(ditinjau=False).exists()
    # One more flag is not enough to hide it again: the reviewed ones do not count.
    tanda_beri(pengguna=penanda[3], alasan=Tanda.Alasan.SPAM, topik=topik)
    topik.refresh_from_db()
    assert not topik.tersembunyi

    moderasi_sembunyikan(moderator=admin_instansi, alasan="Spam berulang", topik=topik)
    topik.refresh_from_db()
    assert (topik.tersembunyi, topik.alasan_tersembunyi) == (True, "Spam berulang")
    assert list(LogModerasi.objects.order_by("id").values_list("aksi", "moderator")) == [
        (Aksi.SEMBUNYI_OTOMATIS, None),
        (Aksi.PULIHKAN, admin_instansi.pk),
        (Aksi.SEMBUNYIKAN, admin_instansi.pk),
    ]
    assert Topik.objects.filter(pk=topik.pk).exists()


def test_confirming_an_automatic_hiding_keeps_it_hidden(topik, penanda, admin_instansi) -> None:
    PengaturanForum.objects.create(instansi=topik.instansi, ambang_tanda=1)
    tanda_beri(pengguna=penanda[0], alasan=Tanda.Alasan.SPAM, topik=topik)
    moderasi_sembunyikan(moderator=admin_instansi, alasan="Memang spam", topik=topik)
    topik.refresh_from_db()
    assert (topik.tersembunyi, topik.perlu_tinjauan, topik.alasan_tersembunyi) == (True, False, "Memang spam")
    with pytest.raises(KesalahanForum, match="sudah disembunyikan"):
        moderasi_sembunyikan(moderator=admin_instansi, alasan="Lagi", topik=topik)


@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator", "admin_lain"])
def test_only_the_instansis_admins_moderate(request, topik, aktor) -> None:
    orang = request.getfixturevalue(aktor)
    with pytest.raises(KesalahanForum, match="tidak berwenang memoderasi"):
        moderasi_sembunyikan(moderator=orang, alasan="x", topik=topik)
    with pytest.raises(KesalahanForum, match="tidak berwenang memoderasi"):
        blokir_buat(moderator=orang, instansi=topik.instansi, pengguna=topik.penulis, alasan="x")
    topik.refresh_from_db()
    assert not topik.tersembunyi
    assert not LogModerasi.objects.exists()
    assert not Blokir.objects.exists()


def test_hiding_needs_a_reason_and_restoring_a_visible_post_is_refused(topik, admin_instansi) -> None:
    with pytest.raises(KesalahanForum, match="kosong"):
        moderasi_sembunyikan(moderator=admin_instansi, alasan=" ", topik=topik)
    with pytest.raises(KesalahanForum, match="tidak sedang disembunyikan"):
        moderasi_pulihkan(moderator=admin_instansi, topik=topik)
    assert not LogModerasi.objects.exists()


def test_blocking_and_unblocking_are_logged(topik, penulis, admin_instansi, unit) -> None:
    blokir_buat(moderator=admin_instansi, instansi=topik.instansi, pengguna=penulis, alasan="Spam berulang")
    with pytest.raises(KesalahanForum, match="sudah diblokir"):
        blokir_buat(moderator=admin_instansi, instansi=topik.instansi, pengguna=penulis, alasan="Lagi")
    with pytest.raises(KesalahanForum, match="diblokir"):
        services.balasan_buat(topik=topik, pengguna=penulis, isi="Masih bisa?")
    blokir_cabut(moderator=admin_instansi, instansi=topik.instansi, pengguna=penulis, alasan="Sudah berjanji")
    services.balasan_buat(topik=topik, pengguna=penulis, isi="Terima kasih.")
    with pytest.raises(KesalahanForum, match="tidak sedang diblokir"):
        blokir_cabut(moderator=admin_instansi, instansi=topik.instansi, pengguna=penulis)
    assert list(LogModerasi.objects.order_by("id").values_list("aksi", "pengguna_sasaran")) == [
        (Aksi.BLOKIR, penulis.pk),
        (Aksi.CABUT_BLOKIR, penulis.pk),
    ]
    blokir = Blokir.objects.get()
    assert blokir.dicabut_pada is not None
    # Blocked again later: a second row, the first kept.
    blokir_buat(moderator=admin_instansi, instansi=topik.instansi, pengguna=penulis, alasan="Kambuh")
    assert Blokir.objects.count() == 2


def test_admins_and_oneself_cannot_be_blocked(topik, admin_instansi, superuser) -> None:
    with pytest.raises(KesalahanForum, match="diri sendiri"):
        blokir_buat(moderator=admin_instansi, instansi=topik.instansi, pengguna=admin_instansi, alasan="x")
    with pytest.raises(KesalahanForum, match="tidak bisa diblokir"):
        blokir_buat(moderator=admin_instansi, instansi=topik.instansi, pengguna=superuser, alasan="x")
    assert not Blokir.objects.exists()


def test_the_database_refuses_to_delete_a_post_with_a_moderation_log(topik, admin_instansi) -> None:
    from django.db.models import ProtectedError

    moderasi_sembunyikan(moderator=admin_instansi, alasan="Kasar", topik=topik)
    with pytest.raises(ProtectedError):
        Topik.objects.filter(pk=topik.pk).delete()


def test_hidden_replies_are_kept(topik, penulis, admin_instansi) -> None:
    terverifikasi(penulis)
    balasan = services.balasan_buat(topik=topik, pengguna=penulis, isi="Kasar")
    moderasi_sembunyikan(moderator=admin_instansi, alasan="Kasar", balasan=balasan)
    balasan.refresh_from_db()
    assert balasan.tersembunyi
    assert Balasan.objects.filter(pk=balasan.pk).exists()


def test_the_author_of_an_anonim_complaint_is_not_blocked_from_it(
    penulis, unit, admin_instansi, warga
) -> None:
    from organisasi import izin

    topik = buat_pengaduan(penulis, unit, privasi=Topik.Privasi.ANONIM)
    balasan = services.balasan_buat(topik=topik, pengguna=penulis, isi="Balasan pelapor")
    for posting in (topik, balasan):
        assert not izin.bisa_blokir_penulis(admin_instansi, posting=posting, topik=topik)
        with pytest.raises(KesalahanForum, match="Pelapor anonim tidak bisa diblokir"):
            blokir_buat(
                moderator=admin_instansi,
                instansi=unit.instansi,
                pengguna=penulis,
                alasan="x",
                posting=posting,
            )
    assert not Blokir.objects.exists()
    # Another user's reply on it, or a public topic, is fine.
    terverifikasi(warga)
    lain = services.balasan_buat(topik=topik, pengguna=warga, isi="Iklan")
    assert izin.bisa_blokir_penulis(admin_instansi, posting=lain, topik=topik)
    assert not izin.bisa_blokir_penulis(warga, posting=lain, topik=topik)
    blokir_buat(moderator=admin_instansi, instansi=unit.instansi, pengguna=warga, alasan="Spam", posting=lain)
    assert Blokir.objects.filter(pengguna=warga).exists()
