"""Moderation through the pages (/kelola/forum/<instansi>/moderasi/): who may open it, hiding
and restoring with a note, blocking and unblocking, the log; refusals change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.models import Balasan, Blokir, LogModerasi, Tanda, Topik
from forum.services import balasan_buat
from forum.services_moderasi import tanda_beri
from tests.factories import PenggunaFactory

from .bantu_views import pengaduan, pesan, teks, topik, verifikasi

pytestmark = pytest.mark.django_db


def url_moderasi(instansi) -> str:
    return reverse("forum:moderasi", kwargs={"instansi": instansi.slug})


def url_aksi(aksi: str, posting, jenis: str = "topik") -> str:
    t = posting if jenis == "topik" else posting.topik
    return reverse(f"forum:{aksi}", kwargs={"instansi": t.instansi.slug, "jenis": jenis, "pk": posting.pk})


@pytest.fixture
def penulis(db):
    return PenggunaFactory.create(email="penulis@contoh.id", first_name="Joko", last_name="Penulis")


@pytest.fixture
def moderator(masuk, admin_instansi):
    return masuk(admin_instansi, totp=True)


@pytest.fixture
def ditandai(penulis, instansi):
    """A topic flagged by three users: hidden automatically, waiting for review."""
    t = topik(penulis, instansi, judul="Jual obat murah")
    for _ in range(3):
        tanda_beri(pengguna=PenggunaFactory.create(), alasan="spam", topik=t)
    t.refresh_from_db()
    assert t.tersembunyi and t.perlu_tinjauan
    return t


@pytest.mark.parametrize(
    ("nama", "status"),
    [
        ("warga", 403),
        ("petugas", 403),
        ("evaluator", 403),
        ("admin_instansi", 200),
        ("admin_lain", 403),
        ("superuser", 200),
    ],
)
def test_the_moderation_page_for_each_actor(nama, status, request, masuk, instansi):
    aktor = request.getfixturevalue(nama)

    assert (
        masuk(aktor, totp=nama != "warga" and nama != "petugas").get(url_moderasi(instansi)).status_code
        == status
    )


def test_a_visitor_is_sent_to_login(client, instansi):
    assert client.get(url_moderasi(instansi)).status_code == 302


def test_the_page_lists_flagged_posts_with_their_flags(moderator, ditandai, instansi):
    html = teks(moderator.get(url_moderasi(instansi)))

    assert "Jual obat murah" in html
    assert "Disembunyikan otomatis" in html
    assert "3 tanda belum ditinjau" in html
    assert "Spam atau iklan" in html


def test_hiding_needs_a_reason_and_is_logged(moderator, client, penulis, instansi):
    t = topik(penulis, instansi, judul="Topik kasar")

    r = moderator.post(url_aksi("sembunyikan", t), {"alasan": " "}, follow=True)
    t.refresh_from_db()
    assert not t.tersembunyi
    assert "Tulis alasan tindakan moderasi ini." in pesan(r)

    moderator.post(url_aksi("sembunyikan", t), {"alasan": "Kata-kata kasar"})
    t.refresh_from_db()
    assert t.tersembunyi
    assert LogModerasi.objects.get(aksi="sembunyikan").alasan == "Kata-kata kasar"
    assert client.get(t.get_absolute_url()).status_code == 404


def test_restoring_shows_the_post_again_and_reviews_its_flags(moderator, client, ditandai):
    r = moderator.post(url_aksi("pulihkan", ditandai), {"alasan": "Bukan spam"})

    ditandai.refresh_from_db()
    assert r.status_code == 303
    assert not ditandai.tersembunyi
    assert not Tanda.objects.filter(ditinjau=False).exists()
    assert client.get(ditandai.get_absolute_url()).status_code == 200
    assert list(LogModerasi.objects.values_list("aksi", flat=True).order_by("id")) == [
        "sembunyi_otomatis",
        "pulihkan",
    ]


def test_a_reply_is_hidden_and_restored_from_the_topic_page(moderator, client, penulis, instansi, petugas):
    t = topik(penulis, instansi)
    verifikasi(petugas)
    b = balasan_buat(topik=t, pengguna=petugas, isi="Balasan menyinggung")

    r = moderator.post(
        url_aksi("sembunyikan", b, "balasan"), {"alasan": "SARA", "next": t.get_absolute_url()}
    )
    assert r.status_code == 303
    assert r["Location"] == t.get_absolute_url()
    assert "Balasan menyinggung" not in teks(client.get(t.get_absolute_url()))

    moderator.post(url_aksi("pulihkan", b, "balasan"))
    assert "Balasan menyinggung" in teks(client.get(t.get_absolute_url()))


def test_next_cannot_lead_off_the_site(moderator, penulis, instansi):
    t = topik(penulis, instansi)

    r = moderator.post(url_aksi("sembunyikan", t), {"alasan": "x", "next": "https://contoh.invalid/"})

    assert r["Location"] == url_moderasi(instansi)


@pytest.mark.parametrize("nama", ["warga", "petugas", "evaluator", "admin_lain"])
def test_only_moderators_hide_restore_or_block(nama, request, masuk, penulis, instansi, ditandai):
    t = topik(penulis, instansi, judul="Topik biasa")
    klien = masuk(request.getfixturevalue(nama), totp=nama in ("evaluator", "admin_lain"))

    assert klien.post(url_aksi("sembunyikan", t), {"alasan": "x"}).status_code == 403
    assert klien.post(url_aksi("pulihkan", ditandai), {"alasan": "x"}).status_code == 403
    assert klien.post(url_aksi("blokir", t), {"alasan": "x"}).status_code == 403
    t.refresh_from_db()
    ditandai.refresh_from_db()
    assert (t.tersembunyi, ditandai.tersembunyi) == (False, True)
    assert not Blokir.objects.exists()
    assert LogModerasi.objects.count() == 1  # the automatic hiding only


def test_a_post_of_another_instansi_is_404(moderator, penulis, instansi_lain, instansi):
    t = topik(penulis, instansi_lain)
    url = reverse("forum:sembunyikan", kwargs={"instansi": instansi.slug, "jenis": "topik", "pk": t.pk})

    assert moderator.post(url, {"alasan": "x"}).status_code == 404
    t.refresh_from_db()
    assert not t.tersembunyi


def test_an_unknown_kind_of_post_is_404(moderator, instansi):
    assert (
        moderator.post(f"/kelola/forum/{instansi.slug}/moderasi/pengguna/1/sembunyikan/").status_code == 404
    )


def test_blocking_the_author_stops_his_posts_and_unblocking_lifts_it(moderator, masuk, penulis, instansi):
    t = topik(penulis, instansi)

    r = moderator.post(url_aksi("blokir", t), {"alasan": "Spam berulang"})
    assert r.status_code == 303
    blokir = Blokir.objects.get(pengguna=penulis, dicabut_pada__isnull=True)
    assert "Joko Penulis" in teks(moderator.get(url_moderasi(instansi)))

    klien = masuk(penulis)
    r = klien.post(reverse("forum:balas", kwargs={"instansi": instansi.slug, "pk": t.pk}), {"isi": "Halo"})
    assert r.status_code == 403
    assert not Balasan.objects.exists()

    moderator.post(reverse("forum:cabut_blokir", kwargs={"instansi": instansi.slug, "pk": blokir.pk}))
    blokir.refresh_from_db()
    assert blokir.dicabut_pada is not None
    r = klien.post(reverse("forum:balas", kwargs={"instansi": instansi.slug, "pk": t.pk}), {"isi": "Halo"})
    assert r.status_code == 303
    assert [log.aksi for log in LogModerasi.objects.order_by("id")] == ["blokir", "cabut_blokir"]


def test_blocking_needs_a_reason(moderator, penulis, instansi):
    t = topik(penulis, instansi)

    moderator.post(url_aksi("blokir", t), {"alasan": ""})

    assert not Blokir.objects.exists()


def test_an_admin_cannot_be_blocked(moderator, admin_instansi, instansi):
    t = topik(admin_instansi, instansi)

    r = moderator.post(url_aksi("blokir", t), {"alasan": "x"}, follow=True)

    assert not Blokir.objects.exists()
    assert any("tidak bisa" in p for p in pesan(r))


def test_an_anonim_complainant_cannot_be_blocked_nor_named(moderator, penulis, unit, instansi):
    t = pengaduan(penulis, unit, privasi=Topik.Privasi.ANONIM)
    for _ in range(3):
        tanda_beri(pengguna=PenggunaFactory.create(), alasan="kasar", topik=t)

    html = teks(moderator.get(url_moderasi(instansi)))
    assert "Pelapor anonim" in html
    assert "Joko" not in html
    assert url_aksi("blokir", t) not in html

    moderator.post(url_aksi("blokir", t), {"alasan": "x"})
    assert not Blokir.objects.exists()


def test_the_log_lists_every_action(moderator, penulis, instansi):
    t = topik(penulis, instansi)
    moderator.post(url_aksi("sembunyikan", t), {"alasan": "Alasan pertama"})
    moderator.post(url_aksi("pulihkan", t), {"alasan": "Alasan kedua"})

    html = teks(moderator.get(url_moderasi(instansi)))

    assert "Alasan pertama" in html
    assert "Alasan kedua" in html


def test_moderation_actions_are_post_only(moderator, penulis, instansi):
    t = topik(penulis, instansi)

    assert moderator.get(url_aksi("sembunyikan", t)).status_code == 405


def test_the_topic_page_offers_moderation_only_to_moderators(moderator, masuk, penulis, instansi, evaluator):
    t = topik(penulis, instansi)
    aksi = url_aksi("sembunyikan", t)

    assert aksi in teks(moderator.get(t.get_absolute_url()))
    assert aksi not in teks(masuk(evaluator, totp=True).get(t.get_absolute_url()))


def test_a_moderator_blocks_the_author_from_the_topic_page(moderator, penulis, unit, instansi):
    t = topik(penulis, instansi)
    anonim = pengaduan(penulis, unit, privasi=Topik.Privasi.ANONIM)

    assert url_aksi("blokir", t) in teks(moderator.get(t.get_absolute_url()))
    assert url_aksi("blokir", anonim) not in teks(moderator.get(anonim.get_absolute_url()))
    r = moderator.post(url_aksi("blokir", t), {"alasan": "Spam", "next": t.get_absolute_url()})

    assert r["Location"] == t.get_absolute_url()
    assert Blokir.objects.filter(pengguna=penulis, instansi=instansi).exists()
