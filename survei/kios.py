"""Kiosk devices: a tablet at a service counter on which an evaluator switched kiosk mode on.

The kiosk form (/s/<kode>/kios/<unit>/) stores its responses as source "kios" and has a limit
ten times the public form's (a whole queue shares the counter's address), so it is not open to
every browser: an evaluator of the instansi makes a device the kiosk of one unit of one survey
(survei.views.kelola.kios), which leaves a signed cookie on the device and signs the evaluator
out of it, since citizens use it next. The cookie holds the survey and unit ids, signed and
timestamped; nothing about the evaluator or the device.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

NAMA_COOKIE = "tilik_kios"
_GARAM = "tilik.survei.kios"
# A survey period is a semester; a kiosk set up at its start lasts through it.
UMUR = timedelta(days=200)


def tanda_kios(*, survei_id: int, unit_id: int) -> str:
    """The cookie value that makes a device the kiosk of this unit in this survey."""
    return signing.dumps([survei_id, unit_id], salt=_GARAM)


def kios_terpasang(request: HttpRequest, *, survei_id: int, unit_id: int) -> bool:
    """Whether this request comes from the kiosk of this unit in this survey."""
    nilai = request.COOKIES.get(NAMA_COOKIE)
    if not nilai:
        return False
    try:
        isi = signing.loads(nilai, salt=_GARAM, max_age=UMUR)
    except signing.BadSignature:  # SignatureExpired too
        return False
    return bool(isi == [survei_id, unit_id])


def pasang_kios(respons: HttpResponse, *, survei_id: int, unit_id: int) -> None:
    """Set the kiosk cookie on the device that receives this response. Sent only to the
    public survey pages (/s/), never readable by scripts."""
    respons.set_cookie(
        NAMA_COOKIE,
        tanda_kios(survei_id=survei_id, unit_id=unit_id),
        max_age=int(UMUR.total_seconds()),
        path=reverse("survei:daftar"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
