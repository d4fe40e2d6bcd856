"""Rate limit of the public verification page: checks per client per hour, counted under the
same daily-salted hash of the address as the survey form (survei.ratelimit), so no address is
ever stored. settings.LAPORAN_BATAS_VERIFIKASI = (checks, seconds) changes it."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from survei.ratelimit import ip_klien, kunci_klien

BATAS_BAWAAN = (30, 3600)
_AWALAN = "tilik:laporan:verifikasi"


@dataclass(frozen=True)
class HasilBatas:
    terlampaui: bool
    coba_lagi_detik: int


def catat_verifikasi(request: HttpRequest, *, sekarang: float | None = None) -> HasilBatas:
    jumlah_maks, jendela = getattr(settings, "LAPORAN_BATAS_VERIFIKASI", BATAS_BAWAAN)
    sekarang = time.time() if sekarang is None else sekarang
    ke = int(sekarang // jendela)
    kunci = f"{_AWALAN}:{kunci_klien(ip_klien(request), tanggal=timezone.localdate())}:{ke}"
    cache.add(kunci, 0, timeout=int(jendela) + 60)
    try:
        jumlah = cache.incr(kunci)
    except ValueError:
        cache.set(kunci, 1, timeout=int(jendela) + 60)
        jumlah = 1
    sisa = int((ke + 1) * jendela - sekarang) + 1
    return HasilBatas(terlampaui=jumlah > int(jumlah_maks), coba_lagi_detik=max(sisa, 1))
