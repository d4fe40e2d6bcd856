import base64
import functools
import hashlib
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class BahasaMiddleware(LocaleMiddleware):
    """Indonesian unless the person chose another language with the language switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language, but many phones in
    Indonesia are set to English while their owners read Indonesian best, and the survey must
    use the regulation's own wording: the explicit choice (the language cookie) is the only
    thing that moves a page away from Indonesian.
    """

    def process_request(self, request: HttpRequest) -> None:
        pilihan = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        bahasa = pilihan if pilihan in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(bahasa)
        request.LANGUAGE_CODE = translation.get_language()


# Content-Security-Policy ---------------------------------------------------------------------

# The policy of every page: scripts, styles, fonts and frames only from this site, images also
# as data: URLs (allauth's TOTP QR code), no plugins, no <base> tricks, forms post only here,
# and no other site may frame Tilik. No 'unsafe-inline' or 'unsafe-eval' anywhere for scripts:
# an injected <script> or on*= handler cannot run even if a template forgot to escape. Nor for
# styles, on every page alike: the dashboards' inline SVG charts (analitik.grafik) draw with
# presentation attributes (fill="..."), not style="" or <style>, so they need no exception.
KEBIJAKAN_DASAR: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}

# templates/500.html carries its own <style> (it must render when nothing else works); its
# hash is taken from the rendered page, so editing the page can never silently unstyle it.
_GAYA_DALAM = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def hash_csp(teks: str) -> str:
    """The CSP source expression that allows exactly this inline text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(teks.encode()).digest()).decode() + "'"


@functools.cache
def _hash_gaya_halaman_galat() -> tuple[str, ...]:
    # Django's server_error view renders 500.html with an empty context, as here.
    return tuple(hash_csp(gaya) for gaya in _GAYA_DALAM.findall(render_to_string("500.html")))


def kebijakan_untuk(response: HttpResponseBase) -> str:
    kebijakan = dict(KEBIJAKAN_DASAR)
    if response.status_code >= 500:
        kebijakan["style-src"] = (*kebijakan["style-src"], *_hash_gaya_halaman_galat())
    return "; ".join(f"{nama} {' '.join(sumber)}" for nama, sumber in kebijakan.items())


class KebijakanKontenMiddleware:
    """Adds the Content-Security-Policy header to every response that has none yet.

    The Django admin works under the same policy: since Django 4.x its templates load every
    script from static files (data comes in data-* attributes and JSON script elements, which
    are not executed), so it needs no exception.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = kebijakan_untuk(response)
        return response


# The database is unreachable ------------------------------------------------------------------

logger = logging.getLogger("tilik.basisdata")
COBA_LAGI_DETIK = 30


class BasisDataTidakTersediaMiddleware:
    """A view that loses its database (PostgreSQL restarting, a failover, SQLite locked past
    its timeout) answers 503 with Retry-After and a plain page, instead of a 500: the request
    was fine, the service is briefly not, and a citizen should simply try again.

    The transaction the view was in is rolled back by the database, so nothing half-written
    remains. The page is rendered without the request's context: the user, the session and
    anything else that would ask the database again. CONN_HEALTH_CHECKS (settings) makes the
    next request open a fresh connection, so the service comes back by itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # Logged, not swallowed: an operator must still see why the database failed.
        logger.warning("Basis data tidak tersedia: %s %s", request.method, request.path, exc_info=exception)
        return halaman_tidak_tersedia()


def halaman_tidak_tersedia() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(COBA_LAGI_DETIK)
    add_never_cache_headers(response)
    return response
