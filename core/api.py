"""Wagtail's API endpoints for pages, images and documents, with the checks of the query
they lack: a malformed parameter is a 400 naming it, never a server error."""

from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import Throttled
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.params import whole_number
from core.querysets import expired_live_ids
from core.rate_limits import render_refused

MAX_OFFSET = 100_000  # as the events endpoint; PostgreSQL refuses an offset past 2**63
MAX_ID = 2**63 - 1


def check_query(query):
    """Refuse what Wagtail would pass on to the database and fail there."""
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            raise BadRequestError(_("query parameters cannot contain null characters"))
    offset = query.get("offset", "0")
    if offset.isascii() and offset.isdigit() and not whole_number(offset, MAX_OFFSET):
        raise BadRequestError(_("offset cannot be higher than %(max)s") % {"max": MAX_OFFSET})
    if query.get("search_operator", "and") not in ("and", "or"):
        raise BadRequestError(_("search_operator must be 'and' or 'or'"))
    if not whole_number(query.get("id", "0"), MAX_ID):
        raise BadRequestError(_("id must be a whole number"))


class CheckedQueryMixin:
    """Checks the query before any view of the endpoint (listing, detail, find) runs, and
    counts the answer against its address's renders (429 with Retry-After past them)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        retry_after = render_refused(request)
        if retry_after is not None:
            raise Throttled(wait=retry_after)
        check_query(request.GET)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 429:  # as core.rate_limits.too_many_requests answers
            response["Cache-Control"] = "no-store"
            response._has_been_logged = True
        return response


class SearchInLocaleFilter(SearchFilter):
    """`?search=` read in the language of `?locale=` (its stemming, Chinese cut into
    words), as the site's search page reads it, rather than in the request's language."""

    def filter_queryset(self, request, queryset, view):
        language = request.GET.get("locale") or translation.get_language()
        with translation.override(language):
            return super().filter_queryset(request, queryset, view)


class CheckedPagesAPIViewSet(CheckedQueryMixin, PagesAPIViewSet):
    filter_backends = [
        SearchInLocaleFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_base_queryset(self):
        """Wagtail's live, public pages, less those past their expiry time."""
        return super().get_base_queryset().exclude(pk__in=expired_live_ids())


class CheckedImagesAPIViewSet(CheckedQueryMixin, ImagesAPIViewSet):
    pass


class CheckedDocumentsAPIViewSet(CheckedQueryMixin, DocumentsAPIViewSet):
    pass
