"""The forum search: the same results on the list page for a fixed set of topics and queries
(PostgreSQL's ranked full-text search, SQLite's substring match), and on PostgreSQL the GIN
expression index of forum/migrations/0002_topik_cari_gin.py carrying the search."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.urls import reverse

from forum import selectors, services_moderasi
from forum.models import Topik
from tests.factories import PenggunaFactory

from .bantu_views import pengaduan, topik

pytestmark = pytest.mark.django_db

INDEKS = "topik_cari_idx"
MIGRASI = importlib.import_module("forum.migrations.0002_topik_cari_gin")
hanya_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="GIN indexes and their query plans are PostgreSQL's"
)


@pytest.fixture
def penulis(db):
    return PenggunaFactory.create(email="penulis@contoh.id")


@pytest.fixture
def topik_cari(penulis, instansi, unit, admin_instansi, settings):
    """Oldest first: on SQLite the results come newest first, on PostgreSQL best match first."""
    settings.FORUM_BATAS_LAJU = (1000, 600)
    hasil = {
        "judul": topik(
            penulis, instansi, unit=unit, judul="Loket KTP buka hari Sabtu", isi="Benarkah kabar ini?"
        ),
        "isi": topik(
            penulis,
            instansi,
            unit=unit,
            judul="Pertanyaan jam layanan",
            isi="Apakah loket KTP buka pada Sabtu pagi?",
        ),
        "satu_kata": topik(
            penulis, instansi, unit=unit, judul="Loket tutup", isi="Jam istirahat terlalu panjang."
        ),
        "parkir": topik(
            penulis,
            instansi,
            unit=unit,
            jenis="usulan",
            judul="Parkir kantor",
            isi="Parkir motor penuh setiap Sabtu.",
        ),
        "rahasia": pengaduan(
            penulis,
            unit,
            judul="Loket Sabtu dan pungutan",
            isi="Diminta uang.",
            privasi=Topik.Privasi.RAHASIA,
        ),
        "tersembunyi": topik(penulis, instansi, unit=unit, judul="Loket sabtu kasar", isi="Kata kasar."),
    }
    services_moderasi.moderasi_sembunyikan(
        moderator=admin_instansi, alasan="Kasar", topik=hasil["tersembunyi"]
    )
    return hasil


def hasil_cari(client, instansi, **kueri: str) -> list[int]:
    respons = client.get(reverse("forum:daftar_instansi", kwargs={"instansi": instansi.slug}), kueri)
    assert respons.status_code == 200
    return [b["topik"].pk for b in respons.context["baris"]]


@pytest.mark.parametrize(
    ("q", "postgresql", "sqlite"),
    [
        # A title match (weight A) ranks above a body match (weight B) on PostgreSQL.
        ("loket sabtu", ["judul", "isi"], ["isi", "judul"]),
        ("LOKET", ["satu_kata", "judul", "isi"], ["satu_kata", "isi", "judul"]),
        ("sabtu", ["judul", "parkir", "isi"], ["parkir", "isi", "judul"]),
        ("  parkir   MOTOR ", ["parkir"], ["parkir"]),
        ("ktp pagi", ["isi"], ["isi"]),
        ("tidakadakatasepertiini", [], []),
        # Whole words on PostgreSQL, substrings on SQLite.
        ("lok", [], ["satu_kata", "isi", "judul"]),
        # Operators are plain text: ignored by plainto_tsquery, searched for literally on SQLite.
        ("loket & | !", ["satu_kata", "judul", "isi"], []),
    ],
)
def test_the_search_finds_the_same_topics_in_the_same_order(
    client, instansi, topik_cari, q, postgresql, sqlite
):
    harapan = postgresql if connection.vendor == "postgresql" else sqlite

    assert hasil_cari(client, instansi, q=q) == [topik_cari[nama].pk for nama in harapan]


def test_the_search_combines_with_the_filters(client, instansi, topik_cari):
    assert hasil_cari(client, instansi, q="sabtu", jenis="usulan") == [topik_cari["parkir"].pk]
    assert hasil_cari(client, instansi, q="parkir", jenis="diskusi") == []


def test_the_search_never_shows_rahasia_or_hidden_topics_to_others(
    client, masuk, instansi, topik_cari, penulis
):
    assert hasil_cari(client, instansi, q="pungutan") == []
    assert topik_cari["tersembunyi"].pk not in hasil_cari(client, instansi, q="kasar")
    assert hasil_cari(masuk(penulis), instansi, q="pungutan") == [topik_cari["rahasia"].pk]


# The index (PostgreSQL) ------------------------------------------------------------------------


def _banyak_topik(instansi, penulis, jumlah: int = 3000) -> list[Topik]:
    """Thousands of ordinary topics and three about a bridge, written in one INSERT."""
    biasa = [
        Topik(
            instansi=instansi,
            penulis=penulis,
            judul=f"Topik nomor {i}",
            isi=f"Isi biasa {i % 97}.",
            isi_html="",
        )
        for i in range(jumlah)
    ]
    jembatan = [
        Topik(instansi=instansi, penulis=penulis, judul="Jembatan rusak", isi="Papan lepas.", isi_html=""),
        Topik(
            instansi=instansi,
            penulis=penulis,
            judul="Jalan desa",
            isi="Jembatan dekat sekolah rusak.",
            isi_html="",
        ),
        Topik(instansi=instansi, penulis=penulis, judul="Jembatan baru", isi="Kapan dibuka?", isi_html=""),
    ]
    Topik.objects.bulk_create(biasa + jembatan)
    with connection.cursor() as kursor:
        kursor.execute("ANALYZE forum_topik")
        # Only in this test's transaction: a plan that does not depend on the statistics.
        kursor.execute("SET LOCAL enable_seqscan = off")
    return jembatan


@hanya_postgresql
def test_the_search_uses_the_gin_index_on_postgresql(instansi, penulis, anonim):
    jembatan = _banyak_topik(instansi, penulis)
    qs = selectors.topik_daftar(anonim, cari="jembatan RUSAK")

    assert INDEKS in qs.explain()
    assert list(qs.values_list("pk", flat=True)) == [jembatan[0].pk, jembatan[1].pk]


@hanya_postgresql
def test_the_list_page_search_uses_the_gin_index_on_postgresql(instansi, penulis, anonim):
    """The view's own filters (instansi, jenis) with the search still go through the index."""
    _banyak_topik(instansi, penulis)
    qs = selectors.topik_daftar(anonim, instansi=instansi, jenis="diskusi", cari="jembatan")

    assert INDEKS in qs.explain()
    assert qs.count() == 3


def test_the_index_is_built_on_the_searched_expression() -> None:
    """PostgreSQL uses an expression index only for the identical expression."""
    (ekspresi,) = MIGRASI._indeks().expressions

    assert ekspresi == selectors.vektor_cari()
    assert ekspresi != SearchVector("judul", weight="A", config="indonesian") + SearchVector(
        "isi", weight="B", config="indonesian"
    )


@hanya_postgresql
def test_the_migration_creates_and_drops_the_index_on_postgresql(db):
    def ada() -> bool:
        with connection.cursor() as kursor:
            kursor.execute(
                "SELECT 1 FROM pg_indexes WHERE tablename = 'forum_topik' AND indexname = %s", [INDEKS]
            )
            return kursor.fetchone() is not None

    assert ada()
    with connection.schema_editor() as editor:
        MIGRASI.mundur(apps, editor)
    assert not ada()
    with connection.schema_editor() as editor:
        MIGRASI.maju(apps, editor)
    assert ada()
