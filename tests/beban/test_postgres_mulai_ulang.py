"""PostgreSQL stops in the middle of the traffic and comes back: meanwhile every answer is a
whole one, either a normal page or the clean 503 page (with Retry-After), never a 500; no
response is half-stored; and the service recovers by itself, without restarting gunicorn
(CONN_HEALTH_CHECKS replaces the dead connections).

Citizens whose submission got the 503 send the same form again until it is accepted, as the
page asks them to; in the end every accepted form is stored exactly once.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import psycopg

from tests.beban.klaster import Klaster
from tests.beban.situs import (
    SQL_TIDAK_LENGKAP,
    Formulir,
    Jawaban,
    Peramban,
    Situs,
    gunicorn,
    isi_formulir,
    siapkan_db,
)

KLIEN = 10
SEBELUM, PADAM, SESUDAH = 3.0, 4.0, 6.0  # seconds of traffic before, during and after the outage
BATAS_PULIH = 15.0


@dataclass
class Catatan:
    kunci: threading.Lock = field(default_factory=threading.Lock)
    status: Counter[int] = field(default_factory=Counter)
    diterima: set[str] = field(default_factory=set)
    tertunda: list[tuple[Peramban, Formulir]] = field(default_factory=list)
    sukses: list[float] = field(default_factory=list)  # when each 303 arrived (monotonic)
    galat: list[str] = field(default_factory=list)
    sehat: list[tuple[float, int]] = field(default_factory=list)

    def catat(self, jawaban: Jawaban, *, halaman: str) -> None:
        with self.kunci:
            self.status[jawaban.status] += 1
            if jawaban.status == 503:
                utuh = (
                    jawaban.isi.rstrip().endswith(b"</html>")
                    and b"Layanan sedang tidak tersedia" in jawaban.isi
                )
                if not utuh or "retry-after" not in jawaban.header:
                    self.galat.append(
                        f"{halaman}: a 503 without the page or Retry-After: {jawaban.isi[-200:]!r}"
                    )
            elif jawaban.status not in (200, 303):
                self.galat.append(f"{halaman}: {jawaban.status} {jawaban.isi[:300]!r}")


def kirim_sampai_diterima(peramban: Peramban, form: Formulir, catatan: Catatan, batas: float) -> bool:
    while time.monotonic() < batas:
        jawaban = peramban.minta("POST", form.aksi, form.badan)
        catatan.catat(jawaban, halaman="POST")
        if jawaban.status == 303:
            with catatan.kunci:
                catatan.diterima.add(form.kunci)
                catatan.sukses.append(time.monotonic())
            return True
        time.sleep(0.3)
    return False


def warga(nomor: int, situs: Situs, catatan: Catatan, berhenti: threading.Event) -> None:
    rng = random.Random(nomor)
    peramban = Peramban(situs.port)
    try:
        while not berhenti.is_set():
            halaman = peramban.minta("GET", f"/s/{situs.kode}/?unit={situs.unit[nomor % len(situs.unit)]}")
            catatan.catat(halaman, halaman="GET")
            if halaman.status != 200:
                time.sleep(0.3)
                continue
            form = isi_formulir(halaman.isi.decode(), rng)
            if not kirim_sampai_diterima(peramban, form, catatan, time.monotonic() + 1.0):
                with catatan.kunci:
                    catatan.tertunda.append((peramban, form))
                peramban = Peramban(situs.port)  # the pending form keeps its browser and cookie
    except (http.client.HTTPException, OSError) as e:
        with catatan.kunci:
            catatan.galat.append(f"client {nomor}: {type(e).__name__}: {e}")
    finally:
        peramban.tutup()


def pemantau(port: int, catatan: Catatan, berhenti: threading.Event) -> None:
    peramban = Peramban(port)
    while not berhenti.is_set():
        # Stamped when sent: a check sent before the outage may come back 200 inside it.
        dikirim = time.monotonic()
        jawaban = peramban.minta("GET", "/sehat/")
        with catatan.kunci:
            catatan.sehat.append((dikirim, jawaban.status))
        time.sleep(0.2)
    peramban.tutup()


def test_a_postgresql_restart_gives_clean_503s_and_the_service_comes_back_by_itself(klaster: Klaster) -> None:
    url_db, data = siapkan_db(klaster, "tilik_beban_mulai_ulang")
    catatan = Catatan()
    berhenti = threading.Event()
    with gunicorn(url_db) as port:
        situs = Situs(port, url_db, str(data["kode"]), int(data["survei_id"]), tuple(data["unit"]))  # type: ignore[call-overload, arg-type]
        utas = [threading.Thread(target=warga, args=(n, situs, catatan, berhenti)) for n in range(KLIEN)]
        utas.append(threading.Thread(target=pemantau, args=(port, catatan, berhenti)))
        for t in utas:
            t.start()
        time.sleep(SEBELUM)
        klaster.berhenti()
        # pg_ctl stop -w has returned: PostgreSQL is down from here on (the stop itself may
        # take a while on a loaded machine).
        padam = time.monotonic()
        time.sleep(PADAM)
        dinyalakan = time.monotonic()  # checks sent before this find it down
        klaster.mulai()
        nyala = time.monotonic()
        time.sleep(SESUDAH)
        berhenti.set()
        for t in utas:
            t.join(timeout=60)
        # Those still holding a refused form send it again now, as the 503 page asked.
        for peramban, form in catatan.tertunda:
            assert kirim_sampai_diterima(peramban, form, catatan, time.monotonic() + BATAS_PULIH), form.kunci
            peramban.tutup()
    print(f"statuses {dict(catatan.status)}, resent after the outage {len(catatan.tertunda)}")

    assert not any(t.is_alive() for t in utas)
    assert not catatan.galat, catatan.galat[:20]
    assert set(catatan.status) <= {200, 303, 503}
    assert catatan.status[503] > 0, "the outage was not seen: no 503"
    sehat_padam = {s for t, s in catatan.sehat if padam + 1.5 < t < dinyalakan}
    assert sehat_padam == {503}
    # Back by itself: accepted submissions soon after PostgreSQL is up again, and healthy.
    pertama = min((t for t in catatan.sukses if t > nyala), default=None)
    assert pertama is not None and pertama - nyala < BATAS_PULIH
    assert catatan.sehat[-1][1] == 200
    with psycopg.connect(url_db) as conn:
        jumlah, berbeda = conn.execute(
            "SELECT count(*), count(DISTINCT kunci) FROM survei_respons WHERE survei_id = %s",
            [situs.survei_id],
        ).fetchone() or (0, 0)
        (tidak_lengkap,) = conn.execute(
            SQL_TIDAK_LENGKAP,
            [situs.survei_id],
        ).fetchone() or (0,)
    assert jumlah == berbeda == len(catatan.diterima) > 0
    assert tidak_lengkap == 0
