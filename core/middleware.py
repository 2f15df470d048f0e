from django.conf import global_settings, settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

#: Language codes a reader might type that this site does not offer.
_OTHER_LANGUAGES = {code.lower() for code, _name in global_settings.LANGUAGES} - {
    code.lower() for code, _name in settings.LANGUAGES
}


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a path under a language the site does not offer (`/de/...`)
    is a plain 404 instead of a redirect to the same path under the default language."""

    def process_response(self, request, response):
        first_segment = request.path_info.split("/", 2)[1].lower()
        if response.status_code == 404 and first_segment in _OTHER_LANGUAGES:
            return response
        return super().process_response(request, response)
