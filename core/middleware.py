"""Which language a URL is in, and when a missing page redirects to a language prefix."""

from django.conf import global_settings, settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, resolve

#: Language codes a reader might type that this site does not offer.
_OTHER_LANGUAGES = {code.lower() for code, _name in global_settings.LANGUAGES} - {
    code.lower() for code, _name in settings.LANGUAGES
}


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, with two changes to when a 404 turns into a redirect to the same path
    under a language prefix: never when a view answered 404 itself (the admin, the
    machine endpoints), and never under a language the site does not offer (`/de/...`)."""

    def process_response(self, request, response):
        if response.status_code == 404:
            first_segment = request.path_info.split("/", 2)[1].lower()
            if first_segment in _OTHER_LANGUAGES or self._resolves(request):
                return response
        return super().process_response(request, response)

    @staticmethod
    def _resolves(request):
        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return True
