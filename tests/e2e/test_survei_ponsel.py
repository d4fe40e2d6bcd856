"""A citizen at the counter scans the unit's QR code with a phone (360x740), fills the SKM and
sends it; the thank-you page follows and the response is in the database, once."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.test import RequestFactory

from organisasi.models import Layanan, UnitLayanan
from survei import qr
from survei.models import Jawaban, Respons, Survei
from survei.skm import URUTAN_ANGKET
from tests.e2e.bantu import isi_skm, kirim_skm
from tests.survei.conftest_publik import *  # noqa: F403

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from tests.e2e.conftest import Penjaga


def tautan_qr(
    live_server: LiveServer, survei: Survei, unit: UnitLayanan, layanan: Layanan | None = None
) -> str:
    """The address the unit's printed QR code holds, built by the code that draws it."""
    bagian = urlsplit(live_server.url)
    request = RequestFactory().get("/", SERVER_NAME=bagian.hostname, SERVER_PORT=str(bagian.port))
    return qr.url_formulir(request, survei=survei, unit=unit, layanan=layanan)


def test_a_citizen_fills_the_skm_on_a_phone_after_scanning_the_qr_code(
    halaman_ponsel: Page,
    live_server: LiveServer,
    survei_skm: Survei,
    unit: UnitLayanan,
    layanan_ktp: Layanan,
) -> None:
    page = halaman_ponsel
    page.goto(tautan_qr(live_server, survei_skm, unit, layanan_ktp))

    assert page.get_by_role("heading", level=1).inner_text() == survei_skm.judul
    assert unit.nama in page.locator("main").inner_text()
    # The QR code chose the service; the citizen need not.
    assert page.get_by_label("Layanan").locator("option:checked").inner_text() == layanan_ktp.nama
    # Made for the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    nilai = dict(zip(URUTAN_ANGKET, [4, 3, 4, 2, 4, 3, 4, 4, 1], strict=True))
    isi_skm(page, nilai)
    page.get_by_label("Usia (tahun)", exact=False).fill("34")
    kirim_skm(page)

    page.wait_for_url(f"**/s/{survei_skm.kode}/terima-kasih/")
    assert page.get_by_role("heading", name="Terima kasih").is_visible()
    respons = Respons.objects.get(survei=survei_skm)
    assert (respons.unit_id, respons.layanan_id, respons.sumber) == (unit.pk, layanan_ktp.pk, "online")
    assert {k: getattr(respons, k.lower()) for k in nilai} == nilai
    assert list(respons.jawaban.values_list("pertanyaan__kode", "nilai")) == [("usia", 34)]


def test_a_double_tap_on_send_stores_one_response(
    halaman_ponsel: Page, live_server: LiveServer, survei_skm: Survei, unit: UnitLayanan
) -> None:
    page = halaman_ponsel
    page.goto(tautan_qr(live_server, survei_skm, unit))
    isi_skm(page)
    # An impatient thumb: the second tap sends the same form again while the first is on
    # its way (the browser posts twice; the form's signed key makes them one response).
    with page.expect_request(lambda r: r.method == "POST"):
        page.get_by_role("button", name="Kirim jawaban").dblclick()
    page.wait_for_url("**/terima-kasih/")

    assert Respons.objects.filter(survei=survei_skm).count() == 1
    assert Respons.objects.get(survei=survei_skm).dijawab_unsur == 9
    assert not Jawaban.objects.exists()


def test_a_missing_answer_is_shown_beside_its_question_and_the_rest_is_kept(
    halaman_ponsel: Page, penjaga: Penjaga, live_server: LiveServer, survei_skm: Survei, unit: UnitLayanan
) -> None:
    penjaga.izinkan_status(400)
    page = halaman_ponsel
    page.goto(tautan_qr(live_server, survei_skm, unit))
    isi_skm(page)
    page.locator('input[name="j_U5"]:checked').evaluate("el => { el.checked = false; }")
    kirim_skm(page)

    ringkasan = page.get_by_role("alert")
    assert "Periksa kembali" in ringkasan.inner_text()
    # The summary's link takes the citizen to the question.
    ringkasan.get_by_role("link").first.click()
    assert page.locator('input[name="j_U5"]').first.get_attribute("aria-invalid") == "true"
    assert page.locator('input[name="j_U1"][value="4"]').is_checked()
    assert Respons.objects.count() == 0
    page.locator('label:has(input[name="j_U5"][value="3"])').click()
    kirim_skm(page)
    page.wait_for_url("**/terima-kasih/")
    assert Respons.objects.filter(survei=survei_skm).count() == 1
