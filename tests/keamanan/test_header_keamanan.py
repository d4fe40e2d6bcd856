"""The Content-Security-Policy on every page, through the real views, and what production
adds: HSTS and cookies that travel over HTTPS only. (check --deploy and the settings behind
these are in tests/test_pengaturan.py.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from config.middleware import KEBIJAKAN_DASAR
from tests import proses
from tests.analitik.test_dasbor_penataan import Merger, merger

__all__ = ["merger"]

Masuk = Callable[..., Client]
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def arahan(respons: object) -> dict[str, list[str]]:
    header = respons["Content-Security-Policy"]  # type: ignore[index]
    hasil: dict[str, list[str]] = {}
    for bagian in header.split(";"):
        nama, *sumber = bagian.split()
        hasil[nama] = sumber
    return hasil


@pytest.mark.django_db
@pytest.mark.parametrize(
    "alamat", ["/", "/s/", "/hasil/", "/akun/login/", "/akun/signup/", "/admin/login/", "/tidak-ada/"]
)
def test_every_page_forbids_inline_scripts_and_foreign_sources(client: Client, alamat: str) -> None:
    kebijakan = arahan(client.get(alamat))

    assert kebijakan == {nama: list(sumber) for nama, sumber in KEBIJAKAN_DASAR.items()}
    assert kebijakan["script-src"] == ["'self'"]
    assert kebijakan["default-src"] == ["'self'"]
    assert kebijakan["object-src"] == ["'none'"]
    assert kebijakan["frame-ancestors"] == ["'none'"]
    assert kebijakan["form-action"] == ["'self'"]
    assert kebijakan["base-uri"] == ["'self'"]
    assert kebijakan["img-src"] == ["'self'", "data:"]


class GayaSebaris(HTMLParser):
    """Every style="" attribute and <style> element of a page, as a browser's parser sees them
    (the inline SVG charts included)."""

    def __init__(self) -> None:
        super().__init__()
        self.temuan: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self.temuan.append("<style>")
        self.temuan += [f"<{tag} style=...>" for nama, _nilai in attrs if nama == "style"]

    handle_startendtag = handle_starttag


@pytest.mark.django_db
def test_the_chart_dashboards_run_under_the_strict_policy_of_every_page(
    masuk: Masuk, evaluator: Pengguna, merger: Merger
) -> None:
    klien = masuk(evaluator, totp=True)
    for alamat in (
        reverse("analitik:dasbor_instansi", kwargs={"instansi": merger.instansi.slug}),
        reverse("analitik:dasbor_penataan", kwargs={"penataan_id": merger.penataan.pk}),
    ):
        respons = klien.get(alamat)
        assert respons.status_code == 200
        kebijakan = arahan(respons)
        assert kebijakan == {nama: list(sumber) for nama, sumber in KEBIJAKAN_DASAR.items()}
        assert "style-src-attr" not in kebijakan and "style-src-elem" not in kebijakan
        assert "'unsafe-inline'" not in respons["Content-Security-Policy"]
        # What that policy would block is not on the page: the charts are there, inline, and
        # draw with presentation attributes only.
        halaman = respons.content.decode()
        assert halaman.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 1
        assert 'fill="#0b5570"' in halaman
        pemindai = GayaSebaris()
        pemindai.feed(halaman)
        assert pemindai.temuan == []


@pytest.mark.django_db
def test_the_server_error_page_keeps_its_own_style_by_hash(client: Client, settings: object) -> None:
    settings.ROOT_URLCONF = "tests.keamanan.urls_galat"  # type: ignore[attr-defined]
    client.raise_request_exception = False

    respons = client.get("/galat/")

    assert respons.status_code == 500
    gaya = re.findall(r"<style>(.*?)</style>", respons.content.decode(), re.DOTALL)
    assert len(gaya) == 1
    sidik = "'sha256-" + base64.b64encode(hashlib.sha256(gaya[0].encode()).digest()).decode() + "'"
    assert sidik in arahan(respons)["style-src"]
    assert arahan(respons)["script-src"] == ["'self'"]


def test_no_template_has_inline_script_handlers_javascript_urls_or_style_attributes() -> None:
    # What the CSP would block in a browser, found before any browser runs. The PDF templates
    # (laporan/pdf) are rendered by WeasyPrint, never served to a browser, so they may style
    # inline; the report's web pages may not.
    salah: list[str] = []
    for berkas in sorted(TEMPLATES.rglob("*.html")):
        teks = berkas.read_text(encoding="utf-8")
        nama = str(berkas.relative_to(TEMPLATES))
        for pola, apa in (
            (r"<script\b(?![^>]*\bsrc=)", "inline <script>"),
            (r"\son[a-z]+\s*=", "on*= handler"),
            (r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", "javascript: URL"),
            (r"\sstyle\s*=", 'style="" attribute'),
            (r"<style\b", "<style> element"),
        ):
            if nama.startswith("laporan/pdf/") and apa in {'style="" attribute', "<style> element"}:
                continue
            if nama == "500.html" and apa == "<style> element":
                continue  # allowed by its hash (config.middleware)
            if re.search(pola, teks, re.IGNORECASE):
                salah.append(f"{nama}: {apa}")
    assert not salah, salah


def test_production_sends_hsts_the_csp_and_https_only_cookies(tmp_path: Path) -> None:
    kode = (
        "import json\nfrom django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from django.test import Client\nfrom django.test.utils import override_settings\n"
        # No collectstatic here: the plain storage stands in for the manifest one.
        "polos = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},"
        " 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
        "with override_settings(STORAGES=polos):\n"
        "    r = Client().get('/akun/login/', secure=True, headers={'host': 'tilik.example.go.id'})\n"
        "kue = r.cookies['csrftoken']\n"
        "print(json.dumps([r.status_code, r.get('Strict-Transport-Security'),"
        " r.get('Content-Security-Policy'),"
        " bool(kue['secure']), kue['httponly'], kue['samesite']]))"
    )
    hasil = proses.python(kode, SQLITE_PATH=str(tmp_path / "t.sqlite3"), **proses.PRODUKSI)
    assert hasil.returncode == 0, hasil.stderr
    status, hsts, csp, aman, _httponly, samesite = json.loads(hasil.stdout.splitlines()[-1])
    assert status == 200
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self';" in csp
    assert aman is True
    assert samesite == "Lax"
