"""Shared caching of whole answers: public pages for anonymous readers, and the machine
endpoints (API, embed, feeds).

Answers are cached under a key made of the host, the path and the query parameters they
read, for five minutes each (so "upcoming" moves on), with the tags of what they show
(core.dependencies): a change purges only the answers that showed it. An unchanged
request (`If-None-Match`) costs a cache read and no database query.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from caching.compact_html import compact_response
from core.dependencies import cached, epoch, recording, store
from core.query_noise import page_parameters, parameters_read
from core.rate_limits import refusal

logger = logging.getLogger(__name__)
MAX_AGE = 300
# The headers an answer is stored with, given back on every hit as on the first answer.
KEPT_HEADERS = (
    "Access-Control-Allow-Origin",
    "Content-Security-Policy",
    "Content-Disposition",
    "Content-Language",
)


def _key(request, params=None):
    """`params`: the query parameters the answer depends on; all of them by default (the
    machine endpoints refuse unknown ones)."""
    if params is None:
        params = sorted(
            (name, value) for name in request.GET for value in request.GET.getlist(name)
        )
    # The host, because answers carry absolute URLs and the host's robots rules; asking for
    # it also answers a Host that is not allowed with a 400, cached answer or not. No time
    # in the key: answers are kept five minutes each from when they were made, so that
    # they do not all go at the same moment.
    raw = repr((request.get_host(), request.path, params))
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def conditional_cache(view):
    """Cache a GET view's 200 answers as described above, with ETag and 304s."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = f"response:{_key(request)}"
        found = cached(key)
        if found is not None:
            stored, tags = found
            if stored["etag"] in parse_etags(request.headers.get("If-None-Match", "")):
                response = HttpResponseNotModified()
            else:
                response = HttpResponse(stored["body"], content_type=stored["content_type"])
                response.compacted = True  # stored so
                for name, value in stored["headers"].items():
                    response[name] = value
            response["X-Cache"] = "hit"
        else:
            if refused := refusal(request):
                return refused
            started = epoch()
            with recording() as tags:
                response = view(request, *args, **kwargs)
                if response.status_code != 200:
                    return response
                if hasattr(response, "render"):
                    response = response.render()
            compact_response(response)  # once, before it is stored
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            stored = {
                "body": response.content,
                "content_type": response["Content-Type"],
                "headers": headers,
                "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
            }
            store(key, stored, tags, MAX_AGE, started)
            response["X-Cache"] = "miss"
        cdn_tags(response, tags)
        response["ETag"] = stored["etag"]
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapped


def cors_open(view):
    """Any origin may read the answer (GET only; no credentials)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    return wrapped


class AnonymousPageCacheMiddleware:
    """Whole public pages for anonymous readers, cached per path and the query parameters
    pages read (the language is in the path; others, such as `?x=<random>`, change nothing
    and are left out of the key), with the tags of what they show, so that a change purges
    only the pages that showed it. A hit costs at most one small cache read (the epoch,
    once per request) when the page is in this process's layer, and no database query.
    Readers with a session (editors, visitors of password-protected pages) and answers
    that set cookies or are not plain 200s are never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def page_request(request):
        """Pages and search live under a language prefix; `/` redirects by language."""
        prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        return request.path == "/" or request.path.startswith(prefixes)

    @staticmethod
    def cacheable_request(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def refused(request):
        """Count the render; the 429 page once the client is past its steady rate
        (core.rate_limits), else None."""
        request.render_counted = True
        parts = request.path.split("/")
        search = len(parts) == 4 and parts[2] == "search"  # /<language>/search/
        codes = {code for code, _name in settings.LANGUAGES}
        return refusal(request, search=search, language=parts[1] if parts[1] in codes else None)

    @staticmethod
    def cached_without_unread(request, params):
        """When the request adds parameters the page at this path does not read (`?q=` on
        an article, `?topic=` on the home page): the answer for those it reads, as its
        answer without parameters recorded them (`core.query_noise.reads`)."""
        if not params:
            return None
        plain = cached("page:" + _key(request, []))
        read = plain and plain[0].get("reads")
        if read is None:  # not cached, or kept by an older release that did not record it
            return None
        kept = [(name, value) for name, value in params if name in read]
        if not kept:
            return plain
        return cached("page:" + _key(request, kept)) if kept != params else None

    def __call__(self, request):
        if not self.page_request(request):
            return self.get_response(request)
        if request.path == "/":  # a redirect by language, never counted
            return private(self.get_response(request))
        if not self.cacheable_request(request):
            # Counted, unless signed in, once the user is known (RenderLimitMiddleware).
            with recording():  # for the fragments kept while the page is put together
                return private(self.get_response(request))
        params = page_parameters(request.GET)
        found = cached("page:" + _key(request, params)) or self.cached_without_unread(
            request, params
        )
        if found is not None:
            stored, tags = found
            if not_modified(request, stored["headers"]):
                response = HttpResponseNotModified()
                for name in ("ETag", "Last-Modified"):
                    response[name] = stored["headers"][name]
            else:
                response = HttpResponse(stored["body"])
                for name, value in stored["headers"].items():
                    response[name] = value
            response["X-Cache"] = "hit"
            return shared_cache_headers(cdn_tags(response, tags))
        refused = self.refused(request)
        if refused is not None:
            return refused
        started = epoch()
        with recording() as tags:
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if (
            response.status_code == 200
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not getattr(response, "streaming", False)
        ):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["Last-Modified"] = http_date()
            without_vary_cookie(response)
            read = parameters_read(request)
            stored = {
                "body": response.content,
                "headers": dict(response.items()),
                "reads": sorted(read),
            }
            key = _key(request, [(name, value) for name, value in params if name in read])
            store("page:" + key, stored, tags, MAX_AGE, started)
            response["X-Cache"] = "miss"
            return shared_cache_headers(cdn_tags(response, tags))
        return private(response)


class RenderLimitMiddleware:
    """Renders that passed the page cache uncounted (a POST, a request with a session
    cookie), counted once the user is known: a signed-in person (an editor checking the
    site) is never refused, and a made-up session cookie costs one session lookup, then
    counts like any render."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not getattr(request, "render_counted", False)
            and request.path != "/"
            and AnonymousPageCacheMiddleware.page_request(request)
            and not request.user.is_authenticated
        ):
            refused = AnonymousPageCacheMiddleware.refused(request)
            if refused is not None:
                return refused
        return self.get_response(request)


def not_modified(request, headers):
    """A browser's revalidation of the page it has: same ETag, or not changed since.
    (META, not `request.headers`, which builds a dict of every header: this is a hit's
    hot path.)"""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return headers["ETag"] in parse_etags(if_none_match)
    since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if not since:
        return False
    since = parse_http_date_safe(since)
    modified = parse_http_date_safe(headers["Last-Modified"])
    return since is not None and modified is not None and modified <= since


def shared_cache_headers(response):
    """Let a CDN keep an anonymous page for CDN_CACHE_SECONDS (publishing purges it);
    browsers revalidate."""
    if settings.CDN_CACHE_SECONDS:
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)
    return response


def without_vary_cookie(response):
    """An anonymous page is the same for every reader without a session: `Vary: Cookie`
    (set because templates look at the signed-out user) would make a CDN keep one copy per
    visitor's cookies. A CDN in front must pass requests with the session cookie through
    instead, as this cache does (docs/deployment.md)."""
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


def cdn_tags(response, tags):
    """Name what the answer shows in the header a CDN purges by (CDN_TAG_HEADER: Fastly's
    and Varnish xkey's `Surrogate-Key`, Cloudflare's `Cache-Tag`), when one is set."""
    if settings.CDN_TAG_HEADER:
        response[settings.CDN_TAG_HEADER] = cdn_tag_value(tags)
    return response


def cdn_tag_value(tags):
    """Cloudflare separates tags with commas, the others with spaces."""
    separator = "," if settings.CDN_TAG_HEADER.lower() == "cache-tag" else " "
    return separator.join(sorted(tags))


def private(response):
    """Answers not cached here (an editor's view, a page behind a login) are not for a
    CDN either: a CDN ignores cookies, and some keep answers without Cache-Control."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    return response
