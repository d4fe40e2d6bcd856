"""A citizen signs up, confirms the e-mail address from the link Tilik sent, and signs in.

The forum flows (post a topic, file a complaint, the unit's petugas answers) start from
daftar_dan_verifikasi() in tests/e2e/bantu.py as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress

from akun.models import Pengguna
from tests.e2e.bantu import daftar_dan_verifikasi, keluar, masuk

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.e2e.conftest import Penjaga

EMAIL = "siti.warga@contoh.id"
SANDI = "sandi-warga-yang-panjang-2026"


def test_a_citizen_signs_up_confirms_the_address_and_signs_in(halaman: Page, mailoutbox: list[Any]) -> None:
    page = halaman
    page.goto("/")
    page.get_by_role("link", name="Daftar").first.click()
    daftar_dan_verifikasi(page, mailoutbox, EMAIL, SANDI)

    assert EMAIL in page.locator("header").inner_text()
    assert EmailAddress.objects.get(email=EMAIL).verified
    pengguna = Pengguna.objects.get(email=EMAIL)
    assert not pengguna.keanggotaan.exists()  # a warga: no role

    keluar(page)
    assert EMAIL not in page.locator("header").inner_text()
    masuk(page, EMAIL, SANDI)
    assert EMAIL in page.locator("header").inner_text()


def test_an_unconfirmed_address_cannot_sign_in(halaman: Page, mailoutbox: list[Any]) -> None:
    page = halaman
    page.goto("/akun/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.locator("#id_password1").fill(SANDI)
    page.locator("#id_password2").fill(SANDI)
    page.get_by_role("button", name="Daftar").click()
    page.wait_for_url("**/akun/confirm-email/")

    masuk(page, EMAIL, SANDI)

    assert "/akun/confirm-email/" in page.url
    assert EMAIL not in page.locator("header").inner_text()
    assert not EmailAddress.objects.get(email=EMAIL).verified


def test_a_wrong_password_is_refused_with_a_message(halaman: Page, penjaga: Penjaga) -> None:
    penjaga.izinkan_status(400)
    page = halaman
    Pengguna.objects.create_user(email=EMAIL, password=SANDI)

    masuk(page, EMAIL, "bukan-sandinya")

    assert "/akun/login/" in page.url
    assert page.locator(".galat, .errorlist, [role=alert]").count() >= 1
    assert EMAIL not in page.locator("header").inner_text()
