"""/kelola/survei/<kode>/qr/: one printable card per unit and per service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.models import Survei
from tests.factories import LayananFactory
from tests.survei.test_selectors import buat_survei

Masuk = Callable[..., Client]


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return buat_survei((unit, None), (unit_lain, None), judul="SKM Palembang 2025", buka=True)


def url(survei: Survei) -> str:
    return reverse("survei:kelola_qr", kwargs={"kode": survei.kode})


def test_it_shows_a_card_per_unit_and_per_service(
    evaluator: Pengguna, masuk: Masuk, survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    akta = LayananFactory.create(unit=unit, nama="Akta kelahiran")
    LayananFactory.create(unit=unit, nama="Layanan lama", aktif=False)

    html = masuk(evaluator, totp=True).get(url(survei)).content.decode()

    kode = survei.kode
    assert html.count('class="kartu-qr"') == 3
    assert f'<img src="/s/{kode}/qr/{unit.pk}.svg"' in html
    assert f'<img src="/s/{kode}/qr/{unit_lain.pk}.svg"' in html
    assert f'<img src="/s/{kode}/qr/{unit.pk}.svg?layanan={akta.pk}"' in html
    assert "Layanan lama" not in html
    assert html.count("SKM Palembang 2025 · Semester I 2025") == 3
    assert html.count(f"http://testserver/s/{kode}/") >= 3
    # The print layout (A4, four cards a page) lives in the stylesheet: the CSP allows no <style>.
    assert 'href="/static/css/tilik.css"' in html
    assert "size: A4" in Path(str(finders.find("css/tilik.css"))).read_text()


def test_it_warns_when_the_survey_is_not_open(evaluator: Pengguna, masuk: Masuk, unit: UnitLayanan) -> None:
    survei = buat_survei((unit, None))

    html = masuk(evaluator, totp=True).get(url(survei)).content.decode()

    assert "belum dibuka atau sudah ditutup" in html


def test_anonymous_visitor_is_sent_to_login(client: Client, survei: Survei) -> None:
    respons = client.get(url(survei))

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("aktor", "kode_status"),
    [
        ("warga", 403),
        ("petugas", 403),
        ("evaluator_lain", 403),
        ("admin_lain", 403),
        ("evaluator", 200),
        ("admin_instansi", 200),
        ("superuser", 200),
    ],
)
def test_actor_matrix(
    aktor: str, kode_status: int, masuk: Masuk, request: pytest.FixtureRequest, survei: Survei
) -> None:
    assert masuk(request.getfixturevalue(aktor), totp=True).get(url(survei)).status_code == kode_status
