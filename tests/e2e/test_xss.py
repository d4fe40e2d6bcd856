"""Hostile text in the browser (tests/e2e/muatan_xss.py): as unit, service, survey and
question names, as the citizen's free-text answer, in the search box and through the admin.
No dialog opens, no script runs, no foreign element or handler appears, and each payload
reads on the page exactly as it was typed.

The pages are opened in a context that bypasses the Content-Security-Policy: the CSP would
stop most payloads from running even if a template forgot to escape, and these tests are
about the escaping itself. The admin test runs under the real policy, which also shows that
the admin works with it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from organisasi.models import Instansi, Layanan, UnitLayanan
from survei.models import Jawaban, Kuesioner, Pertanyaan, Respons, Survei
from survei.services import survei_buat, survei_buka
from survei.skm import KODE_TEMPLATE_SKM
from tests.e2e.bantu import jawab_cepat, kirim_skm, masuk, sisipan, tampil_sebagai_teks
from tests.e2e.muatan_xss import MUATAN_XSS
from tests.factories import KATA_SANDI, LayananFactory, SuperuserFactory, UnitLayananFactory, beri_totp

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from tests.e2e.conftest import Penjaga


def aman(page: Page, *, konteks: str) -> None:
    """Nothing on the page came from a payload: no element, handler or URL no template writes."""
    temuan = sisipan(page)
    assert not temuan, f"{konteks}: injected markup {temuan}"


def semua_tampil(page: Page, muatan: tuple[str, ...], *, konteks: str) -> None:
    hilang = [m for m in muatan if not tampil_sebagai_teks(page, m)]
    assert not hilang, f"{konteks}: not shown as text: {hilang}"


@pytest.fixture
def tanpa_csp(buat_halaman: Callable[..., Page]) -> Page:
    return buat_halaman(bypass_csp=True)


def _survei(instansi: Instansi, unit: list[UnitLayanan], kuesioner: Kuesioner, judul: str) -> Survei:
    survei = survei_buat(
        kuesioner=kuesioner,
        instansi_unit=[(u, None) for u in unit],
        judul=judul,
        periode="Semester I 2025",
        mulai=date(2025, 1, 1),
        selesai=date(2025, 6, 30),
        pengguna=None,
    )
    return survei_buka(survei=survei)


def test_hostile_unit_service_and_survey_names_render_as_text(
    tanpa_csp: Page, instansi: Instansi, penjaga: Penjaga
) -> None:
    unit = [
        UnitLayananFactory.create(instansi=instansi, nama=m, slug=f"unit-xss-{i}")
        for i, m in enumerate(MUATAN_XSS)
    ]
    Layanan.objects.bulk_create(Layanan(unit=unit[0], nama=m) for m in MUATAN_XSS)
    judul = MUATAN_XSS[-4]  # template syntax as the survey's title
    survei = _survei(instansi, unit, Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM), judul)
    page = tanpa_csp

    page.goto("/s/")
    aman(page, konteks="/s/")
    semua_tampil(page, MUATAN_XSS, konteks="/s/")

    page.goto(reverse("survei:isi", kwargs={"kode": survei.kode}))
    aman(page, konteks="choose a unit")
    semua_tampil(page, MUATAN_XSS, konteks="choose a unit")

    page.goto(reverse("survei:isi", kwargs={"kode": survei.kode}) + f"?unit={unit[0].pk}")
    aman(page, konteks="form")
    assert tampil_sebagai_teks(page, judul) and tampil_sebagai_teks(page, MUATAN_XSS[0])
    pilihan = page.get_by_label("Layanan").locator("option").all_inner_texts()
    assert set(MUATAN_XSS) <= set(pilihan)
    assert page.title().startswith(judul)  # in <title> too, where a breakout would also show

    assert not penjaga.masalah()


def test_hostile_search_terms_are_echoed_as_text(
    tanpa_csp: Page, unit: UnitLayanan, penjaga: Penjaga
) -> None:
    page = tanpa_csp
    for muatan in MUATAN_XSS:
        page.goto("/s/?" + urlencode({"q": muatan}))
        aman(page, konteks=f"search {muatan!r}")
        # The search box holds the term as typed (cut to the form's 100 characters).
        assert page.get_by_role("searchbox").input_value() == muatan[:100].strip()
    assert not penjaga.masalah()


@pytest.fixture
def kuesioner_saran(instansi: Instansi) -> Kuesioner:
    """The SKM questions plus hostile question texts and choices, and a free-text question."""
    templat = Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM)
    kuesioner = Kuesioner.objects.create(
        nama=MUATAN_XSS[1], kode="skm-saran-xss", bawaan=False, instansi=instansi
    )
    pertanyaan = list(Pertanyaan.objects.filter(kuesioner=templat))
    for p in pertanyaan:
        p.pk = None
        p.kuesioner = kuesioner
    Pertanyaan.objects.bulk_create(pertanyaan)
    urutan = max(p.urutan for p in pertanyaan)
    Pertanyaan.objects.create(
        kuesioner=kuesioner,
        kode="asal",
        kelompok=Pertanyaan.Kelompok.TAMBAHAN,
        jenis=Pertanyaan.Jenis.PILIHAN_TUNGGAL,
        judul=MUATAN_XSS[2],
        teks=MUATAN_XSS[6],
        pilihan=[{"kode": f"p{i}", "label": m} for i, m in enumerate(MUATAN_XSS[:12])],
        urutan=urutan + 1,
    )
    Pertanyaan.objects.create(
        kuesioner=kuesioner,
        kode="saran",
        kelompok=Pertanyaan.Kelompok.TAMBAHAN,
        jenis=Pertanyaan.Jenis.TEKS,
        judul="Saran",
        teks=MUATAN_XSS[8] + " Saran dan masukan Anda",
        urutan=urutan + 2,
    )
    return kuesioner


@pytest.mark.parametrize("separuh", [0, 1], ids=["genap", "ganjil"])
def test_hostile_free_text_answers_come_back_as_text_and_are_stored_as_typed(
    separuh: int,
    tanpa_csp: Page,
    penjaga: Penjaga,
    settings: Any,
    instansi: Instansi,
    unit: UnitLayanan,
    kuesioner_saran: Kuesioner,
) -> None:
    # One browser sends every payload: the per-address limit is for real citizens.
    settings.SURVEI_BATAS_LAJU = {"publik": (10_000, 3600)}
    penjaga.izinkan_status(400)
    survei = _survei(instansi, [unit], kuesioner_saran, "SKM dengan saran")
    alamat = reverse("survei:isi", kwargs={"kode": survei.kode})
    page = tanpa_csp
    page.goto(alamat)
    aman(page, konteks="custom questionnaire")
    assert tampil_sebagai_teks(page, MUATAN_XSS[6]) and tampil_sebagai_teks(page, MUATAN_XSS[8])
    semua_tampil(page, MUATAN_XSS[:12], konteks="choices")

    saran = page.get_by_role("textbox", name="Saran")
    # Half the payloads per test, so that two workers share the work.
    muatan_ini = MUATAN_XSS[separuh::2]
    for nomor, muatan in enumerate(muatan_ini, start=1):
        # First without U1: the form comes back (400) with the text kept in its box...
        jawab_cepat(page, kecuali=("U1",))
        saran.fill(muatan)
        kirim_skm(page)
        page.wait_for_selector("#judul-galat")
        aman(page, konteks=f"form with errors, {muatan!r}")
        assert saran.input_value() == muatan
        # ...then complete: stored exactly as typed.
        jawab_cepat(page, 3)
        kirim_skm(page)
        page.wait_for_url("**/terima-kasih/")
        assert Respons.objects.filter(survei=survei).count() == nomor
        page.goto(alamat)

    tersimpan = list(Jawaban.objects.filter(pertanyaan__kode="saran").values_list("teks", flat=True))
    assert sorted(t or "" for t in tersimpan) == sorted(muatan_ini)
    assert not penjaga.masalah()


def test_a_hostile_unit_name_typed_in_the_admin_shows_as_text_under_the_real_csp(
    halaman: Page, penjaga: Penjaga, instansi: Instansi
) -> None:
    # The admin's pages link no icon, so the browser asks for /favicon.ico, which Tilik has not.
    penjaga.izinkan(r"status of 404 .*/favicon\.ico\]$")
    admin = SuperuserFactory.create(email="super@contoh.id")
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    page = halaman
    masuk(page, admin.email, KATA_SANDI, rahasia_totp=beri_totp(admin))
    muatan = MUATAN_XSS[:6]

    for nama in muatan:
        page.goto("/admin/organisasi/unitlayanan/add/")
        page.locator("#id_instansi").select_option(str(instansi.pk))
        page.locator("#id_nama").fill(nama)
        page.locator("#id_nama").press("Tab")
        # The slug is left to the admin's own script (prepopulate.js): it runs under the CSP.
        assert page.locator("#id_slug").input_value()
        page.locator("input[name=_save]").click()
        page.wait_for_url("**/admin/organisasi/unitlayanan/")
        aman(page, konteks=f"admin list after {nama!r}")

    assert set(UnitLayanan.objects.filter(instansi=instansi).values_list("nama", flat=True)) == set(muatan)
    semua_tampil(page, muatan, konteks="admin change list")
    LayananFactory.create(unit=UnitLayanan.objects.get(nama=muatan[0]), nama=MUATAN_XSS[6])
    page.goto("/admin/organisasi/layanan/")
    aman(page, konteks="admin services")
    assert tampil_sebagai_teks(page, MUATAN_XSS[6])
    assert not penjaga.masalah()
