"""/kelola/survei/<kode>/: a survey's status, links and sample progress per unit."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.models import Respons, Survei
from tests.factories import LayananFactory, UnitLayananFactory
from tests.survei.test_selectors import buat_survei, tambah_respons

Masuk = Callable[..., Client]


def url(survei: Survei) -> str:
    return reverse("survei:kelola_detail", kwargs={"kode": survei.kode})


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return buat_survei((unit, 1000), (unit_lain, None), judul="SKM Palembang 2025", buka=True)


@pytest.fixture
def klien(evaluator: Pengguna, masuk: Masuk) -> Client:
    return masuk(evaluator, totp=True)


def teks(html: str) -> str:
    """The page as a reader sees it: tags dropped, white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def baris_unit(html: str, nama: str) -> str:
    cocok = re.search(rf"<tr>\s*<th scope=\"row\">{re.escape(nama)}</th>(.*?)</tr>", html, re.S)
    assert cocok, nama
    return teks(cocok.group(1))


# Who may open the page ----------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(client: Client, survei: Survei) -> None:
    respons = client.get(url(survei))

    assert respons.status_code == 302
    assert respons["Location"] == f"{reverse('account_login')}?next={url(survei)}"


@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator_lain", "admin_lain"])
def test_others_are_refused(aktor: str, masuk: Masuk, request: pytest.FixtureRequest, survei: Survei) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(url(survei))

    assert respons.status_code == 403
    assert "SKM Palembang 2025" not in respons.content.decode()


@pytest.mark.parametrize("aktor", ["evaluator", "admin_instansi", "superuser"])
def test_evaluators_admins_and_superusers_see_the_survey(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest, survei: Survei
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(url(survei))

    assert respons.status_code == 200
    assert "SKM Palembang 2025" in respons.content.decode()


def test_unknown_code_is_not_found(klien: Client) -> None:
    assert klien.get(reverse("survei:kelola_detail", kwargs={"kode": "tidakada"})).status_code == 404


# What it shows ------------------------------------------------------------------------------


def test_it_shows_status_period_public_link_and_questionnaire(klien: Client, survei: Survei) -> None:
    html = klien.get(url(survei)).content.decode()

    halaman = teks(html)
    assert "Terbuka" in halaman
    assert "Semester I 2025 (1 Januari 2025 – 30 Juni 2025)" in halaman
    assert f'href="http://testserver/s/{survei.kode}/"' in html
    assert survei.kuesioner.nama in halaman
    assert "9 unsur" in halaman


def test_it_shows_the_hand_computed_progress_with_a_decimal_comma(
    klien: Client, survei: Survei, unit: UnitLayanan
) -> None:
    tambah_respons(survei, unit, 60)
    tambah_respons(survei, unit, 40, sumber=Respons.Sumber.KERTAS)

    html = klien.get(url(survei)).content.decode()

    # Responses, online, paper, population, required sample, margin, progress.
    assert baris_unit(html, unit.nama).strip() == "100 60 40 1.000 278 9,30% 35% (100 dari 278)"
    assert '<progress max="278" value="100"' in html


def test_unknown_population_shows_a_dash_and_explains_385(
    klien: Client, survei: Survei, unit_lain: UnitLayanan
) -> None:
    tambah_respons(survei, unit_lain, 5, sumber=Respons.Sumber.KIOS)

    html = klien.get(url(survei)).content.decode()

    baris = baris_unit(html, unit_lain.nama)
    assert baris.split()[:5] == ["5", "5", "0", "—", "—"]
    # Margin without population correction: sqrt(3.841 * 0.25 / 5) = 43,82%.
    assert "43,82%" in baris
    assert "1% (5 dari 385)" in baris
    assert "Tanpa perkiraan populasi, rumus Krejcie-Morgan memberi 385 responden" in teks(html)


def test_a_unit_without_responses_has_no_margin(klien: Client, survei: Survei, unit: UnitLayanan) -> None:
    baris = baris_unit(klien.get(url(survei)).content.decode(), unit.nama)

    assert baris.split()[:6] == ["0", "0", "0", "1.000", "278", "—"]


def test_the_totals_row_adds_the_units(klien: Client, unit: UnitLayanan, unit_lain: UnitLayanan) -> None:
    survei = buat_survei((unit, 1000), (unit_lain, 100), buka=True)
    tambah_respons(survei, unit, 278)
    tambah_respons(survei, unit_lain, 20, sumber=Respons.Sumber.IMPOR)

    html = klien.get(url(survei)).content.decode()

    jumlah = teks(re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1))  # type: ignore[union-attr]
    # Margin pooled: 100 * sqrt(3.841 * 0.25 * 802 / (298 * 1099)) = 4,85%.
    assert jumlah.strip() == "Jumlah 298 278 20 1.100 358 4,85% 1 dari 2 unit mencapai sampel minimum"
    assert "tercapai" in baris_unit(html, unit.nama)


def test_english_shows_a_decimal_point(klien: Client, survei: Survei, unit: UnitLayanan) -> None:
    tambah_respons(survei, unit, 100)
    klien.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = klien.get(url(survei)).content.decode()

    assert "9.30%" in baris_unit(html, unit.nama)


def test_it_links_the_qr_images_of_each_unit_and_service(
    klien: Client, survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    akta = LayananFactory.create(unit=unit, nama="Akta kelahiran")

    html = klien.get(url(survei)).content.decode()

    kode = survei.kode
    for unit_id in (unit.pk, unit_lain.pk):
        assert f'href="/s/{kode}/qr/{unit_id}.svg"' in html
        assert f'href="/s/{kode}/qr/{unit_id}.png"' in html
    assert f'href="/s/{kode}/qr/{unit.pk}.svg?layanan={akta.pk}"' in html
    assert f'href="/s/{kode}/qr/{unit.pk}.png?layanan={akta.pk}"' in html
    assert reverse("survei:kelola_qr", kwargs={"kode": kode}) in html


@pytest.mark.parametrize(
    ("status", "tombol", "tujuan"),
    [
        (Survei.Status.DRAFT, "Buka survei", "survei:kelola_buka"),
        (Survei.Status.TERBUKA, "Tutup survei", "survei:kelola_tutup"),
        (Survei.Status.DITUTUP, "Buka kembali survei", "survei:kelola_buka"),
    ],
)
def test_it_offers_the_next_transition_as_a_post_button(
    status: str, tombol: str, tujuan: str, klien: Client, survei: Survei
) -> None:
    Survei.objects.filter(pk=survei.pk).update(status=status)

    html = klien.get(url(survei)).content.decode()

    aksi = reverse(tujuan, kwargs={"kode": survei.kode})
    assert re.search(rf'<form method="post" action="{aksi}">.*?{tombol}</button>', html)


def test_the_page_costs_the_same_queries_for_many_units(
    evaluator: Pengguna,
    masuk: Masuk,
    unit: UnitLayanan,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    daftar_unit = [unit, *UnitLayananFactory.create_batch(15, instansi=unit.instansi)]
    survei = buat_survei(*[(u, 500) for u in daftar_unit], buka=True)
    for u in daftar_unit:
        LayananFactory.create(unit=u)
        tambah_respons(survei, u, 1)
    klien = masuk(evaluator, totp=True)

    with django_assert_max_num_queries(12):
        respons = klien.get(url(survei))

    assert respons.status_code == 200
    assert len(respons.context["kemajuan"].unit) == 16


def test_the_detail_page_links_to_paper_entry_import_and_export_while_open(masuk, evaluator, instansi, unit):
    from tests.survei.test_selectors import buat_survei

    survei = buat_survei((unit, 1000), buka=True)
    html = masuk(evaluator, totp=True).get(f"/kelola/survei/{survei.kode}/").content.decode()
    for tautan in ("kertas/", "impor/", "ekspor.csv", "ekspor.xlsx", f"/s/{survei.kode}/qr/{unit.pk}.svg"):
        assert tautan in html
