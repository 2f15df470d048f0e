"""A Redis cache that degrades to "nothing cached" when Redis is unreachable."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
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


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a new `redis.Redis` for every operation, whose callback
    tables cost more than a cache hit's round trip; one per connection pool serves them
    all (it is thread-safe, and its pool reconnects after a fork)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    """Django's Redis cache; when Redis is down, reads miss and writes are dropped, so
    pages are served uncached instead of failing. `incr` still raises (callers that
    count on it handle that), and `/readyz` reports the outage."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


for _name in _FALLBACKS:
    setattr(TolerantRedisCache, _name, _tolerant(_name, getattr(RedisCache, _name)))
