"""An evaluator signs in with a TOTP code, finds the analysis of the instansi from the survey
overview and opens a penataan's dashboard: charts drawn in their colours under the
Content-Security-Policy, with their data tables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress

from akun.models import Pengguna
from tests.analitik.test_dasbor_penataan import Merger, merger
from tests.e2e.bantu import masuk, periksa_axe
from tests.factories import KATA_SANDI, beri_totp, kode_totp

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.e2e.conftest import Penjaga

__all__ = ["merger"]


def siap_masuk(pengguna: Pengguna) -> str:
    """A verified address and an authenticator; returns the authenticator's secret."""
    EmailAddress.objects.create(user=pengguna, email=pengguna.email, verified=True, primary=True)
    return beri_totp(pengguna)


def test_an_evaluator_signs_in_with_totp_and_reads_the_penataan_dashboard(
    halaman: Page, evaluator: Pengguna, merger: Merger
) -> None:
    page = halaman
    rahasia = siap_masuk(evaluator)

    masuk(page, evaluator.email, KATA_SANDI, rahasia_totp=rahasia)
    assert evaluator.email in page.locator("header").inner_text()

    page.goto("/kelola/")
    page.get_by_role("link", name=re.compile("Analitik|analisis", re.I)).first.click()
    page.wait_for_url(f"**/kelola/analitik/{merger.instansi.slug}/")
    page.get_by_role("link", name=merger.penataan.judul).first.click()
    page.wait_for_url(f"**/kelola/analitik/penataan/{merger.penataan.pk}/")

    assert page.get_by_role("heading", level=1).inner_text() == merger.penataan.judul
    assert page.get_by_role("heading", name=merger.c.nama).first.is_visible()
    grafik = page.locator("figure.grafik svg[role=img]")
    assert grafik.count() >= 1
    # Under the page's strict CSP the chart keeps matplotlib's colours: they are presentation
    # attributes, which no CSP blocks (a blocked style="" would leave the fill black).
    warna = page.evaluate(
        """() => [...document.querySelectorAll("figure.grafik svg [fill^='#']")].slice(0, 20)
              .map(el => [el.getAttribute("fill"), getComputedStyle(el).fill])"""
    )
    assert warna, "no coloured shapes in the charts"
    for diminta, dihitung in warna:
        r, g, b = (int(diminta[i : i + 2], 16) for i in (1, 3, 5))
        assert dihitung == f"rgb({r}, {g}, {b})", (diminta, dihitung)
    # Every chart has its numbers as a table too.
    assert page.locator("figure.grafik table").count() == grafik.count()


def test_a_wrong_totp_code_keeps_the_evaluator_out(
    halaman: Page, penjaga: Penjaga, evaluator: Pengguna
) -> None:
    penjaga.izinkan_status(400)
    page = halaman
    siap_masuk(evaluator)
    page.goto("/akun/login/")
    page.get_by_label("Email").fill(evaluator.email)
    page.locator("#id_password").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/akun/2fa/authenticate/"))
    page.get_by_label("Kode").fill("000000")
    page.get_by_role("button", name=re.compile("Masuk|Verifikasi|Lanjut", re.I)).click()

    assert "/akun/2fa/authenticate/" in page.url
    page.goto("/kelola/")
    # Still half-way through signing in: allauth sends him back, the page stays closed.
    assert re.search(r"/akun/(login|2fa/authenticate)/", page.url)
    assert evaluator.email not in page.locator("header").inner_text()


def test_an_evaluator_without_an_authenticator_sets_one_up_before_working(
    halaman: Page, evaluator: Pengguna
) -> None:
    page = halaman
    EmailAddress.objects.create(user=evaluator, email=evaluator.email, verified=True, primary=True)
    masuk(page, evaluator.email, KATA_SANDI)

    page.goto("/kelola/")
    # Sent to set up an authenticator; allauth first asks for the password again.
    page.wait_for_url(re.compile(r"/akun/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:
        page.locator("#id_password").fill(KATA_SANDI)
        page.get_by_role("button", name="Konfirmasi").click()
        page.wait_for_url("**/akun/2fa/totp/activate/")
    periksa_axe(page)
    # The QR code is an image (a data: URL the CSP allows) and the secret is there to type.
    qr = page.locator("main img")
    assert qr.count() == 1 and qr.evaluate("img => img.complete && img.naturalWidth > 0")
    rahasia = page.locator("#authenticator_secret, input[readonly]").first.input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", rahasia)
    page.get_by_label("Kode", exact=False).first.fill(kode_totp(rahasia))
    page.get_by_role("button", name=re.compile("Aktifkan|Activate", re.I)).click()
    page.wait_for_load_state()

    page.goto("/kelola/")
    assert page.url.endswith("/kelola/")
    assert page.get_by_role("heading", level=1).is_visible()
