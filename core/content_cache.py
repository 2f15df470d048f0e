"""One content version for every cache that shows content.

Saving or deleting any page, snippet, setting, image or view restriction (and moving a
page) bumps the version; whatever was cached under an older version is never read again.
So does the moment a live page's expiry time comes, as if it were unpublished then.
Cached pages, machine-endpoint answers and the per-request lookups below all key on it.
"""

import datetime
import logging
import time

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
VERSION_KEY = "content-version"
EXPIRY_KEY = "content-next-expiry"  # when the next live page expires (a timestamp)
NEVER = 0
REMEMBER_SECONDS = 60 * 60


def content_version():
    """The current version; while the cache is down (caching.backends.TolerantRedisCache misses)
    a new one on every call, so nothing is served stale."""
    stored = cache.get_many([VERSION_KEY, EXPIRY_KEY])
    version = stored.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, timeout=None)
        return version
    next_expiry, now = stored.get(EXPIRY_KEY), time.time()
    if next_expiry is not None and next_expiry != NEVER and next_expiry <= now:
        version = bump_content_version() or version
        next_expiry = None
    if next_expiry is None:  # after a change: one query, then remembered
        cache.set(EXPIRY_KEY, next_expiry_after(now), timeout=None)
    return version


def next_expiry_after(now):
    from django.db.models import Min
    from wagtail.models import Page

    moment = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
    found = Page.objects.filter(live=True, expire_at__gt=moment).aggregate(Min("expire_at"))
    return found["expire_at__min"].timestamp() if found["expire_at__min"] else NEVER


def bump_content_version(**_kwargs):
    """A new version (returned), and the next expiry to be looked up again."""
    try:
        cache.delete(EXPIRY_KEY)
        return cache.incr(VERSION_KEY)
    except ValueError:  # no version yet
        cache.set(VERSION_KEY, int(time.time() * 1000), timeout=None)
    except RedisError:  # down: content_version() misses until it is back
        logger.warning("cache unavailable: could not invalidate")
    return None


def remember(key, compute, version=None):
    """`compute()`, cached until the content changes. A request that already knows the
    version passes it, saving a cache read."""
    full_key = f"content:{version or content_version()}:{key}"
    stored = cache.get(full_key)  # a 1-tuple, so that None is remembered too
    if stored is None:
        stored = (compute(),)
        cache.set(full_key, stored, REMEMBER_SECONDS)
    return stored[0]
