"""Submission throughput of the public SKM form under concurrency, against a one-row baseline.

gunicorn serves the real application (production mode, PostgreSQL) on a free port of
127.0.0.1; 20 client threads (stdlib http.client, keep-alive) then
  1. baseline: POST to a view that only INSERTs one row (benchmarks/_kirim_urls.py), N times;
  2. real path: GET /s/<kode>/?unit=<id>, read the form from the HTML (CSRF token and cookie,
     the signed kunci, the action, the names of the required questions), POST the nine unsur
     answers; N submissions, each from a fresh form. Every 10th form is posted twice at the
     same moment from two connections (a double tap), which must still store one response.
The phases alternate in rounds (--ronde), so that background load weighs on all alike:
  3. POST alone: N more forms are fetched first (untimed) and then posted concurrently, to
     separate the cost of storing from the cost of rendering the page (--tanpa-post-saja skips).
Afterwards the database must hold exactly one response (with its nine unsur answers) per distinct form;
otherwise the script exits 1. The goal (form at least half the baseline's throughput) is only
reported. Each phase also reports where the CPU went, per accepted submission (or baseline
row): cpu_gunicorn_ms_per (master and workers) and cpu_postgres_ms_per (every PostgreSQL
process of the machine), read from /proc before and after the phase.

The public form's rate limit (survei.ratelimit, 20 POSTs per hour per address) would stop a
benchmark from one address: benchmarks/_kirim_settings.py raises it through the setting the
limiter reads, SURVEI_BATAS_LAJU, and changes nothing else of the product.

It uses its own database (tilik_bench, created and dropped here) and never touches another.
Without a reachable PostgreSQL it prints a SKIP line and exits 0.

    .venv/bin/python benchmarks/bench_survei_kirim.py --jumlah 2000
    BENCH_PG_URL=postgres://user@host:5432/postgres ...   (the server to create tilik_bench on)
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
NAMA_DB = "tilik_bench"
HOST = "127.0.0.1"
TARGET_RASIO = 0.5
JUMLAH_UNSUR = 9


def url_db(nama: str) -> str:
    bagian = urllib.parse.urlsplit(PG_URL)
    return urllib.parse.urlunsplit(bagian._replace(path=f"/{nama}"))


# The dedicated database ------------------------------------------------------------------------


def pg_terjangkau() -> str | None:
    """None when PostgreSQL answers, else why not."""
    import psycopg

    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        return str(e).strip().splitlines()[0]
    return None


def _admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def buat_db() -> None:
    # A leftover from an interrupted run is ours (the name is this benchmark's own).
    _admin_sql(f'DROP DATABASE IF EXISTS "{NAMA_DB}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{NAMA_DB}"')


def hapus_db() -> None:
    _admin_sql(f'DROP DATABASE IF EXISTS "{NAMA_DB}" WITH (FORCE)')


# Django in this process: migrate and build the survey ------------------------------------------


@dataclass(frozen=True)
class Sasaran:
    kode: str
    survei_id: int
    unit_id: tuple[int, ...]


def siapkan_django() -> None:
    sys.path[:0] = [str(ROOT), str(HERE)]
    import django

    django.setup()


def route_formulir_ada() -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("survei:isi", kwargs={"kode": "contoh"})
    except NoReverseMatch:
        return False
    return True


def isi_db() -> Sasaran:
    from _kirim_urls import SQL_BUAT_TABEL
    from django.core.management import call_command
    from django.db import connection

    from organisasi.models import Instansi, Layanan, UnitLayanan
    from survei.models import Kuesioner
    from survei.services import survei_buat, survei_buka
    from survei.skm import KODE_TEMPLATE_SKM

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(SQL_BUAT_TABEL)
    instansi = Instansi.objects.create(nama="Kota Bench", slug="kota-bench")
    semua_unit = []
    for i, (slug, nama) in enumerate(
        [("disdukcapil", "Dinas Kependudukan"), ("dpmptsp", "DPMPTSP"), ("rsud", "RSUD Kota Bench")]
    ):
        unit = UnitLayanan.objects.create(instansi=instansi, slug=slug, nama=nama)
        Layanan.objects.bulk_create(Layanan(unit=unit, nama=f"Layanan {i}-{j}") for j in range(3))
        semua_unit.append(unit)
    hari_ini = date.today()
    survei = survei_buat(
        kuesioner=Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM),
        instansi_unit=[(u, 10_000) for u in semua_unit],
        judul="Survei Kepuasan Masyarakat (benchmark)",
        periode="Benchmark",
        mulai=hari_ini - timedelta(days=30),
        selesai=hari_ini + timedelta(days=30),
        pengguna=None,
    )
    survei_buka(survei=survei)
    connection.close()
    return Sasaran(kode=survei.kode, survei_id=survei.pk, unit_id=tuple(u.pk for u in semua_unit))


def hitung_db(sasaran: Sasaran) -> dict[str, int]:
    from _kirim_urls import TABEL_DASAR
    from django.db import connection

    from survei.models import Jawaban, Respons

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABEL_DASAR}")
        (dasar,) = cursor.fetchone()
    hasil = {
        "dasar": int(dasar),
        "respons": Respons.objects.filter(survei_id=sasaran.survei_id).count(),
        # The nine unsur answers are columns of the response; the form posts no other answer.
        "respons_sembilan_unsur": Respons.objects.filter(
            survei_id=sasaran.survei_id, dijawab_unsur=JUMLAH_UNSUR
        ).count(),
        "jawaban_lain": Jawaban.objects.filter(respons__survei_id=sasaran.survei_id).count(),
    }
    connection.close()
    return hasil


# gunicorn ------------------------------------------------------------------------------------


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def gunicorn(*, port: int, pekerja: int, kelas: str, utas: int, env: dict[str, str]) -> Iterator[None]:
    """gunicorn running for the duration of the block (tests/beban/gunicorn.py, shared with the
    load tests), its process group known to cpu_server() meanwhile."""
    from tests.beban.gunicorn import gunicorn_berjalan

    argumen = ["--chdir", str(ROOT), "--pythonpath", str(HERE)]
    with gunicorn_berjalan(
        port=port,
        env=env,
        pekerja=pekerja,
        utas=utas,
        kelas=kelas,
        keep_alive=60,
        backlog=256,
        argumen=argumen,
    ) as proses:
        GRUP_GUNICORN[:] = [proses.pid]  # start_new_session: its group id is its pid
        try:
            yield
        finally:
            GRUP_GUNICORN.clear()


# Where the CPU goes ------------------------------------------------------------------------------

_DETAK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
GRUP_GUNICORN: list[int] = []  # the process group of the running gunicorn (set while it runs)


def cpu_server() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by gunicorn (master and workers) and by every
    PostgreSQL process of this machine, read from /proc; (0, 0) where /proc is missing."""
    gunicorn = postgres = 0.0
    for nama in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not nama.isdigit():
            continue
        try:
            stat = Path(f"/proc/{nama}/stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...; comm may hold spaces, so split after its ")".
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        kolom = stat[stat.rindex(")") + 2 :].split()
        detik = (int(kolom[11]) + int(kolom[12])) / _DETAK
        if GRUP_GUNICORN and int(kolom[2]) == GRUP_GUNICORN[0]:
            gunicorn += detik
        elif comm == "postgres":
            postgres += detik
    return gunicorn, postgres


# The client --------------------------------------------------------------------------------------


@dataclass
class Formulir:
    aksi: str
    tersembunyi: dict[str, str] = field(default_factory=dict)
    radio: dict[str, list[str]] = field(default_factory=dict)
    wajib: list[str] = field(default_factory=list)  # radio groups marked required


class BacaFormulir(HTMLParser):
    """Every POST form of a page (the layout has its own, e.g. the language switch): action,
    hidden fields, radio groups and which of them are required (a fieldset whose legend
    carries the "wajib" marker)."""

    def __init__(self) -> None:
        super().__init__()
        self.semua: list[Formulir] = []
        self._kini: Formulir | None = None
        self._fieldset_wajib = False
        self._fieldset_nama: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._kini = Formulir(aksi=a.get("action", ""))
            self.semua.append(self._kini)
        if self._kini is None:
            return
        if tag == "fieldset":
            self._fieldset_wajib, self._fieldset_nama = False, []
        elif tag == "span" and self._fieldset_nama is not None and "wajib" in a.get("class", "").split():
            self._fieldset_wajib = True
        elif tag == "input":
            jenis, nama = a.get("type", "text").lower(), a.get("name", "")
            if jenis == "hidden" and nama:
                self._kini.tersembunyi[nama] = a.get("value", "")
            elif jenis == "radio" and nama:
                self._kini.radio.setdefault(nama, []).append(a.get("value", ""))
                if self._fieldset_nama is not None and nama not in self._fieldset_nama:
                    self._fieldset_nama.append(nama)

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset" and self._fieldset_nama is not None:
            if self._fieldset_wajib and self._kini is not None:
                self._kini.wajib.extend(n for n in self._fieldset_nama if n not in self._kini.wajib)
            self._fieldset_nama = None
        elif tag == "form":
            self._kini = None

    def survei(self) -> Formulir | None:
        """The survey form: the POST form with questions to answer."""
        dengan_soal = [f for f in self.semua if f.radio]
        return max(dengan_soal, key=lambda f: len(f.radio)) if dengan_soal else None


# The client threads share the machine (and one GIL) with the server: reading every page with
# html.parser would cost the client more CPU than the server spends rendering it, a cost a
# citizen's phone carries, not the server. The same reading, done with one regular expression
# over the tags that matter; ambil_formulir() checks it against BacaFormulir on one page in 100.
_TAG = re.compile(r"<(/?)(form|fieldset|span|input)\b([^>]*)>", re.IGNORECASE)
_ATRIBUT = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _atribut(teks: str) -> dict[str, str]:
    hasil = {}
    for m in _ATRIBUT.finditer(teks):
        nilai = m.group(2) or m.group(3) or m.group(4) or ""
        hasil[m.group(1).lower()] = html.unescape(nilai) if "&" in nilai else nilai
    return hasil


def baca_formulir_cepat(halaman: str) -> Formulir | None:
    """What BacaFormulir(...).survei() reads from a page, for pages whose attribute values hold
    no ">" (Django escapes it)."""
    semua: list[Formulir] = []
    kini: Formulir | None = None
    fieldset_wajib = False
    fieldset_nama: list[str] | None = None
    for m in _TAG.finditer(halaman):
        tutup, tag = m.group(1), m.group(2).lower()
        if tutup:
            if tag == "fieldset" and fieldset_nama is not None:
                if fieldset_wajib and kini is not None:
                    kini.wajib.extend(n for n in fieldset_nama if n not in kini.wajib)
                fieldset_nama = None
            elif tag == "form":
                kini = None
            continue
        a = _atribut(m.group(3))
        if tag == "form" and a.get("method", "").lower() == "post":
            kini = Formulir(aksi=a.get("action", ""))
            semua.append(kini)
        if kini is None:
            continue
        if tag == "fieldset":
            fieldset_wajib, fieldset_nama = False, []
        elif tag == "span" and fieldset_nama is not None and "wajib" in a.get("class", "").split():
            fieldset_wajib = True
        elif tag == "input":
            jenis, nama = a.get("type", "text").lower(), a.get("name", "")
            if jenis == "hidden" and nama:
                kini.tersembunyi[nama] = a.get("value", "")
            elif jenis == "radio" and nama:
                kini.radio.setdefault(nama, []).append(a.get("value", ""))
                if fieldset_nama is not None and nama not in fieldset_nama:
                    fieldset_nama.append(nama)
    dengan_soal = [f for f in semua if f.radio]
    return max(dengan_soal, key=lambda f: len(f.radio)) if dengan_soal else None


class GagalHttp(Exception):
    pass


@dataclass
class Klien:
    """One simulated browser: a keep-alive connection and its cookies."""

    port: int
    cookie: dict[str, str] = field(default_factory=dict)
    coba_ulang: int = 0
    _conn: http.client.HTTPConnection | None = None

    def minta(
        self, metode: str, jalur: str, badan: bytes | None = None, header: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes, float]:
        """(status, headers, body, milliseconds). A keep-alive connection the server closed
        meanwhile is reopened once; a form POST is safe to resend (its kunci deduplicates)."""
        semua_header = {"Host": f"{HOST}:{self.port}", **(header or {})}
        if self.cookie:
            semua_header["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookie.items())
        for percobaan in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            mulai = time.perf_counter()
            try:
                self._conn.request(metode, jalur, body=badan, headers=semua_header)
                r = self._conn.getresponse()
                isi = r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._conn.close()
                self._conn = None
                if percobaan == 2:
                    raise
                self.coba_ulang += 1
                continue
            ms = (time.perf_counter() - mulai) * 1000
            for baris in r.headers.get_all("Set-Cookie") or []:
                nama, _, nilai = baris.split(";", 1)[0].partition("=")
                self.cookie[nama.strip()] = nilai.strip()
            if r.will_close:
                self._conn.close()
                self._conn = None
            return r.status, {k.lower(): v for k, v in r.getheaders()}, isi, ms
        raise AssertionError("unreachable")

    def tutup(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


@dataclass
class Catatan:
    """What one phase measured, filled by all client threads (under kunci)."""

    kunci: threading.Lock = field(default_factory=threading.Lock)
    latensi_post: list[float] = field(default_factory=list)
    latensi_get: list[float] = field(default_factory=list)
    status_post: Counter[int] = field(default_factory=Counter)
    status_ganda: Counter[int] = field(default_factory=Counter)
    formulir_terkirim: int = 0  # distinct forms whose (first) POST was accepted
    kirim_ganda: int = 0
    galat: list[str] = field(default_factory=list)
    coba_ulang: int = 0
    detik: float = 0.0
    cpu_klien: float = 0.0
    cpu_gunicorn: float = 0.0
    cpu_postgres: float = 0.0

    def tambah(self, lain: Catatan) -> None:
        """Add another round of the same phase."""
        self.latensi_post += lain.latensi_post
        self.latensi_get += lain.latensi_get
        self.status_post += lain.status_post
        self.status_ganda += lain.status_ganda
        self.formulir_terkirim += lain.formulir_terkirim
        self.kirim_ganda += lain.kirim_ganda
        self.galat += lain.galat
        self.coba_ulang += lain.coba_ulang
        self.detik += lain.detik
        self.cpu_klien += lain.cpu_klien
        self.cpu_gunicorn += lain.cpu_gunicorn
        self.cpu_postgres += lain.cpu_postgres


def jalankan(
    jumlah: int,
    klien: int,
    port: int,
    kerja: Callable[[int, Klien, Klien, random.Random, Catatan], None],
    *,
    mulai_dari: int = 0,
) -> Catatan:
    """Run kerja(i, ...) for the next `jumlah` values of i on `klien` threads, each with its
    own two connections (the second for the duplicate of a double tap) and random generator."""
    catatan = Catatan()
    berikut = iter(range(mulai_dari, mulai_dari + jumlah))
    kunci_antrean = threading.Lock()

    def utas(nomor: int) -> None:
        utama, kembar = Klien(port), Klien(port)
        kembar.cookie = utama.cookie  # the same browser: one cookie jar
        rng = random.Random(mulai_dari + nomor)  # answers, not secrets
        try:
            while True:
                with kunci_antrean:
                    i = next(berikut, None)
                if i is None:
                    return
                try:
                    kerja(i, utama, kembar, rng, catatan)
                except Exception as e:  # reported, and it fails the run
                    with catatan.kunci:
                        catatan.galat.append(f"{type(e).__name__}: {e}"[:300])
        finally:
            with catatan.kunci:
                catatan.coba_ulang += utama.coba_ulang + kembar.coba_ulang
            utama.tutup()
            kembar.tutup()

    semua = [threading.Thread(target=utas, args=(n,), daemon=True) for n in range(klien)]
    server = cpu_server()
    cpu, mulai = time.process_time(), time.perf_counter()
    for t in semua:
        t.start()
    for t in semua:
        t.join()
    catatan.detik = time.perf_counter() - mulai
    catatan.cpu_klien = time.process_time() - cpu
    catatan.cpu_gunicorn, catatan.cpu_postgres = (b - a for a, b in zip(server, cpu_server(), strict=True))
    return catatan


def kerja_dasar(i: int, utama: Klien, kembar: Klien, rng: random.Random, catatan: Catatan) -> None:
    badan = urllib.parse.urlencode({"kunci": f"dasar-{i}"}).encode()
    status, _h, _isi, ms = utama.minta(
        "POST", "/bench/dasar/", badan, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    with catatan.kunci:
        catatan.status_post[status] += 1
        if status == 204:
            catatan.latensi_post.append(ms)
            catatan.formulir_terkirim += 1
        else:
            catatan.galat.append(f"baseline POST {status}")


@dataclass(frozen=True)
class FormSiap:
    aksi: str
    badan: bytes
    ms_get: float


HEADER_POST = {"Content-Type": "application/x-www-form-urlencoded"}


def ambil_formulir(i: int, utama: Klien, rng: random.Random, sasaran: Sasaran) -> FormSiap:
    """GET a fresh form and fill in the nine required (unsur) questions."""
    unit_id = sasaran.unit_id[i % len(sasaran.unit_id)]
    status, _h, isi, ms_get = utama.minta("GET", f"/s/{sasaran.kode}/?unit={unit_id}")
    if status != 200:
        raise GagalHttp(f"GET form {status}: {isi[:200]!r}")
    halaman = isi.decode()
    form = baca_formulir_cepat(halaman)
    if i % 100 == 0:  # one page in a hundred is read both ways
        pembaca = BacaFormulir()
        pembaca.feed(halaman)
        if pembaca.survei() != form:
            raise GagalHttp("the quick form reader and html.parser disagree on the form page")
    if form is None or "kunci" not in form.tersembunyi or "csrfmiddlewaretoken" not in form.tersembunyi:
        raise GagalHttp("the page has no survey form with a kunci and a CSRF token")
    if len(form.wajib) != JUMLAH_UNSUR:
        raise GagalHttp(f"expected {JUMLAH_UNSUR} required questions, found {form.wajib}")
    data = dict(form.tersembunyi)
    for nama in form.wajib:
        data[nama] = rng.choice(form.radio[nama])
    return FormSiap(aksi=form.aksi, badan=urllib.parse.urlencode(data).encode(), ms_get=ms_get)


def kirim_formulir(i: int, siap: FormSiap, utama: Klien, kembar: Klien, catatan: Catatan) -> None:
    """POST a filled form; every 10th one twice at once."""
    ganda = i % 10 == 9
    hasil_kembar: list[int] = []
    if ganda:
        # Both copies leave at the same moment, on two connections: a double tap that races
        # in the server, not one that finds the first already stored.
        gerbang = threading.Barrier(2)

        def kirim_kembar() -> None:
            gerbang.wait()
            hasil_kembar.append(kembar.minta("POST", siap.aksi, siap.badan, HEADER_POST)[0])

        t = threading.Thread(target=kirim_kembar)
        t.start()
        gerbang.wait()
    status, h, isi, ms_post = utama.minta("POST", siap.aksi, siap.badan, HEADER_POST)
    if ganda:
        t.join()
    with catatan.kunci:
        catatan.status_post[status] += 1
        if ganda:
            catatan.kirim_ganda += 1
            catatan.status_ganda.update(hasil_kembar)
        if status == 303 and "terima-kasih" in h.get("location", ""):
            catatan.latensi_post.append(ms_post)
            catatan.formulir_terkirim += 1
        else:
            catatan.galat.append(f"form POST {status}: {isi[:300]!r}")
        if ganda and hasil_kembar != [303]:
            catatan.galat.append(f"duplicate POST answered {hasil_kembar}")


def buat_kerja_formulir(sasaran: Sasaran) -> Callable[[int, Klien, Klien, random.Random, Catatan], None]:
    """The real path, as a citizen does it: GET a fresh form, then POST it."""

    def kerja(i: int, utama: Klien, kembar: Klien, rng: random.Random, catatan: Catatan) -> None:
        siap = ambil_formulir(i, utama, rng, sasaran)
        with catatan.kunci:
            catatan.latensi_get.append(siap.ms_get)
        kirim_formulir(i, siap, utama, kembar, catatan)

    return kerja


def jalankan_post_saja(jumlah: int, klien: int, port: int, sasaran: Sasaran, *, mulai_dari: int) -> Catatan:
    """The POSTs alone: every client first fetches its share of forms (not timed), then all
    of them are posted concurrently; shows what storing costs without rendering the page.

    The posting takes the forms from one queue in form order, as jalankan() does, so that all
    clients stay busy until the last form: with each client posting only the forms it fetched,
    the double taps (every 10th form) fell to the same two clients, which then ran alone at
    the end of every round while the other eighteen were done. A form is posted with the
    cookies of the client that fetched it (its CSRF cookie)."""
    catatan = Catatan()
    gerbang = threading.Barrier(klien + 1)
    antrean: list[tuple[int, FormSiap, dict[str, str]]] = []
    kunci_antrean = threading.Lock()
    berikut: Iterator[tuple[int, FormSiap, dict[str, str]]] = iter(())

    def utas(nomor: int) -> None:
        utama, kembar = Klien(port), Klien(port)
        rng = random.Random(mulai_dari + nomor)  # answers, not secrets
        try:
            for i in range(mulai_dari + nomor, mulai_dari + jumlah, klien):
                form = ambil_formulir(i, utama, rng, sasaran)
                with kunci_antrean:
                    antrean.append((i, form, utama.cookie))
        except Exception as e:  # reported, and it fails the run
            with catatan.kunci:
                catatan.galat.append(f"{type(e).__name__}: {e}"[:300])
        # The main thread sorts the queue between the two barriers.
        gerbang.wait()
        gerbang.wait()
        try:
            while True:
                with kunci_antrean:
                    item = next(berikut, None)
                if item is None:
                    return
                i, form, cookie = item
                # The browser that fetched the form sends it: its cookie jar on both connections.
                utama.cookie = kembar.cookie = cookie
                try:
                    kirim_formulir(i, form, utama, kembar, catatan)
                except Exception as e:  # reported, and it fails the run
                    with catatan.kunci:
                        catatan.galat.append(f"{type(e).__name__}: {e}"[:300])
        finally:
            with catatan.kunci:
                catatan.coba_ulang += utama.coba_ulang + kembar.coba_ulang
            utama.tutup()
            kembar.tutup()

    semua = [threading.Thread(target=utas, args=(n,), daemon=True) for n in range(klien)]
    for t in semua:
        t.start()
    gerbang.wait()
    antrean.sort(key=lambda item: item[0])
    berikut = iter(antrean)
    server = cpu_server()
    cpu, mulai = time.process_time(), time.perf_counter()
    gerbang.wait()
    for t in semua:
        t.join()
    catatan.detik = time.perf_counter() - mulai
    catatan.cpu_klien = time.process_time() - cpu
    catatan.cpu_gunicorn, catatan.cpu_postgres = (b - a for a, b in zip(server, cpu_server(), strict=True))
    return catatan


# Report ----------------------------------------------------------------------------------------


def persentil(data: list[float]) -> dict[str, float | None]:
    if len(data) < 2:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None}
    q = statistics.quantiles(data, n=100, method="inclusive")
    return {"p50_ms": round(q[49], 2), "p95_ms": round(q[94], 2), "p99_ms": round(q[98], 2)}


def ringkas(c: Catatan) -> dict[str, object]:
    return {
        "per_detik": round(c.formulir_terkirim / c.detik, 1) if c.detik else None,
        "detik": round(c.detik, 2),
        "berhasil": c.formulir_terkirim,
        "gagal": len(c.galat),
        "status_post": dict(sorted(c.status_post.items())),
        "koneksi_diulang": c.coba_ulang,
        "cpu_klien_detik": round(c.cpu_klien, 2),
        # Server CPU per accepted submission (or baseline row), in milliseconds.
        "cpu_gunicorn_ms_per": round(1000 * c.cpu_gunicorn / c.formulir_terkirim, 3)
        if c.formulir_terkirim
        else None,
        "cpu_postgres_ms_per": round(1000 * c.cpu_postgres / c.formulir_terkirim, 3)
        if c.formulir_terkirim
        else None,
        **{f"post_{k}": v for k, v in persentil(c.latensi_post).items()},
    }


def _berhenti(signum: int, _frame: object) -> None:
    # SIGTERM (and SIGINT/SIGHUP, which a non-interactive shell may have set to "ignore" for a
    # background job) unwind through the finally blocks: gunicorn stopped, database dropped.
    raise SystemExit(128 + signum)


def _rasio(a: Catatan, b: Catatan) -> float | None:
    if not (a.detik and b.detik and a.formulir_terkirim and b.formulir_terkirim):
        return None
    return (a.formulir_terkirim / a.detik) / (b.formulir_terkirim / b.detik)


def main() -> int:
    for sinyal in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sinyal, _berhenti)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jumlah", type=int, default=2000, help="submissions per phase (default 2000)")
    parser.add_argument("--klien", type=int, default=20, help="concurrent client threads (default 20)")
    parser.add_argument("--pekerja", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"])
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker (default 1)")
    parser.add_argument("--pemanasan", type=int, default=100, help="warm-up requests per phase (default 100)")
    parser.add_argument("--ronde", type=int, default=4, help="alternating rounds of both phases (default 4)")
    parser.add_argument(
        "--tanpa-post-saja",
        dest="post_saja",
        action="store_false",
        help="skip the extra phase that times the form POSTs alone",
    )
    args = parser.parse_args()

    alasan = pg_terjangkau()
    if alasan is not None:
        print(f"SKIP bench_survei_kirim: PostgreSQL not reachable at {PG_URL} ({alasan})")
        return 0

    env = {
        **os.environ,
        "DATABASE_URL": url_db(NAMA_DB),
        "DJANGO_SETTINGS_MODULE": "_kirim_settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)]),
    }
    env.pop("REDIS_URL", None)  # local-memory cache per worker, as on one machine
    os.environ.update(env)
    siapkan_django()
    if not route_formulir_ada():
        print("SKIP bench_survei_kirim: the public form route survei:isi (/s/<kode>/) does not exist yet")
        return 0

    from django.db import connections

    buat_db()
    try:
        sasaran = isi_db()
        connections.close_all()
        port = port_bebas()
        with gunicorn(port=port, pekerja=args.pekerja, kelas=args.worker_class, utas=args.threads, env=env):
            kerja_formulir = buat_kerja_formulir(sasaran)
            # Warm-up: every worker imports, compiles templates and opens its connection.
            panas_dasar = jalankan(args.pemanasan, args.klien, port, kerja_dasar)
            panas_form = jalankan(args.pemanasan, args.klien, port, kerja_formulir)
            # The two phases alternate in rounds, so that a change in what else the machine is
            # doing weighs on both alike rather than on whichever ran at that moment.
            dasar, form, post_saja = Catatan(), Catatan(), Catatan()
            for r in range(args.ronde):
                bagian = args.jumlah // args.ronde + (r < args.jumlah % args.ronde)
                awal = args.pemanasan + r * (args.jumlah // args.ronde) + min(r, args.jumlah % args.ronde)
                dasar.tambah(jalankan(bagian, args.klien, port, kerja_dasar, mulai_dari=awal))
                form.tambah(jalankan(bagian, args.klien, port, kerja_formulir, mulai_dari=awal))
                if args.post_saja:
                    # Indices after the real path's, so every form has its own number.
                    post_saja.tambah(
                        jalankan_post_saja(bagian, args.klien, port, sasaran, mulai_dari=awal + args.jumlah)
                    )
        db = hitung_db(sasaran)
    finally:
        connections.close_all()
        hapus_db()

    semua_form = (panas_dasar, panas_form, dasar, form, post_saja)
    formulir_berbeda = panas_form.formulir_terkirim + form.formulir_terkirim + post_saja.formulir_terkirim
    baris_dasar = panas_dasar.formulir_terkirim + dasar.formulir_terkirim
    verifikasi = {
        "formulir_berbeda": formulir_berbeda,
        "respons": db["respons"],
        "respons_sembilan_unsur": db["respons_sembilan_unsur"],
        "jawaban_lain": db["jawaban_lain"],
        "hilang": max(0, formulir_berbeda - db["respons"]),
        "ganda": max(0, db["respons"] - formulir_berbeda),
        "baris_dasar": db["dasar"],
        "baris_dasar_diharapkan": baris_dasar,
    }
    verifikasi["ok"] = (
        db["respons"] == formulir_berbeda
        and db["respons_sembilan_unsur"] == formulir_berbeda
        and db["jawaban_lain"] == 0
        and db["dasar"] == baris_dasar
        and not any(c.galat for c in semua_form)
    )
    rasio = _rasio(form, dasar)
    rasio_post = _rasio(post_saja, dasar)
    hasil = {
        "benchmark": "survei_kirim",
        "jumlah": args.jumlah,
        "klien": args.klien,
        "ronde": args.ronde,
        "gunicorn": {"pekerja": args.pekerja, "kelas": args.worker_class, "threads": args.threads},
        "cpu": os.cpu_count(),
        "database": "postgresql",
        "dasar": ringkas(dasar),
        "formulir": {
            **ringkas(form),
            **{f"get_{k}": v for k, v in persentil(form.latensi_get).items()},
            "request_per_detik": round(
                (len(form.latensi_get) + sum(form.status_post.values())) / form.detik, 1
            )
            if form.detik
            else None,
            "kirim_ganda": form.kirim_ganda,
            "status_ganda": dict(sorted(form.status_ganda.items())),
        },
        "post_saja": {**ringkas(post_saja), "kirim_ganda": post_saja.kirim_ganda} if args.post_saja else None,
        "rasio": round(rasio, 3) if rasio is not None else None,
        "rasio_post_saja": round(rasio_post, 3) if rasio_post is not None else None,
        "target_rasio": TARGET_RASIO,
        "verifikasi": verifikasi,
    }
    print(json.dumps(hasil, ensure_ascii=False))

    f, d = hasil["formulir"], hasil["dasar"]
    assert isinstance(f, dict) and isinstance(d, dict)
    print(
        f"baseline (one INSERT): {d['per_detik']} /s, POST p50 {d['post_p50_ms']} ms, "
        f"p95 {d['post_p95_ms']} ms, p99 {d['post_p99_ms']} ms"
    )
    print(
        f"SKM form (GET + POST): {f['per_detik']} submissions/s, POST p50 {f['post_p50_ms']} ms, "
        f"p95 {f['post_p95_ms']} ms, p99 {f['post_p99_ms']} ms; GET p50 {f['get_p50_ms']} ms, "
        f"p95 {f['get_p95_ms']} ms"
    )
    if args.post_saja:
        p = ringkas(post_saja)
        print(
            f"SKM form, POST alone (forms fetched beforehand): {p['per_detik']} /s, "
            f"p50 {p['post_p50_ms']} ms, p95 {p['post_p95_ms']} ms, p99 {p['post_p99_ms']} ms"
        )
    if rasio is not None:
        tanda = "meets" if rasio >= TARGET_RASIO else "BELOW"
        print(f"ratio form/baseline: {rasio:.2f} ({tanda} the goal of {TARGET_RASIO})", end="")
        print(f"; POST alone/baseline: {rasio_post:.2f}" if rasio_post is not None else "")
    ganda = sum(c.kirim_ganda for c in semua_form)
    print(
        f"verification: {db['respons']} responses for {formulir_berbeda} distinct forms "
        f"({ganda} posted twice at once), {db['respons_sembilan_unsur']} with all nine unsur "
        f"answered, {db['jawaban_lain']} other answer rows (expected 0): "
        f"{'OK' if verifikasi['ok'] else 'FAILED'}"
    )
    for c in semua_form:
        for g in c.galat[:5]:
            print(f"  error: {g}")
    print(
        f"({args.klien} client threads, gunicorn {args.pekerja}x{args.worker_class} and PostgreSQL share "
        f"{os.cpu_count()} CPUs; client CPU {form.cpu_klien:.1f} s of {form.detik:.1f} s in the form phase)"
    )
    return 0 if verifikasi["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
