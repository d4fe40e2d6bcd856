"""When the database cannot be reached, a page answers 503 with Retry-After and a plain page
that needs nothing from the database, not a 500 (config.middleware.BasisDataTidakTersediaMiddleware).
The load test (tests/beban) restarts a real PostgreSQL under traffic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from tests import proses

PERMINTAAN = (
    "import json\nfrom django.test import Client\n"
    "r = Client(raise_request_exception=False).get('{alamat}')\n"
    "halaman = 'Layanan sedang tidak tersedia' in r.content.decode()\n"
    "print(json.dumps([r.status_code, r.get('Retry-After'), halaman]))"
)


@pytest.mark.django_db
def test_a_view_that_loses_the_database_answers_503_with_retry_after(
    client: Client, settings: object
) -> None:
    settings.ROOT_URLCONF = "tests.keamanan.urls_galat"  # type: ignore[attr-defined]
    client.raise_request_exception = False

    respons = client.get("/basis-data-hilang/")

    assert respons.status_code == 503
    assert respons["Retry-After"] == "30"
    assert "no-store" in respons["Cache-Control"] or "max-age=0" in respons["Cache-Control"]
    html = respons.content.decode()
    assert "Layanan sedang tidak tersedia" in html
    assert 'href="/static/css/tilik.css"' in html


@pytest.mark.django_db
def test_other_errors_stay_500(client: Client, settings: object) -> None:
    settings.ROOT_URLCONF = "tests.keamanan.urls_galat"  # type: ignore[attr-defined]
    client.raise_request_exception = False

    assert client.get("/galat/").status_code == 500


@pytest.mark.django_db
def test_a_middleware_that_loses_the_database_answers_503_too(client: Client, settings: object) -> None:
    """Outside a view, handler500 (config.views.galat_server) makes the same decision."""
    settings.ROOT_URLCONF = "tests.keamanan.urls_galat"  # type: ignore[attr-defined]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.keamanan.urls_galat.BasisDataHilangMiddleware"]  # type: ignore[attr-defined]
    client.raise_request_exception = False

    respons = client.get("/middleware-hilang/")
    assert respons.status_code == 503
    assert respons["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia" in respons.content.decode()

    lain = client.get("/middleware-galat/")
    assert lain.status_code == 500
    assert "Terjadi kesalahan pada server" in lain.content.decode()


@pytest.mark.parametrize("alamat", ["/hasil/", "/s/"])
def test_pages_answer_503_when_postgresql_is_unreachable(alamat: str) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    hasil = proses.python(
        PERMINTAAN.format(alamat=alamat),
        DEBUG="1",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/tilik",
    )
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout.splitlines()[-1]) == [503, "30", True]


def test_pages_answer_503_when_the_sqlite_file_cannot_be_opened(tmp_path: Path) -> None:
    hilang = tmp_path / "tidak-ada" / "tilik.sqlite3"
    hasil = proses.python(
        PERMINTAAN.format(alamat="/hasil/"), DEBUG="1", ALLOWED_HOSTS="testserver", SQLITE_PATH=str(hilang)
    )
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout.splitlines()[-1]) == [503, "30", True]
