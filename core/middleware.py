"""Which language a URL is in, and when a missing page redirects to a language prefix;
tracking tags left out of every request's query; the request's site from the cache."""

from django.conf import global_settings, settings
from django.core.exceptions import DisallowedHost
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, resolve
from wagtail.models import Site

from core.dependencies import remember
from core.query_noise import is_tracking, without_tracking

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


class TrackingParametersMiddleware:
    """Tracking tags on a link (`utm_source`, `fbclid`...) are left out of the request's
    query (core.query_noise): pages and caches never see them, links never repeat them,
    and the strict machine endpoints do not refuse a newsletter's link to a feed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET and any(is_tracking(name) for name in request.GET):
            request.GET = without_tracking(request.GET)
        return self.get_response(request)


class SiteMiddleware:
    """Which Wagtail site a request is for, kept until sites change, instead of one
    query on every request (Wagtail reads `request._wagtail_site` when it is set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host()  # an address not allowed is answered 400 later
        except DisallowedHost:
            return self.get_response(request)
        port = request.get_port()
        request._wagtail_site = remember(
            f"site-for:{host}:{port}", lambda: Site._find_for_request(request)
        )
        return self.get_response(request)
