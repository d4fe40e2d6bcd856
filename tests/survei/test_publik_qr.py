"""/s/<kode>/qr/<unit_id>.svg|.png: printable codes that open the form at a unit (and service)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from PIL import Image
from pytest_django.fixtures import Settings

from organisasi.models import Layanan, UnitLayanan
from survei import qr
from survei.models import Survei
from tests.survei.conftest_publik import *  # noqa: F403

pytestmark = pytest.mark.django_db


def url_qr(survei: Survei, unit: UnitLayanan | int, format: str = "svg") -> str:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return reverse("survei:qr", kwargs={"kode": survei.kode, "unit_id": unit_id, "format": format})


def test_the_svg_is_well_formed_and_cacheable(client: Client, survei_skm: Survei, unit: UnitLayanan) -> None:
    respons = client.get(url_qr(survei_skm, unit))

    assert respons.status_code == 200
    assert respons["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in respons["Cache-Control"]
    akar = ET.fromstring(respons.content)
    assert akar.tag == "{http://www.w3.org/2000/svg}svg"
    assert akar.find("{http://www.w3.org/2000/svg}path") is not None
    assert b"<script" not in respons.content


def test_the_png_opens_as_an_image(client: Client, survei_skm: Survei, unit: UnitLayanan) -> None:
    respons = client.get(url_qr(survei_skm, unit, "png"))

    assert respons.status_code == 200
    assert respons["Content-Type"] == "image/png"
    assert respons.content.startswith(b"\x89PNG\r\n\x1a\n")
    gambar = Image.open(io.BytesIO(respons.content))
    gambar.verify()
    assert gambar.format == "PNG"
    assert gambar.size[0] == gambar.size[1] >= 21 * 10


def test_the_code_encodes_the_absolute_form_address_with_the_unit_and_service(settings: Settings) -> None:
    settings.ALLOWED_HOSTS = ["tilik.palembang.go.id"]
    request = RequestFactory().get("/", HTTP_HOST="tilik.palembang.go.id", secure=True)
    survei, unit, layanan = Survei(kode="abc2345"), UnitLayanan(pk=7), Layanan(pk=31)

    assert (
        qr.url_formulir(request, survei=survei, unit=unit)
        == "https://tilik.palembang.go.id/s/abc2345/?unit=7"
    )
    assert (
        qr.url_formulir(request, survei=survei, unit=unit, layanan=layanan)
        == "https://tilik.palembang.go.id/s/abc2345/?unit=7&layanan=31"
    )


def test_the_address_opens_the_form_with_the_unit_and_service_preselected(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_ktp: Layanan
) -> None:
    alamat = qr.url_formulir(
        RequestFactory().get("/"), survei=survei_skm, unit=unit, layanan=layanan_ktp
    ).removeprefix("http://testserver")

    html = client.get(alamat).content.decode()

    assert f'<input type="hidden" name="unit" value="{unit.pk}">' in html
    assert f'<option value="{layanan_ktp.pk}" selected>KTP Elektronik</option>' in html


def test_a_different_service_gives_a_different_code(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_akta: Layanan
) -> None:
    tanpa = client.get(url_qr(survei_skm, unit)).content
    dengan = client.get(url_qr(survei_skm, unit) + f"?layanan={layanan_akta.pk}").content

    assert tanpa != dengan


def test_a_draft_survey_has_codes_to_print_before_it_opens(
    client: Client, survei_draft: Survei, unit: UnitLayanan
) -> None:
    assert client.get(url_qr(survei_draft, unit)).status_code == 200
    assert client.get(url_qr(survei_draft, unit, "png")).status_code == 200


def test_a_unit_that_is_not_in_the_survey_has_no_code(
    client: Client, survei_satu_unit: Survei, unit_lain: UnitLayanan
) -> None:
    assert client.get(url_qr(survei_satu_unit, unit_lain)).status_code == 404
    assert client.get(url_qr(survei_satu_unit, 99999999999999999999)).status_code == 404
    assert client.get(f"/s/{survei_satu_unit.kode}/qr/1.gif").status_code == 404
    assert client.get("/s/tidakada/qr/1.svg").status_code == 404


@pytest.mark.parametrize("layanan", ["lain", "abc", "", "99999999999999999999", "nonaktif"])
def test_a_service_that_is_not_an_active_service_of_the_unit_has_no_code(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_lain: Layanan, layanan: str
) -> None:
    nilai = {
        "lain": str(layanan_lain.pk),
        "nonaktif": str(Layanan.objects.create(unit=unit, nama="Dihentikan", aktif=False).pk),
    }.get(layanan, layanan)

    assert client.get(url_qr(survei_skm, unit), {"layanan": nilai}).status_code == 404
