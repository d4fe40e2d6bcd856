"""50 citizens at once, 200 submissions each, against gunicorn and PostgreSQL: every accepted
submission is stored exactly once, with all nine answers, even when one post in ten is sent
again with the same form (half of those after the phone hung up before the answer came), and
the server never answers 5xx.

BEBAN_KLIEN and BEBAN_KIRIM (environment) change the 50 and the 200.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import psycopg

from tests.beban.klaster import Klaster
from tests.beban.situs import SQL_TIDAK_LENGKAP, Peramban, Situs, gunicorn, isi_formulir, siapkan_db

KLIEN = int(os.environ.get("BEBAN_KLIEN", "50"))
KIRIM = int(os.environ.get("BEBAN_KIRIM", "200"))


@dataclass
class Catatan:
    kunci: threading.Lock = field(default_factory=threading.Lock)
    status: Counter[int] = field(default_factory=Counter)
    diterima: set[str] = field(default_factory=set)  # the kunci of every form answered 303
    dikirim_ulang: int = 0
    galat: list[str] = field(default_factory=list)


def warga(nomor: int, situs: Situs, catatan: Catatan) -> None:
    rng = random.Random(nomor)
    peramban = Peramban(situs.port)
    try:
        for i in range(KIRIM):
            unit = situs.unit[(nomor + i) % len(situs.unit)]
            halaman = peramban.minta("GET", f"/s/{situs.kode}/?unit={unit}")
            with catatan.kunci:
                catatan.status[halaman.status] += 1
            if halaman.status != 200:
                raise AssertionError(f"GET form {halaman.status}")
            form = isi_formulir(halaman.isi.decode(), rng)
            ulang = (nomor * KIRIM + i) % 10 == 0
            if ulang and i % 20 == 0:
                peramban.kirim_lalu_putus(form.aksi, form.badan)
            jawaban = peramban.minta("POST", form.aksi, form.badan)
            hasil = [jawaban]
            if ulang and i % 20 != 0:
                hasil.append(peramban.minta("POST", form.aksi, form.badan))
            with catatan.kunci:
                catatan.dikirim_ulang += ulang
                for j in hasil:
                    catatan.status[j.status] += 1
                    if j.status == 303 and "terima-kasih" in j.header.get("location", ""):
                        catatan.diterima.add(form.kunci)
                    else:
                        catatan.galat.append(f"POST {j.status}: {j.isi[:200]!r}")
    except Exception as e:
        with catatan.kunci:
            catatan.galat.append(f"client {nomor}: {type(e).__name__}: {e}")
    finally:
        peramban.tutup()


def test_concurrent_submissions_are_stored_once_each_with_no_5xx(klaster: Klaster) -> None:
    url_db, data = siapkan_db(klaster, "tilik_beban_serentak")
    catatan = Catatan()
    with gunicorn(url_db) as port:
        situs = Situs(port, url_db, str(data["kode"]), int(data["survei_id"]), tuple(data["unit"]))  # type: ignore[call-overload, arg-type]
        mulai = time.monotonic()
        utas = [threading.Thread(target=warga, args=(n, situs, catatan)) for n in range(KLIEN)]
        for t in utas:
            t.start()
        for t in utas:
            t.join(timeout=600)
        detik = time.monotonic() - mulai
    print(
        f"{KLIEN} clients x {KIRIM}: {detik:.1f} s, statuses {dict(catatan.status)}, "
        f"resent {catatan.dikirim_ulang}"
    )

    assert not any(t.is_alive() for t in utas)
    assert not catatan.galat, catatan.galat[:20]
    assert not [s for s in catatan.status if s >= 500]
    assert catatan.dikirim_ulang >= KLIEN * KIRIM // 10
    # The signed kunci is stored with the response (survei_respons.kunci, unique per survey).
    with psycopg.connect(url_db) as conn:
        respons = conn.execute(
            "SELECT count(*), count(DISTINCT kunci) FROM survei_respons WHERE survei_id = %s",
            [situs.survei_id],
        ).fetchone()
        tidak_lengkap = conn.execute(
            SQL_TIDAK_LENGKAP,
            [situs.survei_id],
        ).fetchone()
    assert respons is not None and tidak_lengkap is not None
    jumlah, berbeda = respons
    assert len(catatan.diterima) == KLIEN * KIRIM
    assert jumlah == berbeda == len(catatan.diterima)
    assert tidak_lengkap[0] == 0
