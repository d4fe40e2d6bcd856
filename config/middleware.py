from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
