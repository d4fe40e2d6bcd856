from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .izin import wajib_mfa

# Views that must stay reachable without a second factor: the health check, the language
# switch, and the admin's own logout (allauth's views are recognised by their module).
_URL_BEBAS = {"sehat", "set_language", "admin:logout"}


class WajibMFAMiddleware:
    """Sends users whose role requires two-factor authentication (izin.wajib_mfa) and who have
    no TOTP authenticator yet to allauth's activation page, from every page but allauth's own.

    Allauth only enforces a second factor at login for users who already set one up; this
    closes the gap for an admin or evaluator who never did. It runs in process_view, after URL
    resolution, so that allauth's views are recognised wherever allauth.urls is mounted and
    unknown URLs still get their 404. Place it after AccountMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if _bebas(request, view_func):
            return None
        pengguna = request.user
        # Cheapest test first: wajib_mfa reads the memberships, which later permission checks
        # in the same request reuse; the Authenticator query runs only for the few who need MFA.
        if not wajib_mfa(pengguna) or is_mfa_enabled(pengguna, [Authenticator.Type.TOTP]):
            return None
        messages.warning(
            request,
            _(
                "Peran Anda mewajibkan verifikasi dua langkah. Aktifkan aplikasi autentikator "
                "terlebih dahulu, lalu lanjutkan pekerjaan Anda."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


def _bebas(request: HttpRequest, view_func: Callable[..., HttpResponseBase]) -> bool:
    if not request.user.is_authenticated:
        return True
    if getattr(view_func, "__module__", "").startswith("allauth."):
        return True
    match = request.resolver_match
    if match is not None and match.view_name in _URL_BEBAS:
        return True
    # Static and media files are normally served before Django (WhiteNoise, a web server);
    # this covers a development server that routes them through the URLconf.
    awalan = [settings.STATIC_URL, settings.MEDIA_URL]
    return any(a and request.path_info.lstrip("/").startswith(str(a).lstrip("/")) for a in awalan)
