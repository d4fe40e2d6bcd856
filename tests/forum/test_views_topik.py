"""The topic page (/forum/<instansi>/<pk>/) for every actor: privacy (rahasia, anonim), hidden
posts, official answers, reply pages, and hostile Markdown rendered inert."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.models import Balasan, Topik
from forum.services import balasan_buat
from forum.services_moderasi import moderasi_sembunyikan
from forum.services_pengaduan import pengaduan_verifikasi

from ..e2e.muatan_xss import MUATAN_XSS
from .bantu_views import pengaduan, pengaduan_terjawab, periksa_inert, teks, topik, verifikasi

pytestmark = pytest.mark.django_db

Privasi = Topik.Privasi


def url(t: Topik) -> str:
    return reverse("forum:topik", kwargs={"instansi": t.instansi.slug, "pk": t.pk})


@pytest.fixture
def pelapor(django_user_model):
    from tests.factories import PenggunaFactory

    return PenggunaFactory.create(email="pelapor.rahasia@contoh.id", first_name="Siti", last_name="Pelapor")


def klien_untuk(nama, request, masuk, client):
    """A client signed in as the conftest actor `nama` (anonim: the plain client)."""
    if nama == "anonim":
        return client
    pengguna = request.getfixturevalue(nama)
    return masuk(
        pengguna, totp=nama in ("evaluator", "evaluator_lain", "admin_instansi", "admin_lain", "superuser")
    )


AKTOR = [
    "anonim",
    "warga",
    "petugas",
    "petugas_lain",
    "evaluator",
    "evaluator_lain",
    "admin_instansi",
    "superuser",
]


@pytest.mark.parametrize("nama", AKTOR)
def test_a_public_topic_is_open_to_every_actor(nama, request, masuk, client, warga, instansi, unit):
    t = topik(warga, instansi, unit=unit, judul="Parkir di kantor Disdukcapil")

    r = klien_untuk(nama, request, masuk, client).get(url(t))

    assert r.status_code == 200
    assert "Parkir di kantor Disdukcapil" in teks(r)
    assert "<strong>panjang</strong>" in teks(r)


@pytest.mark.parametrize(
    ("nama", "status"),
    [
        ("anonim", 404),
        ("warga", 404),
        ("petugas", 200),
        ("petugas_lain", 404),
        ("evaluator", 200),
        ("evaluator_lain", 404),
        ("admin_instansi", 200),
        ("superuser", 200),
    ],
)
def test_a_rahasia_complaint_is_404_to_everyone_without_the_right(
    nama, status, request, masuk, client, pelapor, unit
):
    t = pengaduan(pelapor, unit, privasi=Privasi.RAHASIA, judul="Pungli di loket 3")

    r = klien_untuk(nama, request, masuk, client).get(url(t))

    assert r.status_code == status
    assert ("Pungli di loket 3" in teks(r)) == (status == 200)


def test_a_rahasia_complaint_is_open_to_its_complainant(masuk, pelapor, unit):
    t = pengaduan(pelapor, unit, privasi=Privasi.RAHASIA)

    assert masuk(pelapor).get(url(t)).status_code == 200


def test_a_rahasia_complaint_is_missing_from_the_public_list(client, pelapor, unit):
    pengaduan(pelapor, unit, privasi=Privasi.RAHASIA, judul="Pungli di loket 3")

    r = client.get(reverse("forum:daftar"))

    assert "Pungli di loket 3" not in teks(r)


@pytest.mark.parametrize("nama", ["anonim", "warga", "petugas", "evaluator", "admin_instansi"])
def test_an_anonim_complainant_is_never_named_to_the_public_nor_to_the_unit(
    nama, request, masuk, client, pelapor, unit, petugas
):
    t = pengaduan(pelapor, unit, privasi=Privasi.ANONIM)
    balasan_buat(topik=t, pengguna=pelapor, isi="Tambahan dari saya.")
    verifikasi(petugas)
    pengaduan_verifikasi(topik=t, pengguna=petugas)

    html = teks(klien_untuk(nama, request, masuk, client).get(url(t)))

    assert "Tambahan dari saya." in html
    assert "Pelapor anonim" in html
    assert "Siti" not in html
    assert "Pelapor" not in html.replace("Pelapor anonim", "")
    assert "pelapor.rahasia@contoh.id" not in html


def test_an_anonim_complainant_sees_his_own_name(masuk, pelapor, unit):
    t = pengaduan(pelapor, unit, privasi=Privasi.ANONIM)

    html = teks(masuk(pelapor).get(url(t)))

    assert "Siti Pelapor" in html


def test_the_unit_sees_the_contact_of_a_public_complainant_but_not_the_public(
    masuk, client, pelapor, unit, petugas
):
    t = pengaduan(pelapor, unit)

    assert "pelapor.rahasia@contoh.id" in teks(masuk(petugas).get(url(t)))
    assert "pelapor.rahasia@contoh.id" not in teks(client.get(url(t)))


def test_an_unknown_topic_or_wrong_instansi_is_404(client, warga, instansi, instansi_lain):
    t = topik(warga, instansi)

    assert (
        client.get(reverse("forum:topik", kwargs={"instansi": instansi.slug, "pk": t.pk + 100})).status_code
        == 404
    )
    assert (
        client.get(reverse("forum:topik", kwargs={"instansi": instansi_lain.slug, "pk": t.pk})).status_code
        == 404
    )


def test_a_hidden_reply_shows_a_placeholder_to_the_public_and_its_content_to_moderators(
    client, masuk, warga, petugas, instansi, admin_instansi
):
    t = topik(warga, instansi)
    verifikasi(petugas)
    b = balasan_buat(topik=t, pengguna=petugas, isi="Isi yang melanggar aturan")
    moderasi_sembunyikan(moderator=admin_instansi, alasan="Kasar", balasan=b)

    publik = teks(client.get(url(t)))
    moderator = teks(masuk(admin_instansi, totp=True).get(url(t)))

    assert "Disembunyikan oleh moderator" in publik
    assert "Isi yang melanggar aturan" not in publik
    assert "Isi yang melanggar aturan" in moderator
    assert "Kasar" in moderator


def test_a_hidden_topic_is_a_placeholder_404_to_the_public_and_open_to_moderators(
    client, masuk, warga, instansi, admin_instansi
):
    t = topik(warga, instansi, judul="Judul yang disembunyikan")
    moderasi_sembunyikan(moderator=admin_instansi, alasan="Spam", topik=t)

    r = client.get(url(t))
    assert r.status_code == 404
    assert "Disembunyikan oleh moderator" in teks(r)
    assert "Judul yang disembunyikan" not in teks(r)

    r = masuk(admin_instansi, totp=True).get(url(t))
    assert r.status_code == 200
    assert "Judul yang disembunyikan" in teks(r)


def test_an_official_answer_is_marked(client, pelapor, unit, petugas):
    t = pengaduan_terjawab(pelapor, unit, petugas)

    html = teks(client.get(url(t)))

    assert "Jawaban resmi" in html
    assert "KTP Anda sudah dicetak" in html
    assert "posting--resmi" in html


def test_replies_are_paginated(client, warga, petugas, instansi, settings):
    settings.FORUM_BATAS_LAJU = (1000, 600)
    t = topik(warga, instansi)
    verifikasi(petugas)
    for i in range(25):
        balasan_buat(topik=t, pengguna=petugas, isi=f"Balasan nomor {i:02d}")

    halaman_1 = teks(client.get(url(t)))
    halaman_2 = teks(client.get(url(t) + "?halaman=2"))

    assert "Balasan nomor 00" in halaman_1
    assert "Balasan nomor 19" in halaman_1
    assert "Balasan nomor 20" not in halaman_1
    assert "Balasan nomor 24" in halaman_2
    assert "Balasan nomor 00" not in halaman_2
    assert "25 balasan" in halaman_1
    assert client.get(url(t) + "?halaman=xyz").status_code == 200
    assert "Balasan nomor 24" in teks(client.get(url(t) + "?halaman=last"))


@pytest.mark.parametrize("muatan", MUATAN_XSS)
def test_hostile_text_renders_inert(muatan, client, warga, petugas, instansi):
    t = topik(warga, instansi, judul=muatan[:200], isi=muatan)
    verifikasi(petugas)
    balasan_buat(topik=t, pengguna=petugas, isi=muatan)

    html = teks(client.get(url(t)))

    assert "<script" not in html.lower()
    periksa_inert(html)
    # The typed text is still there for people to read, as text.
    assert "xss-" not in muatan or "xss-" in html


def test_a_topic_lists_its_penataan_and_unit(client, warga, instansi, unit):
    from tests.factories import PenataanFactory

    p = PenataanFactory.create(instansi=instansi, judul="Penggabungan Dinas Perizinan")
    t = topik(warga, instansi, unit=unit, penataan=p)

    html = teks(client.get(url(t)))

    assert "Penggabungan Dinas Perizinan" in html
    assert unit.nama in html


def test_a_reply_counts_and_support_show_on_the_page(client, warga, petugas, instansi):
    t = topik(warga, instansi)
    verifikasi(petugas)
    balasan_buat(topik=t, pengguna=petugas, isi="Sudah kami catat.")

    html = teks(client.get(url(t)))

    assert "1 balasan" in html
    assert Balasan.objects.filter(topik=t).count() == 1


def test_the_pages_query_count_does_not_grow_with_the_replies(
    client, masuk, warga, petugas, instansi, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FORUM_BATAS_LAJU = (1000, 600)
    t = topik(warga, instansi)
    verifikasi(petugas)
    balasan_buat(topik=t, pengguna=petugas, isi="Pertama")
    klien = masuk(warga)
    with CaptureQueriesContext(connection) as satu:
        klien.get(url(t))
    for i in range(19):
        balasan_buat(topik=t, pengguna=petugas, isi=f"Balasan {i}")
    with CaptureQueriesContext(connection) as banyak:
        klien.get(url(t))

    assert len(banyak) == len(satu)


def test_the_lists_query_count_does_not_grow_with_the_topics(
    client, warga, petugas, unit, instansi, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FORUM_BATAS_LAJU = (1000, 600)
    topik(warga, instansi, unit=unit)
    pengaduan(warga, unit, privasi=Privasi.ANONIM)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(reverse("forum:daftar"))
    for i in range(10):
        topik(warga, instansi, unit=unit, judul=f"Topik {i}")
        pengaduan(warga, unit, privasi=Privasi.ANONIM, judul=f"Aduan {i}")
    with CaptureQueriesContext(connection) as banyak:
        client.get(reverse("forum:daftar"))

    assert len(banyak) == len(sedikit)
