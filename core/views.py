from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from core.listing import paginate, querystring_without_page

MAX_QUERY_LENGTH = 200


def search(request):
    """Full-text search over the live, public pages of the reader's language."""
    query = request.GET.get("q", "").strip()
    status = 200
    error = None
    results = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Search for at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        status = 400
    elif query:
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale).filter(depth__gt=1).specific()
        results = paginate(request, pages.search(query, operator="and"), per_page=10)
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
