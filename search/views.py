"""The reader's search page: `/<language>/search/?q=`."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from core.dependencies import remember
from core.listing import paginate, querystring_without_page
from core.query_noise import reads
from core.querysets import active_locale
from search.results import ReaderSearch

MAX_QUERY_LENGTH = 200
SEARCH_SECONDS = 300


def search(request):
    """Full-text search over the live, public pages of the reader's language, then the
    English pages that have no translation into it."""
    reads(request, {"q", "page"})  # `page` too when the results come whole from the cache
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
        locale = active_locale()
        found = ReaderSearch(query, locale)
        # How many: kept until a page changes, so that a page of results kept whole
        # (templates/base.html) is shown without searching again.
        count = remember(f"search-count:{locale.pk}:{query}", found.count, timeout=SEARCH_SECONDS)
        results = paginate(request, found, per_page=10, count=count)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "error": error,
            "querystring": querystring_without_page(request),
            "cache_main": status == 200,
        },
        status=status,
    )
