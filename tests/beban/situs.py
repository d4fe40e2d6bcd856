"""Tilik under gunicorn for the load and fault tests, and a simulated citizen's browser.

(benchmarks/bench_survei_kirim.py measures the same path's throughput; these tests only
check that it stays correct under load and through a database restart.)
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.beban.gunicorn import gunicorn_berjalan
from tests.beban.klaster import HOST, Klaster, port_bebas

ROOT = Path(__file__).resolve().parents[2]
PENGATURAN = "tests.beban.pengaturan"
KODE_UNSUR = tuple(f"U{i}" for i in range(1, 10))
# How many responses of a survey (%s) are not one whole submission of isi_formulir(): its nine
# unsur answers are the response's columns u1..u9 (and counted in dijawab_unsur); it answers
# nothing else, so no Jawaban row.
SQL_TIDAK_LENGKAP = f"""SELECT count(*) FROM survei_respons r WHERE r.survei_id = %s AND (
    num_nonnulls({", ".join(f"r.{k.lower()}" for k in KODE_UNSUR)}) <> 9 OR r.dijawab_unsur <> 9
    OR EXISTS (SELECT 1 FROM survei_jawaban j WHERE j.respons_id = r.id))"""

# Run in a fresh interpreter against the test's own database: migrate, then one instansi with
# three units and an open SKM survey; prints what the clients need.
_SIAPKAN = """
import json, django
from datetime import date, timedelta
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from organisasi.models import Instansi, UnitLayanan
from survei.models import Kuesioner
from survei.services import survei_buat, survei_buka
from survei.skm import KODE_TEMPLATE_SKM
instansi = Instansi.objects.create(nama="Kota Beban", slug="kota-beban")
unit = [
    UnitLayanan.objects.create(instansi=instansi, slug=f"unit-{i}", nama=f"Unit Beban {i}") for i in range(3)
]
hari_ini = date.today()
survei = survei_buat(
    kuesioner=Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM),
    instansi_unit=[(u, None) for u in unit],
    judul="SKM beban",
    periode="Uji beban",
    mulai=hari_ini - timedelta(days=1),
    selesai=hari_ini + timedelta(days=1),
    pengguna=None,
)
survei_buka(survei=survei)
print(json.dumps({"kode": survei.kode, "survei_id": survei.pk, "unit": [u.pk for u in unit]}))
"""


def lingkungan(url_db: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE=PENGATURAN,
        DATABASE_URL=url_db,
        DEBUG="0",
        SECRET_KEY="uji-beban-" + "k" * 50,
        PYTHONPATH=str(ROOT),
    )
    return env


@dataclass(frozen=True)
class Situs:
    port: int
    url_db: str
    kode: str
    survei_id: int
    unit: tuple[int, ...]


def siapkan_db(klaster: Klaster, nama: str) -> tuple[str, dict[str, object]]:
    url_db = klaster.buat_db(nama)
    hasil = subprocess.run(
        [sys.executable, "-c", _SIAPKAN],
        cwd=ROOT,
        env=lingkungan(url_db),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stderr[-3000:]
    return url_db, json.loads(hasil.stdout.strip().splitlines()[-1])


@contextmanager
def gunicorn(url_db: str, *, pekerja: int = 3, utas: int = 4) -> Iterator[int]:
    """gunicorn (gthread workers, as deployed) on a free port for the block; its whole process
    group is stopped afterwards whatever happens."""
    port = port_bebas()
    with gunicorn_berjalan(port=port, env=lingkungan(url_db), pekerja=pekerja, utas=utas):
        yield port


# The citizen's browser -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Jawaban:
    status: int
    header: dict[str, str]
    isi: bytes


@dataclass
class Peramban:
    """One simulated phone: a keep-alive connection and its cookie jar."""

    port: int
    cookie: dict[str, str] = field(default_factory=dict)
    _conn: http.client.HTTPConnection | None = None

    def minta(self, metode: str, jalur: str, badan: bytes | None = None) -> Jawaban:
        """The full answer; http.client raises IncompleteRead on a body shorter than its
        Content-Length, so a partial response can never pass for a whole one."""
        header = {"Host": f"{HOST}:{self.port}"}
        if badan is not None:
            header["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            header["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookie.items())
        for percobaan in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                self._conn.request(metode, jalur, body=badan, headers=header)
                r = self._conn.getresponse()
                isi = r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server had closed meanwhile: reopen once. Safe
                # for a form POST: its kunci makes a resend the same response.
                self.tutup()
                if percobaan == 2:
                    raise
                continue
            for baris in r.headers.get_all("Set-Cookie") or []:
                nama, _, nilai = baris.split(";", 1)[0].partition("=")
                self.cookie[nama.strip()] = nilai.strip()
            if r.will_close:
                self.tutup()
            return Jawaban(r.status, {k.lower(): v for k, v in r.getheaders()}, isi)
        raise AssertionError("unreachable")

    def kirim_lalu_putus(self, jalur: str, badan: bytes) -> None:
        """Send a POST and hang up without reading the answer: a phone that lost its signal."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        header = {
            "Host": f"{HOST}:{self.port}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookie.items()),
        }
        conn.request("POST", jalur, body=badan, headers=header)
        conn.close()

    def tutup(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


_TERSEMBUNYI = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_AKSI = re.compile(r'<form class="formulir" method="post" action="([^"]+)"')


@dataclass(frozen=True)
class Formulir:
    aksi: str
    badan: bytes
    kunci: str


def isi_formulir(html: str, rng: random.Random) -> Formulir:
    """The survey form of a page, filled: its hidden fields (CSRF token, unit, signed kunci)
    and a random answer to each of the nine unsur."""
    aksi = _AKSI.search(html)
    assert aksi, "the page has no survey form"
    data = {nama: nilai.replace("&amp;", "&") for nama, nilai in _TERSEMBUNYI.findall(html)}
    assert {"csrfmiddlewaretoken", "kunci", "unit"} <= set(data), sorted(data)
    for kode in KODE_UNSUR:
        data[f"j_{kode}"] = str(rng.randint(1, 4))
    return Formulir(aksi.group(1).replace("&amp;", "&"), urllib.parse.urlencode(data).encode(), data["kunci"])
