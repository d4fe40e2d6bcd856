"""/s/: the open surveys, grouped by instansi and unit, with a search box."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from organisasi.models import Instansi, UnitLayanan
from survei.models import Kuesioner, Survei
from tests.factories import LayananFactory
from tests.survei.conftest_publik import *  # noqa: F403
from tests.survei.conftest_publik import _survei

pytestmark = pytest.mark.django_db


def halaman(client: Client, q: str | None = None) -> str:
    respons = client.get(reverse("survei:daftar"), {"q": q} if q is not None else {})
    assert respons.status_code == 200
    return respons.content.decode()


def tautan_unit(html: str) -> list[str]:
    return re.findall(r'<li><a class="tombol[^"]*" href="([^"]+)">', html)


def test_it_lists_each_unit_of_an_open_survey_with_a_link_to_its_form(
    client: Client, survei_skm: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    html = halaman(client)

    assert "Pemerintah Kota Palembang" in html
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert sorted(tautan_unit(html)) == sorted(
        [f"/s/{survei_skm.kode}/?unit={unit.pk}", f"/s/{survei_skm.kode}/?unit={unit_lain.pk}"]
    )


def test_it_leaves_out_drafts_and_closed_surveys(
    client: Client, survei_draft: Survei, survei_ditutup: Survei
) -> None:
    html = halaman(client)

    assert tautan_unit(html) == []
    assert "Belum ada survei yang sedang dibuka." in html


def test_it_groups_units_under_their_instansi(
    client: Client,
    survei_skm: Survei,
    kuesioner_skm: Kuesioner,
    instansi_lain: Instansi,
    unit_instansi_lain: UnitLayanan,
) -> None:
    _survei(kuesioner_skm, unit_instansi_lain, judul="SKM Jambi")

    html = halaman(client)

    jambi, palembang = html.index("Pemerintah Kota Jambi"), html.index("Pemerintah Kota Palembang")
    assert jambi < html.index("Dinas Perhubungan Jambi") < palembang
    assert palembang < html.index("Dinas Kesehatan")


@pytest.mark.parametrize("q", ["KEPENDUDUKAN", "kependudukan", "palembang", "akta kel"])
def test_the_search_matches_instansi_unit_or_service_names_ignoring_case(
    client: Client, survei_skm: Survei, unit: UnitLayanan, unit_lain: UnitLayanan, q: str
) -> None:
    links = tautan_unit(halaman(client, q))

    assert f"/s/{survei_skm.kode}/?unit={unit.pk}" in links
    if q != "palembang":
        assert f"/s/{survei_skm.kode}/?unit={unit_lain.pk}" not in links


def test_a_unit_with_several_matching_services_is_listed_once(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    LayananFactory.create(unit=unit, nama="Akta Kematian")

    assert tautan_unit(halaman(client, "akta")) == [f"/s/{survei_skm.kode}/?unit={unit.pk}"]


def test_the_search_ignores_inactive_services(client: Client, survei_skm: Survei, unit: UnitLayanan) -> None:
    LayananFactory.create(unit=unit, nama="Legalisir Lama", aktif=False)

    assert tautan_unit(halaman(client, "legalisir")) == []


def test_a_search_without_result_says_so_and_offers_the_whole_list(
    client: Client, survei_skm: Survei
) -> None:
    html = halaman(client, "tidak-ada-yang-cocok")

    assert tautan_unit(html) == []
    assert "Tidak ada survei terbuka yang cocok dengan “tidak-ada-yang-cocok”." in html
    assert 'href="/s/">Tampilkan semua survei</a>' in html


def test_the_search_text_is_escaped_and_kept_in_the_box(client: Client, survei_skm: Survei) -> None:
    html = halaman(client, '<script>alert("x")</script>')

    assert "<script>alert" not in html
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in html


def test_an_absurdly_long_search_is_cut_not_refused(client: Client, survei_skm: Survei) -> None:
    html = halaman(client, "a" * 10_000)

    assert 'value="' + "a" * 100 + '"' in html


def test_the_search_box_is_labelled(client: Client, survei_skm: Survei) -> None:
    html = halaman(client)

    assert '<label for="q">Cari instansi, unit, atau layanan</label>' in html
    assert '<input type="search" id="q" name="q"' in html
