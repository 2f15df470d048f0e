"""Query parameters that say nothing about what a page shows.

Newsletters, ads and social sites add tracking tags to links (`utm_source`, `fbclid`...).
They change nothing a reader sees, so caches leave them out of their keys, links on our
pages do not repeat them, and the machine endpoints accept them without reading them.
"""

import re

from django.conf import settings

TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|li_fat_id"
    r"|igshid|mc_cid|mc_eid|mkt_tok|_ga|_gl|_hsenc|_hsmi|oly_anon_id|oly_enc_id|vero_id"
    r"|rb_clickid|s_cid|ref_src)$",
    re.IGNORECASE,
)


def is_tracking(name):
    return bool(TRACKING.match(name))


def without_tracking(query):
    """A copy of the QueryDict `query` without tracking parameters."""
    cleaned = query.copy()
    for name in list(cleaned):
        if is_tracking(name):
            del cleaned[name]
    return cleaned


def reads(request, names):
    """The answer being made for `request` depends on the query parameters `names`: the
    page cache keeps it for those and no others (a page that reads none is the same page
    with `?q=<random>`; caching.http_cache)."""
    request.parameters_read = getattr(request, "parameters_read", frozenset()) | set(names)


def parameters_read(request):
    """What `reads` recorded for the answer made for `request`."""
    return getattr(request, "parameters_read", frozenset())


def page_parameters(query):
    """The parameters a public page reads (settings.PAGE_QUERY_PARAMETERS), in a stable
    order: what its answer depends on. Anything else in the query is ignored."""
    known = settings.PAGE_QUERY_PARAMETERS
    return sorted((name, value) for name in query if name in known for value in query.getlist(name))
