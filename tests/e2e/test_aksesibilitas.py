"""axe-core (tests/e2e/vendor) on every key page, as the people who use them see them: the
citizen's pages on a phone and on a desktop, the evaluator's pages signed in. A serious or
critical violation fails; the others are printed (pytest -s) for the next round of polish.

Each test walks its pages in one browser session and reports every page's problems together,
so that one run shows all there is to fix.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.kios import NAMA_COOKIE as NAMA_COOKIE_KIOS
from survei.kios import tanda_kios
from survei.models import Survei
from survei.services import survei_tutup
from tests.analitik import test_hasil_publik as hasil_publik
from tests.analitik.test_dasbor_penataan import Merger, merger
from tests.analitik.test_dasbor_pengaduan import Pengaduan, pelapor, pengaduan
from tests.e2e.bantu import DAMPAK_GAGAL, isi_skm, jalankan_axe, kirim_skm, masuk
from tests.e2e.test_evaluator import siap_masuk
from tests.factories import KATA_SANDI
from tests.survei.conftest_publik import *  # noqa: F403
from tests.survei.test_selectors import buat_survei

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.e2e.conftest import Penjaga

__all__ = ["merger", "pelapor", "pengaduan"]  # fixtures, imported for this module's tests


def periksa_semua(page: Page, alamat: list[str]) -> None:
    berat: dict[str, list[dict[str, Any]]] = {}
    ringan: dict[str, list[str]] = {}
    for jalur in alamat:
        page.goto(jalur)
        hasil = jalankan_axe(page)
        if b := [v for v in hasil if v["impact"] in DAMPAK_GAGAL]:
            berat[jalur] = b
        if r := [
            f"{v['impact']}: {v['id']} ({len(v['nodes'])})" for v in hasil if v["impact"] not in DAMPAK_GAGAL
        ]:
            ringan[jalur] = r
    if ringan:
        print("axe, minor/moderate:", json.dumps(ringan, indent=1, ensure_ascii=False))
    assert not berat, "axe, serious/critical:\n" + json.dumps(berat, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("ponsel", [True, False], ids=["ponsel", "desktop"])
def test_the_citizens_pages_have_no_serious_accessibility_problem(
    buat_halaman: Any,
    penjaga: Penjaga,
    ponsel: bool,
    survei_skm: Survei,
    unit: UnitLayanan,
    unit_lain: UnitLayanan,
    alamat: Callable[[str], str],
) -> None:
    penjaga.izinkan_status(400, 403, 404, 410)
    tertutup = hasil_publik.survei_ditutup(unit, unit_lain, periode="Semester II 2024", isi_dulu=3)
    survei_tutup(survei=tertutup)
    page: Page = buat_halaman(ponsel=ponsel)
    # This browser is the kiosk of `unit` (survei.kios); of unit_lain it is not.
    kios = tanda_kios(survei_id=survei_skm.pk, unit_id=unit.pk)
    page.context.add_cookies([{"name": NAMA_COOKIE_KIOS, "value": kios, "url": alamat("/s/")}])
    halaman_kios = page.goto(reverse("survei:kios", kwargs={"kode": survei_skm.kode, "unit_id": unit.pk}))
    assert halaman_kios is not None and halaman_kios.status == 200
    isi = reverse("survei:isi", kwargs={"kode": survei_skm.kode})
    periksa_semua(
        page,
        [
            "/",
            "/s/",
            "/s/?q=dinas",
            isi,  # two units: choose one
            f"{isi}?unit={unit.pk}",
            reverse("survei:kios", kwargs={"kode": survei_skm.kode, "unit_id": unit.pk}),
            reverse("survei:kios", kwargs={"kode": survei_skm.kode, "unit_id": unit_lain.pk}),  # 403
            reverse("survei:terima_kasih", kwargs={"kode": survei_skm.kode}),
            "/hasil/",
            reverse("analitik:hasil_instansi", args=[unit.instansi.slug]),
            reverse("analitik:hasil_unit", args=[unit.instansi.slug, tertutup.kode, unit.pk]),
            reverse("survei:isi", kwargs={"kode": tertutup.kode}),  # closed: 410
            "/akun/login/",
            "/akun/signup/",
            "/akun/password/reset/",
            "/tidak-ada-halaman-ini/",
        ],
    )
    # The form with errors beside its questions.
    page.goto(f"{isi}?unit={unit.pk}")
    isi_skm(page)
    page.locator('input[name="j_U3"]:checked').evaluate("el => { el.checked = false; }")
    kirim_skm(page)
    jalankan_axe(page)


def test_the_evaluators_pages_have_no_serious_accessibility_problem(
    halaman: Page, evaluator: Pengguna, merger: Merger, pengaduan: Pengaduan
) -> None:
    # pengaduan: complaints in both windows, so the dashboard's complaints tables are checked too.
    page = halaman
    masuk(page, evaluator.email, KATA_SANDI, rahasia_totp=siap_masuk(evaluator))
    kode = merger.survei.kode
    draf = buat_survei((merger.a, None), judul="SKM draf")
    periksa_semua(
        page,
        [
            "/kelola/",
            reverse("survei:kelola_detail", kwargs={"kode": kode}),
            reverse("survei:kelola_detail", kwargs={"kode": draf.kode}),
            reverse("survei:kelola_populasi", kwargs={"kode": kode}),
            reverse("survei:kelola_qr", kwargs={"kode": kode}),
            reverse("survei:kelola_kios", kwargs={"kode": kode}),
            reverse("survei:kelola_buat", kwargs={"instansi": merger.instansi.slug}),
            reverse("survei:kertas", kwargs={"kode": kode}),
            reverse("survei:impor", kwargs={"kode": kode}),
            reverse("analitik:dasbor_instansi", kwargs={"instansi": merger.instansi.slug}),
            reverse("analitik:dasbor_penataan", kwargs={"penataan_id": merger.penataan.pk}),
            reverse("analitik:dasbor_penataan", kwargs={"penataan_id": merger.penataan.pk}) + "?transisi=3",
            "/akun/2fa/",
        ],
    )
    # The complaints tables were on the dashboard axe read.
    page.goto(reverse("analitik:dasbor_penataan", kwargs={"penataan_id": merger.penataan.pk}))
    assert page.get_by_role("table", name="Pengaduan dan forum: Unit C").is_visible()


def test_axe_finds_what_it_is_there_to_find(halaman: Page) -> None:
    # The harness itself: a page with known faults must fail the way Tilik's pages do not.
    halaman.set_content(
        '<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        '<a href="#"></a></body></html>'
    )
    ditemukan = {v["id"]: v["impact"] for v in jalankan_axe(halaman)}
    assert ditemukan.get("image-alt") == "critical"
    assert ditemukan.get("label") == "critical"
    assert "link-name" in ditemukan
