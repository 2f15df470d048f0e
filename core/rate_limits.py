"""How often one client may do something, counted in the cache so that every process (and
every server sharing Redis) counts together: forms in fixed windows (`RateLimit`), renders
at a steady rate (`SteadyRate`). A client is its address, or for IPv6 its /64 network (one
household or machine holds a whole /64). A cache that is down counts nothing: the site
keeps answering rather than refusing everyone."""

import hashlib
import ipaddress
import logging
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import redis
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


@lru_cache(maxsize=1)
def _warn_of_proxy_once(remote):
    """Once a process: behind a proxy that nobody told the site of, every client counts as
    the proxy, and one client's limits are everyone's."""
    logger.warning(
        "Requests carry X-Forwarded-For but AXES_IPWARE_PROXY_COUNT is 0: every client "
        "counts as %s for the rate limits. Set it to the number of proxies in front.",
        remote,
    )


def client_ip(request):
    """REMOTE_ADDR; behind AXES_IPWARE_PROXY_COUNT proxies that each append the address
    they were reached from to X-Forwarded-For, the address the outermost one saw. What
    stands further left in the header is the client's own claim and never trusted."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies <= 0:
        if "HTTP_X_FORWARDED_FOR" in request.META:
            _warn_of_proxy_once(remote)
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if not forwarded:
        return remote
    return _address(forwarded[-min(proxies, len(forwarded))]) or remote


def client_key(request):
    """What the limits count by: the client's IPv4 address, or its IPv6 /64 network."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


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
# that is not there, an API query) costs a render, and an address that asks for them
# faster than its steady rate is asked to wait: a flood of cache-busting requests from a
# few addresses cannot take the servers from the readers. Steady, not per minute: a
# budget renewed each minute would be spent by a flood in its first second, every minute,
# at the readers' cost.

#: The script that makes one hit on Redis atomic, on every server at once: the generic
#: cell rate algorithm keeps one time per key, when the client's next hit is due. Times
#: are whole microseconds (exact in Lua's numbers), read from Redis's own clock unless
#: given, so that servers whose clocks differ still count alike.
STEADY_RATE_SCRIPT = """
local now = tonumber(ARGV[1])
if not now then
    local clock = redis.call('TIME')
    now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
end
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local due = tonumber(redis.call('GET', KEYS[1]) or '0')
if due < now then due = now end
if due - now > tolerance then return due - now - tolerance end
local after = due + interval
redis.call('SET', KEYS[1], string.format('%d', after), 'PX', math.ceil((after - now) / 1000) + 1000)
return 0
"""
_local_lock = threading.Lock()
#: The script, known to Redis by its hash after the first call (EVALSHA, else EVAL); each
#: call names the cache's own client, so the client it is made with here never connects.
_script = redis.client.Redis().register_script(STEADY_RATE_SCRIPT)
#: {(name, rate, client): time}: clients this process has just refused, and until when
#: every further hit of theirs would be refused anyway (a refusal changes nothing in the
#: cache), so that a flood's refusals cost no trip to the cache.
_waiting = OrderedDict()
_WAITING_KEPT = 10_000
MICROSECONDS = 1_000_000


def forget_waits():
    """Drop what this process remembers of refused clients (tests start afresh)."""
    with _local_lock:
        _waiting.clear()


@dataclass(frozen=True)
class SteadyRate:
    """At most `per_minute` hits a minute for each key, evenly spread: ten seconds' worth
    at once (at least one), then one every 60 / `per_minute` seconds; 0 for no limit.
    On a Redis cache one hit is one atomic script, counted for every server together; on
    another cache (the per-process memory of development and tests) a lock keeps it exact
    within the process only."""

    name: str
    per_minute: int
    cache: str = "default"

    def hit(self, value, now=None):
        """Count one hit for `value`. None while within the rate, else the whole seconds
        until the next hit is allowed (for Retry-After). `now` (seconds) for tests; else
        Redis's clock, or this machine's for another cache."""
        if self.per_minute <= 0:  # no limit
            return None
        interval = round(60 * MICROSECONDS / self.per_minute)
        tolerance = interval * (max(1, self.per_minute // 6) - 1)
        digest = hashlib.sha256(str(value).lower().encode()).hexdigest()[:32]
        waiting = (self.name, self.per_minute, digest)
        local_now = time.time() if now is None else now
        until = _waiting.get(waiting)
        if until is not None and local_now < until:
            return max(1, math.ceil(until - local_now))
        key = f"steady-rate:{self.name}:{digest}"
        cache = caches[self.cache]
        given = "" if now is None else round(now * MICROSECONDS)
        try:
            client = getattr(getattr(cache, "_cache", None), "get_client", None)
            if client is None:
                wait = self._hit_locally(
                    cache, key, round(local_now * MICROSECONDS), interval, tolerance
                )
            else:  # Django's Redis cache
                key = cache.make_and_validate_key(key)
                wait = int(
                    _script(
                        keys=[key],
                        args=[given, interval, tolerance],
                        client=client(key, write=True),
                    )
                )
        except Exception:  # a cache outage must not refuse readers
            logger.warning("rate %s not counted: cache unavailable", self.name)
            return None
        if wait <= 0:
            return None
        seconds = wait / MICROSECONDS
        with _local_lock:
            _waiting[waiting] = local_now + seconds
            _waiting.move_to_end(waiting)
            while len(_waiting) > _WAITING_KEPT:
                _waiting.popitem(last=False)
        return max(1, math.ceil(seconds))

    @staticmethod
    def _hit_locally(cache, key, now, interval, tolerance):
        with _local_lock:
            due = max(cache.get(key) or 0, now)
            if due - now > tolerance:
                return due - now - tolerance
            cache.set(key, due + interval, timeout=math.ceil((due + interval - now) / 1e6) + 1)
            return 0


def render_refused(request, *, search=False):
    """Count one render for the request's address. None while within its steady rate
    (RENDERS_PER_ADDRESS_PER_MINUTE; searches apart, SEARCHES_PER_ADDRESS_PER_MINUTE),
    else the seconds to wait (for Retry-After)."""
    address = client_key(request)
    if search:
        return SteadyRate("searches", settings.SEARCHES_PER_ADDRESS_PER_MINUTE).hit(address)
    return SteadyRate("renders", settings.RENDERS_PER_ADDRESS_PER_MINUTE).hit(address)


@lru_cache(maxsize=1024)
def _refusal_page(language, seconds):
    with translation.override(language):
        return render_to_string("429.html", {"seconds": seconds})


def refusal(request, *, search=False, language=None):
    """Count one render for the request's client (`search`: one search); the 429 answer
    once it is past its steady rate (a page in `language`, else plain text), else None."""
    retry_after = render_refused(request, search=search)
    return None if retry_after is None else too_many_requests(retry_after, language)


def too_many_requests(retry_after, language=None):
    """The 429 answer: a short page in `language` (a reader's page) or plain text (the
    machine endpoints), never cached, with Retry-After. Made from the template alone (and
    kept: a flood gets the same few pages), so refusing costs next to nothing."""
    if language:
        response = HttpResponse(_refusal_page(language, retry_after), status=429)
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
