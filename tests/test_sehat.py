"""GET /sehat/: liveness and database reachability for monitors and load balancers."""

import json

from tests import proses

PERMINTAAN = (
    "import json\nfrom django.test import Client\n"
    "r = Client().get('/sehat/')\n"
    "print(json.dumps([r.status_code, json.loads(r.content)]))"
)


def test_it_reports_ok_when_the_database_answers(client, db):
    r = client.get("/sehat/")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in r["Cache-Control"]


def test_it_refuses_methods_other_than_get(client, db):
    assert client.post("/sehat/").status_code == 405


def test_it_returns_503_when_the_sqlite_file_cannot_be_opened(tmp_path):
    hilang = tmp_path / "tidak-ada" / "tilik.sqlite3"
    hasil = proses.python(PERMINTAAN, DEBUG="1", ALLOWED_HOSTS="testserver", SQLITE_PATH=str(hilang))
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout.splitlines()[-1]) == [503, {"status": "error", "database": "error"}]


def test_it_returns_503_when_postgresql_is_unreachable():
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    hasil = proses.python(
        PERMINTAAN,
        DEBUG="1",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/tilik",
    )
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout.splitlines()[-1]) == [503, {"status": "error", "database": "error"}]


def test_it_answers_plain_http_in_production_without_redirecting(tmp_path):
    hasil = proses.python(PERMINTAAN, SQLITE_PATH=str(tmp_path / "t.sqlite3"), **proses.PRODUKSI)
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout.splitlines()[-1]) == [200, {"status": "ok", "database": "ok"}]
