"""/kelola/: the instansi a user may evaluate, with their surveys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from akun.models import Pengguna
from organisasi.models import Instansi, UnitLayanan
from tests.survei.test_selectors import buat_survei, tambah_respons

Masuk = Callable[..., Client]
URL = reverse("survei:kelola_beranda")


def test_anonymous_visitor_is_sent_to_login(client: Client, db: None) -> None:
    respons = client.get(URL)

    assert respons.status_code == 302
    assert respons["Location"] == f"{reverse('account_login')}?next={URL}"


@pytest.mark.parametrize("aktor", ["warga", "petugas"])
def test_user_without_evaluator_rights_is_refused(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(URL)

    assert respons.status_code == 403
    assert "Anda tidak berwenang mengevaluasi instansi ini." in respons.content.decode()


@pytest.mark.parametrize("aktor", ["evaluator", "admin_instansi"])
def test_evaluator_and_admin_see_their_instansi_with_its_surveys(
    aktor: str,
    masuk: Masuk,
    request: pytest.FixtureRequest,
    instansi: Instansi,
    unit: UnitLayanan,
    unit_instansi_lain: UnitLayanan,
) -> None:
    survei = buat_survei((unit, None), judul="SKM Disdukcapil 2025", buka=True)
    tambah_respons(survei, unit, 3)
    buat_survei((unit_instansi_lain, None), judul="SKM Dishub Jambi")

    respons = masuk(request.getfixturevalue(aktor), totp=True).get(URL)

    html = respons.content.decode()
    assert respons.status_code == 200
    assert [d.instansi for d in respons.context["daftar"]] == [instansi]
    assert "SKM Disdukcapil 2025" in html
    assert reverse("survei:kelola_detail", kwargs={"kode": survei.kode}) in html
    assert reverse("survei:kelola_buat", kwargs={"instansi": "palembang"}) in html
    assert "Terbuka" in html
    assert "SKM Dishub Jambi" not in html


def test_evaluator_of_another_instansi_does_not_see_instansi_i(
    evaluator_lain: Pengguna, masuk: Masuk, unit: UnitLayanan, instansi_lain: Instansi
) -> None:
    buat_survei((unit, None), judul="SKM Disdukcapil 2025")

    respons = masuk(evaluator_lain, totp=True).get(URL)

    assert respons.status_code == 200
    assert [d.instansi for d in respons.context["daftar"]] == [instansi_lain]
    assert "SKM Disdukcapil 2025" not in respons.content.decode()
    assert "Belum ada survei untuk instansi ini." in respons.content.decode()


def test_superuser_sees_every_instansi(
    superuser: Pengguna, masuk: Masuk, instansi: Instansi, instansi_lain: Instansi
) -> None:
    respons = masuk(superuser, totp=True).get(URL)

    assert respons.status_code == 200
    assert {d.instansi for d in respons.context["daftar"]} == {instansi, instansi_lain}


def test_evaluator_without_totp_is_sent_to_set_it_up(evaluator: Pengguna, masuk: Masuk) -> None:
    respons = masuk(evaluator).get(URL)

    assert respons.status_code == 302
    assert respons["Location"] == reverse("mfa_activate_totp")


def test_the_list_costs_a_bounded_number_of_queries(
    evaluator: Pengguna,
    masuk: Masuk,
    unit: UnitLayanan,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for i in range(6):
        buat_survei((unit, None), judul=f"SKM {i}")
    klien = masuk(evaluator, totp=True)

    with django_assert_max_num_queries(12):
        assert klien.get(URL).status_code == 200


def test_each_instansi_links_to_its_analysis_dashboard(masuk, evaluator, instansi):
    html = masuk(evaluator, totp=True).get("/kelola/").content.decode()
    assert f'href="/kelola/analitik/{instansi.slug}/"' in html
