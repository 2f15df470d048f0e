"""With Redis, each process hears of every purge: a cache hit needs no round trip to
Redis, and a purge made by another server is honoured at once. Needs Redis on
127.0.0.1:6379 (apt-get install redis-server)."""

import time

import pytest
from django.core.cache import cache, caches

from core import cache_versions
from core.cache_versions import EPOCH_KEY, new_version
from core.dependencies import cached, clear_local, epoch, store

REDIS = "redis://127.0.0.1:6379/11"
pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "caching.backends.TolerantRedisCache", "LOCATION": REDIS}
    }
    clear_local()
    try:
        cache.clear()
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"Redis is needed on 127.0.0.1:6379 (apt-get install redis-server): {error}")
    yield cache
    clear_local()


def until(condition, seconds=3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def another_server_purges(tag):
    """What `purge` does, from another process: new versions, then the announcement."""
    cache.set(f"tag:{tag}", new_version(), timeout=None)
    value = new_version()
    cache.set(EPOCH_KEY, value, timeout=None)
    cache._cache.get_client(write=True).publish(cache_versions.Listener.CHANNEL, value)
    return value


def test_a_purge_by_another_server_is_heard_at_once(redis_cache):
    started = epoch()
    assert until(lambda: cache_versions.listener.epoch is not None), "never subscribed"
    assert store("answer", "the page", {"page:one"}, 60, epoch())
    assert cached("answer")[0] == "the page"

    value = another_server_purges("page:one")

    assert until(lambda: epoch() == value), "the purge was not heard"
    assert value != started
    assert cached("answer") is None


def test_a_hit_reads_nothing_from_redis_while_listening(redis_cache, monkeypatch):
    epoch()
    assert until(lambda: cache_versions.listener.epoch is not None), "never subscribed"
    store("answer", "the page", {"page:one"}, 60, epoch())
    epoch()  # the next expiry read once
    calls = []
    backend = caches["default"]  # the Redis cache itself, not the proxy
    monkeypatch.setattr(backend, "get_many", lambda *a, **k: calls.append(a) or {})
    monkeypatch.setattr(backend, "get", lambda *a, **k: calls.append(a))
    assert cached("answer")[0] == "the page"
    assert calls == []


def test_after_a_purge_the_answer_another_server_made_again_is_used(redis_cache):
    epoch()
    assert until(lambda: cache_versions.listener.epoch is not None), "never subscribed"
    store("answer", "the old page", {"page:one"}, 60, epoch())
    value = another_server_purges("page:one")
    assert until(lambda: epoch() == value), "the purge was not heard"
    # The other server renders the page again and keeps it, with the tag's new version.
    made_again = ("the new page", {"page:one": cache.get("tag:page:one")}, time.time() + 60)
    cache.set("answer", made_again, 60)
    assert cached("answer")[0] == "the new page"
