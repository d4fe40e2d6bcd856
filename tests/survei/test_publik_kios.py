"""/s/<kode>/kios/<unit_id>/: the form on a tablet at the counter, one citizen after another,
on a device an evaluator made that unit's kiosk (/kelola/survei/<kode>/kios/)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.kios import NAMA_COOKIE
from survei.models import Respons, Survei
from tests.survei.conftest_publik import *  # noqa: F403
from tests.survei.conftest_publik import (
    buka_formulir,
    isian,
    jadikan_kios,
    jumlah_tersimpan,
    url_isi,
    url_kios,
)

pytestmark = pytest.mark.django_db

Masuk = Callable[..., Client]


def url_pasang(survei: Survei) -> str:
    return reverse("survei:kelola_kios", kwargs={"kode": survei.kode})


def url_terima_kasih(survei: Survei, unit: UnitLayanan) -> str:
    return reverse("survei:kios_terima_kasih", kwargs={"kode": survei.kode, "unit_id": unit.pk})


def test_the_kiosk_form_has_the_unit_fixed_big_targets_and_no_autocomplete(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    jadikan_kios(client, survei_skm, unit)
    html = client.get(url_kios(survei_skm, unit)).content.decode()

    assert '<main id="konten" tabindex="-1" class="wadah wadah--sedang kios">' in html
    assert re.search(
        rf'<form class="formulir" method="post" action="{url_kios(survei_skm, unit)}"[^>]*autocomplete="off"',
        html,
    )
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert "Ganti unit" not in html
    assert 'name="unit"' not in html
    assert (
        f'<a class="tombol tombol--tautan" href="{url_kios(survei_skm, unit)}">Kosongkan formulir</a>' in html
    )


def test_a_kiosk_answer_is_stored_with_source_kios_and_thanked_on_the_kiosk_page(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    jadikan_kios(client, survei_skm, unit)
    kunci = buka_formulir(client, url_kios(survei_skm, unit))

    respons = client.post(url_kios(survei_skm, unit), isian(kunci, j_pendidikan="SD"))

    assert respons.status_code == 303
    assert respons["Location"] == url_terima_kasih(survei_skm, unit)
    simpan = Respons.objects.get()
    assert (simpan.sumber, simpan.unit) == ("kios", unit)


def test_the_kiosk_ignores_a_unit_sent_in_the_form(
    client: Client, survei_skm: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    jadikan_kios(client, survei_skm, unit)
    kunci = buka_formulir(client, url_kios(survei_skm, unit))

    assert client.post(url_kios(survei_skm, unit), isian(kunci, unit=unit_lain)).status_code == 303
    assert Respons.objects.get().unit == unit


def test_the_kiosk_thank_you_page_returns_to_an_empty_form_by_itself_and_offers_isi_lagi(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    jadikan_kios(client, survei_skm, unit)
    html = client.get(url_terima_kasih(survei_skm, unit)).content.decode()

    alamat = url_kios(survei_skm, unit)
    assert f'<meta http-equiv="refresh" content="6;url={alamat}">' in html
    assert f'<a class="tombol tombol--lebar" href="{alamat}">Isi lagi</a>' in html
    assert "<script" not in html


def test_the_next_citizen_gets_an_empty_form_with_a_new_key(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    jadikan_kios(client, survei_skm, unit)
    alamat = url_kios(survei_skm, unit)
    kunci = buka_formulir(client, alamat)
    client.post(alamat, isian(kunci, j_jenis_kelamin="L", j_usia="52", j_pekerjaan="PNS"))

    html = client.get(alamat).content.decode()

    assert " checked" not in html
    assert 'name="j_usia" value=' not in html
    assert buka_formulir(client, alamat) != kunci


def test_a_kiosk_form_with_a_missing_answer_keeps_the_answers_of_the_citizen_in_front_of_it(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    jadikan_kios(client, survei_skm, unit)
    alamat = url_kios(survei_skm, unit)

    respons = client.post(alamat, isian(buka_formulir(client, alamat), j_U9="", j_jenis_kelamin="P"))

    html = respons.content.decode()
    assert respons.status_code == 400
    assert 'name="j_jenis_kelamin" value="P" id="id_j_jenis_kelamin_1" checked' in html
    assert jumlah_tersimpan() == (0, 0)


def test_a_unit_that_is_not_in_the_survey_has_no_kiosk(
    client: Client, survei_skm: Survei, unit_instansi_lain: UnitLayanan
) -> None:
    jadikan_kios(client, survei_skm, unit_instansi_lain)
    alamat = reverse("survei:kios", kwargs={"kode": survei_skm.kode, "unit_id": unit_instansi_lain.pk})

    assert client.get(alamat).status_code == 404
    assert client.post(alamat, isian("x")).status_code == 404
    assert client.get(url_terima_kasih(survei_skm, unit_instansi_lain)).status_code == 404
    # No device can be the kiosk of a unit id no database holds: refused, never a 500.
    assert client.get(f"/s/{survei_skm.kode}/kios/99999999999999999999999/").status_code == 403
    assert jumlah_tersimpan() == (0, 0)


def test_a_closed_survey_kiosk_says_so(client: Client, survei_ditutup: Survei, unit: UnitLayanan) -> None:
    respons = client.post(url_kios(survei_ditutup, unit), isian("x"))

    assert respons.status_code == 410
    assert "Survei sudah ditutup" in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)


def test_a_draft_survey_has_no_kiosk(client: Client, survei_draft: Survei, unit: UnitLayanan) -> None:
    assert client.get(url_kios(survei_draft, unit)).status_code == 404
    assert client.get(url_terima_kasih(survei_draft, unit)).status_code == 404


# Setting up the device ----------------------------------------------------------------------------


def test_a_device_no_evaluator_set_up_is_pointed_to_the_ordinary_form_and_stores_nothing(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    alamat = url_kios(survei_skm, unit)

    halaman = client.get(alamat)
    # A valid key, from the unit's ordinary form: the kiosk page gives none here.
    dikirim = client.post(alamat, isian(buka_formulir(client, url_isi(survei_skm, unit=unit.pk))))

    assert (halaman.status_code, dikirim.status_code) == (403, 403)
    html = halaman.content.decode()
    assert "Perangkat ini bukan kios" in html
    assert f'href="/s/{survei_skm.kode}/?unit={unit.pk}"' in html
    assert 'name="kunci"' not in html
    assert jumlah_tersimpan() == (0, 0)


@pytest.mark.parametrize("salah", ["unit lain", "survei lain", "diubah", "kosong"])
def test_a_kiosk_cookie_of_another_unit_or_survey_or_tampered_is_refused(
    client: Client,
    survei_skm: Survei,
    survei_harapan: Survei,
    unit: UnitLayanan,
    unit_lain: UnitLayanan,
    salah: str,
) -> None:
    if salah == "unit lain":
        jadikan_kios(client, survei_skm, unit_lain)
    elif salah == "survei lain":
        jadikan_kios(client, survei_harapan, unit)
    else:
        jadikan_kios(client, survei_skm, unit)
        nilai = client.cookies[NAMA_COOKIE].value
        client.cookies[NAMA_COOKIE] = (
            "" if salah == "kosong" else nilai[:-1] + ("A" if nilai[-1] != "A" else "B")
        )

    assert client.get(url_kios(survei_skm, unit)).status_code == 403
    assert client.post(url_kios(survei_skm, unit), isian("x")).status_code == 403
    assert jumlah_tersimpan() == (0, 0)


def test_an_evaluator_makes_a_device_the_kiosk_of_a_unit_and_is_signed_out_of_it(
    masuk: Masuk, evaluator: Pengguna, survei_skm: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    perangkat = masuk(evaluator, totp=True)
    detail = perangkat.get(reverse("survei:kelola_detail", kwargs={"kode": survei_skm.kode})).content.decode()
    assert f'href="{url_pasang(survei_skm)}"' in detail
    halaman = perangkat.get(url_pasang(survei_skm)).content.decode()
    assert f'<input type="radio" name="unit" value="{unit.pk}" required>' in halaman
    assert f'<input type="radio" name="unit" value="{unit_lain.pk}" required>' in halaman

    respons = perangkat.post(url_pasang(survei_skm), {"unit": unit.pk})

    assert (respons.status_code, respons["Location"]) == (302, url_kios(survei_skm, unit))
    kue = respons.cookies[NAMA_COOKIE]
    assert (kue["path"], kue["httponly"], kue["samesite"]) == ("/s/", True, "Lax")
    assert int(kue["max-age"]) >= 180 * 86400
    # Signed out: the next person at the counter cannot reach the evaluator's pages.
    assert perangkat.get(url_pasang(survei_skm)).status_code == 302
    kunci = buka_formulir(perangkat, url_kios(survei_skm, unit))
    assert perangkat.post(url_kios(survei_skm, unit), isian(kunci)).status_code == 303
    assert list(Respons.objects.values_list("sumber", "unit")) == [("kios", unit.pk)]
    # The same device is no kiosk of the survey's other unit.
    assert perangkat.get(url_kios(survei_skm, unit_lain)).status_code == 403


@pytest.mark.parametrize("nilai", ["", "abc", "99999999"])
def test_a_kiosk_needs_a_unit_of_the_survey(
    masuk: Masuk, evaluator: Pengguna, survei_skm: Survei, unit_instansi_lain: UnitLayanan, nilai: str
) -> None:
    perangkat = masuk(evaluator, totp=True)

    for tidak_sah in (nilai, str(unit_instansi_lain.pk)):
        respons = perangkat.post(url_pasang(survei_skm), {"unit": tidak_sah})
        assert respons.status_code == 400
        assert "Pilih unit layanan yang termasuk dalam survei ini." in respons.content.decode()
        assert NAMA_COOKIE not in respons.cookies
    # Still signed in: nothing happened.
    assert perangkat.get(url_pasang(survei_skm)).status_code == 200
