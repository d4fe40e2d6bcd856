"""/kelola/survei/<kode>/populasi/: estimated populations arrive late and are set afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.models import Survei, SurveiUnit
from tests.survei.test_selectors import buat_survei

Masuk = Callable[..., Client]


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return buat_survei((unit, None), (unit_lain, 400))


@pytest.fixture
def klien(evaluator: Pengguna, masuk: Masuk) -> Client:
    return masuk(evaluator, totp=True)


def url(survei: Survei) -> str:
    return reverse("survei:kelola_populasi", kwargs={"kode": survei.kode})


def kunci(survei: Survei, unit: UnitLayanan) -> str:
    return f"populasi_{SurveiUnit.objects.get(survei=survei, unit=unit).pk}"


def populasi(survei: Survei) -> dict[int, int | None]:
    return dict(SurveiUnit.objects.filter(survei=survei).values_list("unit", "populasi"))


def test_the_form_shows_the_current_estimates(klien: Client, survei: Survei, unit_lain: UnitLayanan) -> None:
    html = klien.get(url(survei)).content.decode()

    assert f'name="{kunci(survei, unit_lain)}" value="400"' in html
    assert unit_lain.nama in html


def test_it_stores_new_estimates_and_clears_one(
    klien: Client, survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    respons = klien.post(
        url(survei), {kunci(survei, unit): "1000", kunci(survei, unit_lain): ""}, follow=True
    )

    assert populasi(survei) == {unit.pk: 1000, unit_lain.pk: None}
    assert respons.redirect_chain == [(reverse("survei:kelola_detail", kwargs={"kode": survei.kode}), 302)]
    assert "Perkiraan populasi disimpan." in respons.content.decode()
    # The detail page now computes the required sample from it.
    assert "278" in respons.content.decode()


def test_estimates_may_change_after_the_survey_closed(
    klien: Client, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    survei = buat_survei((unit, None), buka=True)
    klien.post(reverse("survei:kelola_tutup", kwargs={"kode": survei.kode}))

    klien.post(url(survei), {kunci(survei, unit): "250"})

    assert populasi(survei) == {unit.pk: 250}


@pytest.mark.parametrize("nilai", ["-1", "0", "dua ratus", "12.5"])
def test_a_bad_number_is_refused_and_nothing_is_stored(
    nilai: str, klien: Client, survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    respons = klien.post(url(survei), {kunci(survei, unit): "1000", kunci(survei, unit_lain): nilai})

    assert respons.status_code == 200
    assert respons.context["form"].errors[kunci(survei, unit_lain)] == [
        "Isi dengan bilangan bulat paling sedikit 1, atau kosongkan bila belum diketahui."
    ]
    assert "Isi dengan bilangan bulat paling sedikit 1" in respons.content.decode()
    assert populasi(survei) == {unit.pk: None, unit_lain.pk: 400}


def test_a_row_of_another_survey_tampered_into_the_post_is_ignored(
    klien: Client, survei: Survei, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    asing = buat_survei((unit_instansi_lain, 10))
    kunci_asing = kunci(asing, unit_instansi_lain)

    klien.post(url(survei), {kunci(survei, unit): "5", kunci_asing: "99999"})

    assert populasi(asing) == {unit_instansi_lain.pk: 10}


def test_anonymous_visitor_is_sent_to_login(client: Client, survei: Survei) -> None:
    respons = client.get(url(survei))

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator_lain", "admin_lain"])
def test_others_are_refused_and_nothing_changes(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest, survei: Survei, unit: UnitLayanan
) -> None:
    klien = masuk(request.getfixturevalue(aktor), totp=True)

    assert klien.get(url(survei)).status_code == 403
    assert klien.post(url(survei), {kunci(survei, unit): "5"}).status_code == 403
    assert populasi(survei)[unit.pk] is None


@pytest.mark.parametrize("aktor", ["admin_instansi", "superuser"])
def test_admins_and_superusers_may_set_estimates(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest, survei: Survei, unit: UnitLayanan
) -> None:
    masuk(request.getfixturevalue(aktor), totp=True).post(url(survei), {kunci(survei, unit): "77"})

    assert populasi(survei)[unit.pk] == 77
