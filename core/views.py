"""`/`: the language chooser in front of every language's home page."""

from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_safe


@require_safe
def choose_language(request):
    """`/`: to the home page in the reader's language (the switcher's cookie, else the
    browser's Accept-Language, else English), without rendering a page first."""
    language = get_language_from_request(request)
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"/{language}/" + (f"?{query}" if query else ""))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
