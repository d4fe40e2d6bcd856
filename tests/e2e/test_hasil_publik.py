"""A visitor without an account reads the published results: from the home page to an
instansi's table and one unit's publication board, on a phone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analitik.format import angka
from analitik.keluaran import objek_ikm
from analitik.selectors import tabel_hitung
from organisasi.models import UnitLayanan
from survei.services import survei_tutup
from tests.analitik.test_hasil_publik import SEMUA_3, isi, survei_ditutup

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_a_visitor_reads_the_published_results_on_a_phone(
    halaman_ponsel: Page, unit: UnitLayanan, unit_lain: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    survei = survei_ditutup(unit, unit_lain, isi_dulu=6)
    isi(survei, unit_lain, SEMUA_3, jumlah=6)
    survei_tutup(survei=survei)
    survei_ditutup(unit_instansi_lain, isi_dulu=3)  # still open: not published
    page = halaman_ponsel

    page.goto("/")
    page.get_by_role("link", name="Lihat hasil survei").click()
    page.wait_for_url("**/hasil/")
    assert unit_instansi_lain.instansi.nama not in page.locator("main").inner_text()
    page.get_by_role("link", name=unit.instansi.nama).click()
    page.wait_for_url(f"**/hasil/{unit.instansi.slug}/")

    tabel = page.get_by_role("table")
    assert unit.nama in tabel.inner_text() and unit_lain.nama in tabel.inner_text()
    # The same number the analysis computes, written the Indonesian way.
    dihitung = objek_ikm(
        tabel_hitung(unit_ids=[unit_lain.pk], mulai=None, sampai=None, survei_ids=[survei.pk])
    )
    nilai = angka(dihitung["nilai_konversi"])
    assert nilai == "87,50"  # six answered all 4, six all 3
    baris = page.get_by_role("row").filter(has_text=unit_lain.nama)
    assert nilai in baris.inner_text()
    baris.get_by_role("link").first.click()
    page.wait_for_url(f"**/hasil/{unit.instansi.slug}/{survei.kode}/{unit_lain.pk}/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert nilai in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
