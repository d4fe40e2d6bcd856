"""Rate limits for the anonymous survey form, without keeping anybody's IP address.

A client is counted under sha256(daily salt + IP). The salt is an HMAC of the date under
SECRET_KEY, so the key cannot be reversed by hashing every IPv4 address (the salt is secret),
and yesterday's keys cannot be linked to today's (the salt changes at local midnight). Only
the hashed key reaches the cache; the address itself is never written anywhere.

Counts live in Django's cache: local memory for one process, Redis (REDIS_URL) when several
processes must share them. Windows are fixed (one clock hour by default): simple, one cache
increment per request, at the price of allowing up to twice the limit across a window edge.

The client is REMOTE_ADDR. Behind a reverse proxy the deployment must make REMOTE_ADDR the
citizen's address (for example gunicorn --forwarded-allow-ips=<proxy> with a proxy that sets
the forwarded header, or the proxy's own PROXY protocol support); X-Forwarded-For is never read
here, because any client can send one and would otherwise pick its own key.

Limits can be changed without code with settings.SURVEI_BATAS_LAJU, e.g.
{"publik": (40, 3600)}: many citizens share one address behind carrier-grade NAT or an
office's Wi-Fi, and the right number depends on the place.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

_GARAM_KONTEKS = b"tilik.survei.batas-laju.garam-harian:"
_AWALAN_CACHE = "tilik:survei:batas"


@dataclass(frozen=True)
class Batas:
    jumlah: int
    jendela: int  # seconds


# A public form is one citizen per device; a kiosk at the counter serves a whole queue from
# one address.
BATAS_BAWAAN: dict[str, Batas] = {
    "publik": Batas(jumlah=20, jendela=3600),
    "kios": Batas(jumlah=200, jendela=3600),
}


@dataclass(frozen=True)
class Hasil:
    terlampaui: bool
    coba_lagi_detik: int


def batas_untuk(lingkup: str) -> Batas:
    ubahan = getattr(settings, "SURVEI_BATAS_LAJU", {}).get(lingkup)
    if ubahan is not None:
        jumlah, jendela = ubahan
        return Batas(jumlah=int(jumlah), jendela=int(jendela))
    return BATAS_BAWAAN[lingkup]


def garam_harian(tanggal: date) -> bytes:
    return _garam(settings.SECRET_KEY, tanggal)


@lru_cache(maxsize=4)
def _garam(rahasia: str, tanggal: date) -> bytes:
    # Kept for the few dates in use (today, and yesterday around midnight): an HMAC per form
    # POST was a fifth of the limiter's time. Keyed by the secret too, so a rotated key (or a
    # test's override) never sees the old salt.
    return hmac.new(rahasia.encode(), _GARAM_KONTEKS + tanggal.isoformat().encode(), hashlib.sha256).digest()


def kunci_klien(ip: str, *, tanggal: date) -> str:
    """The pseudonymous, day-bound key of one client address (64 hex characters)."""
    return hashlib.sha256(garam_harian(tanggal) + ip.encode()).hexdigest()


def ip_klien(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "tidak-diketahui")


def catat_dan_periksa(
    request: HttpRequest, *, lingkup: str, tanggal: date | None = None, sekarang: float | None = None
) -> Hasil:
    """Count this request for its client and say whether the client is over its limit."""
    batas = batas_untuk(lingkup)
    tanggal = tanggal or timezone.localdate()
    sekarang = time.time() if sekarang is None else sekarang
    jendela_ke = int(sekarang // batas.jendela)
    kunci = f"{_AWALAN_CACHE}:{lingkup}:{kunci_klien(ip_klien(request), tanggal=tanggal)}:{jendela_ke}"
    jumlah = _tambah_satu(kunci, timeout=batas.jendela + 60)
    sisa = int((jendela_ke + 1) * batas.jendela - sekarang) + 1
    return Hasil(terlampaui=jumlah > batas.jumlah, coba_lagi_detik=max(sisa, 1))


def _tambah_satu(kunci: str, *, timeout: int) -> int:
    """The count under kunci after adding one: one cache operation when the window's entry
    exists (every request but a client's first in a window). incr() and add() are atomic in
    locmem and Redis, so two processes never lose a count: of two first requests racing, one
    add() wins and the other increments the entry it made."""
    try:
        return cache.incr(kunci)
    except ValueError:
        # No entry yet in this window (or it expired): make it, unless another request just did.
        if cache.add(kunci, 1, timeout=timeout):
            return 1
    try:
        return cache.incr(kunci)
    except ValueError:
        # Expired or evicted again between add() and incr(): count afresh.
        cache.set(kunci, 1, timeout=timeout)
        return 1
