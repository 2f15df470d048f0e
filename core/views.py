from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.listing import paginate, querystring_without_page
from core.querysets import active_locale
from core.search_results import ReaderSearch

MAX_QUERY_LENGTH = 200


def search(request):
    """Full-text search over the live, public pages of the reader's language, then the
    English pages that have no translation into it."""
    query = request.GET.get("q", "").strip()
    status = 200
    error = None
    results = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Search for at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        status = 400
    elif "\x00" in query:  # PostgreSQL cannot take it, and no reader types it
        error = _("Search text cannot contain null characters.")
        status = 400
    elif query:
        results = paginate(request, ReaderSearch(query, active_locale()), per_page=10)
    return render(
        request,
        "core/search.html",
        {
            "search_query": query,
            "results": results,
            "error": error,
            "querystring": querystring_without_page(request),
        },
        status=status,
    )


@require_safe
def choose_language(request):
    """`/`: to the home page in the reader's language (the switcher's cookie, else the
    browser's Accept-Language, else English), without rendering a page first."""
    language = get_language_from_request(request)
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"/{language}/" + (f"?{query}" if query else ""))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
