"""How often one client may do something: counted in the cache in fixed windows, so that
every process (and every server sharing Redis) counts together. A cache that is down
counts nothing: the site keeps answering rather than refusing everyone."""

import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def _address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except (AttributeError, ValueError):
        return None


def client_ip(request):
    """REMOTE_ADDR; behind AXES_IPWARE_PROXY_COUNT proxies that each append the address
    they were reached from to X-Forwarded-For, the address the outermost one saw. What
    stands further left in the header is the client's own claim and never trusted."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if not forwarded:
        return remote
    return _address(forwarded[-min(proxies, len(forwarded))]) or remote


@dataclass(frozen=True)
class RateLimit:
    """At most `count` hits per `seconds` for each key (an address, an e-mail address)
    under `name`, counted in the cache named `cache`."""

    name: str
    count: int
    seconds: int = 3600
    cache: str = "default"

    def _key(self, value, window):
        digest = hashlib.sha256(str(value).lower().encode()).hexdigest()[:32]
        return f"rate-limit:{self.name}:{digest}:{window}"

    def hit(self, value, now=None):
        """Count one hit for `value`. None while within the limit, else the seconds until
        its window ends (for Retry-After)."""
        now = time.time() if now is None else now
        window = int(now // self.seconds)
        key = self._key(value, window)
        cache = caches[self.cache]
        try:
            cache.add(key, 0, timeout=self.seconds + 1)
            try:
                hits = cache.incr(key)
            except ValueError:  # evicted or expired between add and incr
                cache.set(key, 1, timeout=self.seconds + 1)
                hits = 1
        except Exception:  # a cache outage must not refuse readers
            logger.warning("rate limit %s not counted: cache unavailable", self.name)
            return None
        if hits <= self.count:
            return None
        return max(1, math.ceil((window + 1) * self.seconds - now))


# ------------------------------------------------------------------ renders per address
# A reader served from the cache costs nearly nothing and is never counted. Each request
# that must be rendered (a search, a new combination of filters, a page number, a path
# that is not there, an API query) costs a render, and an address that asks for too many
# in a minute is asked to wait: a flood of cache-busting requests from a few addresses
# cannot take the servers from the readers.


def _per_minute(name, setting):
    return RateLimit(name, getattr(settings, setting), seconds=60)


def render_refused(request, *, search=False):
    """Count one render for the request's address. None while within
    RENDERS_PER_ADDRESS_PER_MINUTE (searches: SEARCHES_PER_ADDRESS_PER_MINUTE), else the
    seconds to wait (for Retry-After)."""
    address = client_ip(request) or "unknown"
    if search:
        return _per_minute("searches-per-client", "SEARCHES_PER_ADDRESS_PER_MINUTE").hit(address)
    return _per_minute("renders-per-client", "RENDERS_PER_ADDRESS_PER_MINUTE").hit(address)


def too_many_requests(request, retry_after, language=None):
    """The 429 answer: a short page in `language` (a reader's page) or plain text (the
    machine endpoints), never cached, with Retry-After. Made from the template alone: no
    database query, so refusing costs next to nothing."""
    if language:
        with translation.override(language):
            body = render_to_string("429.html", {"seconds": retry_after})
        response = HttpResponse(body, status=429)
    else:
        response = HttpResponse(
            f"Too many requests from this address: try again in {retry_after} seconds.\n",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    # The request log has its line; a flood would fill the log with Django's warnings.
    response._has_been_logged = True
    return response
