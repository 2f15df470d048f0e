"""A Redis cache that degrades to "nothing cached" when Redis is unreachable."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: What each operation answers when the cache is down: a miss, or "not stored".
_FALLBACKS = {
    "get": lambda *args, default=None, **kwargs: default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda keys, *args, **kwargs: list(keys),
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: None,
}


def _tolerant(name, method):
    fallback = _FALLBACKS[name]

    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError:
            logger.warning("cache unavailable during %s: serving uncached", name)
            return fallback(*args, **kwargs)

    return wrapped


class TolerantRedisCache(RedisCache):
    """Django's Redis cache; when Redis is down, reads miss and writes are dropped, so
    pages are served uncached instead of failing. `incr` still raises (callers that
    count on it handle that), and `/readyz` reports the outage."""


for _name in _FALLBACKS:
    setattr(TolerantRedisCache, _name, _tolerant(_name, getattr(RedisCache, _name)))
