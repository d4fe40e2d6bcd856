"""Opening and closing a survey from its page: POST only, through the services, with a message
for every outcome, and only by evaluators and admins of its instansi."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.models import Survei
from tests.factories import beri_totp
from tests.survei.test_selectors import buat_survei

Masuk = Callable[..., Client]


def url(nama: str, survei: Survei) -> str:
    return reverse(f"survei:kelola_{nama}", kwargs={"kode": survei.kode})


@pytest.fixture
def survei(unit: UnitLayanan) -> Survei:
    return buat_survei((unit, 1000))


@pytest.fixture
def klien(evaluator: Pengguna, masuk: Masuk) -> Client:
    return masuk(evaluator, totp=True)


def pesan(respons: object) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(respons.wsgi_request)]  # type: ignore[attr-defined]


def status(survei: Survei) -> str:
    survei.refresh_from_db()
    return survei.status


# Transitions ------------------------------------------------------------------------------


def test_opening_a_draft_opens_it(klien: Client, survei: Survei) -> None:
    respons = klien.post(url("buka", survei))

    assert respons.status_code == 302
    assert respons["Location"] == url("detail", survei)
    assert status(survei) == Survei.Status.TERBUKA
    assert survei.dibuka_pada is not None
    assert pesan(respons) == [
        ("success", "Survei dibuka: warga kini dapat mengisinya lewat tautan dan kode QR.")
    ]


def test_closing_an_open_survey_closes_it(klien: Client, survei: Survei) -> None:
    klien.post(url("buka", survei))

    respons = klien.post(url("tutup", survei), follow=True)

    assert status(survei) == Survei.Status.DITUTUP
    assert survei.ditutup_pada is not None
    assert "Survei ditutup: jawaban baru tidak diterima lagi." in respons.content.decode()


def test_a_closed_survey_can_be_opened_again(klien: Client, survei: Survei) -> None:
    klien.post(url("buka", survei))
    klien.post(url("tutup", survei))

    klien.post(url("buka", survei))

    assert status(survei) == Survei.Status.TERBUKA
    assert survei.ditutup_pada is None


def test_closing_a_draft_is_refused_with_a_message(klien: Client, survei: Survei) -> None:
    respons = klien.post(url("tutup", survei), follow=True)

    assert status(survei) == Survei.Status.DRAFT
    assert respons.redirect_chain == [(url("detail", survei), 302)]
    assert "Hanya survei yang sedang dibuka yang dapat ditutup." in respons.content.decode()
    assert 'class="pesan pesan--error"' in respons.content.decode()


def test_opening_an_open_survey_is_refused_with_a_message(klien: Client, survei: Survei) -> None:
    klien.post(url("buka", survei), follow=True)

    respons = klien.post(url("buka", survei))

    assert status(survei) == Survei.Status.TERBUKA
    assert pesan(respons) == [("error", "Survei ini sudah dibuka.")]


# Only POST, only with CSRF ---------------------------------------------------------------------


@pytest.mark.parametrize("aksi", ["buka", "tutup"])
def test_a_get_changes_nothing(aksi: str, klien: Client, survei: Survei) -> None:
    assert klien.get(url(aksi, survei)).status_code == 405
    assert status(survei) == Survei.Status.DRAFT


def test_a_post_without_csrf_token_changes_nothing(evaluator: Pengguna, survei: Survei) -> None:
    beri_totp(evaluator)
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(evaluator)

    assert klien.post(url("buka", survei)).status_code == 403
    assert status(survei) == Survei.Status.DRAFT


# Who may ----------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client: Client, survei: Survei) -> None:
    respons = client.post(url("buka", survei))

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("account_login"))
    assert status(survei) == Survei.Status.DRAFT


@pytest.mark.parametrize("aksi", ["buka", "tutup"])
@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator_lain", "admin_lain"])
def test_others_are_refused_and_nothing_changes(
    aktor: str, aksi: str, masuk: Masuk, request: pytest.FixtureRequest, unit: UnitLayanan
) -> None:
    survei = buat_survei((unit, None), buka=aksi == "tutup")
    sebelum = survei.status

    respons = masuk(request.getfixturevalue(aktor), totp=True).post(url(aksi, survei))

    assert respons.status_code == 403
    assert status(survei) == sebelum


@pytest.mark.parametrize("aktor", ["admin_instansi", "superuser"])
def test_admins_and_superusers_may_open_and_close(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest, survei: Survei
) -> None:
    klien = masuk(request.getfixturevalue(aktor), totp=True)

    klien.post(url("buka", survei))
    assert status(survei) == Survei.Status.TERBUKA
    klien.post(url("tutup", survei))
    assert status(survei) == Survei.Status.DITUTUP
