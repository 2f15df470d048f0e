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
