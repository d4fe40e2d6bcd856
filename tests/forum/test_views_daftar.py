"""The topic lists (/forum/ and /forum/<instansi>/): filters, search on SQLite and PostgreSQL,
pagination, what each actor sees, and the "choose an instansi" step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.models import Topik
from forum.services_pengaduan import pengaduan_verifikasi
from tests.factories import PenataanFactory, PenggunaFactory

from .bantu_views import pengaduan, teks, topik, verifikasi

pytestmark = pytest.mark.django_db

DAFTAR = reverse("forum:daftar")


def daftar_instansi(instansi) -> str:
    return reverse("forum:daftar_instansi", kwargs={"instansi": instansi.slug})


@pytest.fixture
def penulis(db):
    return PenggunaFactory.create(email="penulis@contoh.id", first_name="Budi", last_name="Santoso")


@pytest.fixture
def topik_contoh(penulis, instansi, instansi_lain, unit, unit_lain, unit_instansi_lain, petugas, settings):
    settings.FORUM_BATAS_LAJU = (1000, 600)
    verifikasi(petugas)
    hasil = {
        "diskusi": topik(penulis, instansi, unit=unit, judul="Jam buka kantor kecamatan"),
        "usulan": topik(
            penulis, instansi, unit=unit_lain, jenis="usulan", judul="Usulan antrean daring puskesmas"
        ),
        "pengaduan": pengaduan(penulis, unit, judul="Petugas loket tidak ramah"),
        "diverifikasi": pengaduan(penulis, unit, judul="Formulir akta hilang"),
        "lain": topik(penulis, instansi_lain, unit=unit_instansi_lain, judul="Terminal bus Jambi kotor"),
    }
    pengaduan_verifikasi(topik=hasil["diverifikasi"], pengguna=petugas)
    return hasil


def test_the_forum_lists_topics_of_every_instansi(client, topik_contoh):
    html = teks(client.get(DAFTAR))

    for judul in ("Jam buka kantor kecamatan", "Terminal bus Jambi kotor", "Petugas loket tidak ramah"):
        assert judul in html
    assert "Budi Santoso" in html
    assert "penulis@contoh.id" not in html


def test_an_instansi_page_lists_only_its_topics(client, topik_contoh, instansi):
    html = teks(client.get(daftar_instansi(instansi)))

    assert "Jam buka kantor kecamatan" in html
    assert "Terminal bus Jambi kotor" not in html


def test_an_unknown_instansi_is_404(client, db):
    assert client.get(reverse("forum:daftar_instansi", kwargs={"instansi": "tidak-ada"})).status_code == 404


@pytest.mark.parametrize(
    ("kueri", "ada", "tidak_ada"),
    [
        ({"jenis": "usulan"}, ["Usulan antrean daring"], ["Jam buka kantor", "Petugas loket"]),
        ({"jenis": "pengaduan"}, ["Petugas loket", "Formulir akta"], ["Jam buka kantor"]),
        ({"status": "diverifikasi"}, ["Formulir akta"], ["Petugas loket", "Jam buka kantor"]),
        ({"status": "diterima"}, ["Petugas loket"], ["Formulir akta"]),
    ],
)
def test_the_filters_narrow_the_list(client, topik_contoh, instansi, kueri, ada, tidak_ada):
    html = teks(client.get(daftar_instansi(instansi), kueri))

    for judul in ada:
        assert judul in html
    for judul in tidak_ada:
        assert judul not in html


def test_the_unit_filter_takes_the_instansis_units(client, topik_contoh, instansi, unit_lain):
    html = teks(client.get(daftar_instansi(instansi), {"unit": unit_lain.pk}))

    assert "Usulan antrean daring puskesmas" in html
    assert "Jam buka kantor kecamatan" not in html


def test_the_instansi_filter_on_the_forum_page(client, topik_contoh, instansi_lain):
    html = teks(client.get(DAFTAR, {"instansi": instansi_lain.slug}))

    assert "Terminal bus Jambi kotor" in html
    assert "Jam buka kantor kecamatan" not in html


@pytest.mark.parametrize(
    "kueri",
    [
        {"jenis": "bukan-jenis"},
        {"status": "<script>"},
        {"unit": "abc"},
        {"unit": "999999"},
        {"instansi": "tidak-ada"},
        {"halaman": "-3"},
        {"halaman": "99999"},
        {"penataan": "x"},
        {"q": "a" * 500},
    ],
)
def test_bad_filter_values_are_reported_not_a_500(client, topik_contoh, instansi, kueri):
    r = client.get(daftar_instansi(instansi), kueri)

    assert r.status_code == 200
    assert "<script>" not in teks(r).split('id="konten"')[1]


def test_a_bad_filter_is_left_out_and_shown_as_an_error(client, topik_contoh, instansi):
    html = teks(client.get(daftar_instansi(instansi), {"jenis": "bukan-jenis"}))

    assert "errorlist" in html
    assert "Jam buka kantor kecamatan" in html


@pytest.mark.parametrize(
    ("q", "ada", "tidak_ada"),
    [
        ("kecamatan", ["Jam buka kantor kecamatan"], ["Usulan antrean daring"]),
        ("ANTREAN daring", ["Usulan antrean daring puskesmas"], ["Jam buka kantor"]),
        ("panjang", ["Jam buka kantor kecamatan", "Usulan antrean daring"], []),  # in the body
        ("tidakadayangcocok", [], ["Jam buka kantor", "Usulan antrean"]),
    ],
)
def test_search_finds_words_in_title_and_body(client, topik_contoh, instansi, q, ada, tidak_ada):
    """On SQLite a substring match, on PostgreSQL full-text search: the suite runs on both."""
    html = teks(client.get(daftar_instansi(instansi), {"q": q}))

    for judul in ada:
        assert judul in html
    for judul in tidak_ada:
        assert judul not in html


def test_search_never_reveals_a_rahasia_complaint(client, masuk, warga, unit, topik_contoh):
    pengaduan(warga, unit, privasi=Topik.Privasi.RAHASIA, judul="Rahasia tentang pungutan liar")

    assert "Rahasia tentang pungutan" not in teks(client.get(DAFTAR, {"q": "pungutan"}))
    assert "Rahasia tentang pungutan" in teks(masuk(warga).get(DAFTAR, {"q": "pungutan"}))


def test_the_list_is_paginated(client, warga, instansi, settings):
    settings.FORUM_BATAS_LAJU = (1000, 600)
    for i in range(23):
        topik(warga, instansi, judul=f"Topik nomor {i:02d}")

    halaman_1 = teks(client.get(daftar_instansi(instansi)))
    halaman_2 = teks(client.get(daftar_instansi(instansi), {"halaman": 2}))

    # Newest activity first: 22..03 on the first page, 02..00 on the second.
    assert "Topik nomor 22" in halaman_1
    assert "Topik nomor 02" not in halaman_1
    assert "Topik nomor 02" in halaman_2
    assert "Topik nomor 22" not in halaman_2
    assert "Halaman 1 dari 2" in halaman_1
    assert "23 topik" in halaman_1


def test_pagination_keeps_the_filters(client, warga, instansi, settings):
    settings.FORUM_BATAS_LAJU = (1000, 600)
    for i in range(21):
        topik(warga, instansi, jenis="pertanyaan", judul=f"Pertanyaan {i}")

    html = teks(client.get(daftar_instansi(instansi), {"jenis": "pertanyaan"}))

    assert "?jenis=pertanyaan&amp;halaman=2" in html


def test_the_penataan_filter_lists_its_discussion(client, warga, instansi):
    p = PenataanFactory.create(instansi=instansi, judul="Penggabungan DPMPTSP")
    topik(warga, instansi, penataan=p, judul="Apa dampak penggabungan?")
    topik(warga, instansi, judul="Topik lain")

    html = teks(client.get(daftar_instansi(instansi), {"penataan": p.pk}))

    assert "Apa dampak penggabungan?" in html
    assert "Topik lain" not in html
    assert f"?penataan={p.pk}" in html  # the "new topic" button keeps the penataan


@pytest.mark.parametrize("nama", ["anonim", "warga", "petugas", "evaluator", "admin_instansi", "superuser"])
def test_the_lists_open_for_every_actor(nama, request, masuk, client, instansi):
    if nama != "anonim":
        client = masuk(
            request.getfixturevalue(nama), totp=nama in ("evaluator", "admin_instansi", "superuser")
        )

    assert client.get(DAFTAR).status_code == 200
    assert client.get(daftar_instansi(instansi)).status_code == 200
    assert client.get(reverse("forum:pilih_instansi")).status_code == 200


def test_the_choose_step_lists_each_instansi_with_its_forms(client, instansi, instansi_lain):
    html = teks(client.get(reverse("forum:pilih_instansi")))

    assert reverse("forum:baru", kwargs={"instansi": instansi.slug}) in html
    assert reverse("forum:pengaduan_baru", kwargs={"instansi": instansi_lain.slug}) in html


def test_the_lists_accept_no_post(client, instansi):
    assert client.post(DAFTAR).status_code == 405


def test_hostile_titles_render_inert_in_the_lists(client, warga, instansi, unit, settings):
    from ..e2e.muatan_xss import MUATAN_XSS
    from .bantu_views import periksa_inert

    settings.FORUM_BATAS_LAJU = (1000, 600)
    for muatan in MUATAN_XSS[:20]:
        topik(warga, instansi, unit=unit, judul=muatan, isi=muatan)

    for alamat in (DAFTAR, daftar_instansi(instansi)):
        html = teks(client.get(alamat))
        assert "<script" not in html.lower()
        periksa_inert(html)
        assert "xss-1" in html
