"""Health endpoints: liveness without I/O, readiness naming what is down."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readyz_checks_database_storage_and_cache(client, s3_storage):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checked"] == ["database", "storage", "cache"]


def test_readyz_names_what_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "gone",
                "endpoint_url": "http://127.0.0.1:1",
                "access_key": "x",
                "secret_key": "x",
                "region_name": "us-east-1",
            },
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert set(response.json()["down"]) == {"cache", "storage"}


REDIS_DOWN = {
    "default": {
        "BACKEND": "caching.backends.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}
REDIS_UP = {"default": {**REDIS_DOWN["default"], "LOCATION": "redis://127.0.0.1:6379/7"}}


def test_pages_and_endpoints_are_served_when_the_cache_is_down(client, site_tree, settings):
    settings.CACHES = REDIS_DOWN
    assert client.get(site_tree.home.url).status_code == 200
    assert client.get("/api/v2/events/").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["down"] == {"cache": "ConnectionError"}


@time_machine.travel(datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_redis_cache_is_used_when_configured(client, site_tree, settings):
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/7").ping()
    except redis.exceptions.ConnectionError:
        pytest.fail("Redis is not reachable at 127.0.0.1:6379: start redis-server")
    settings.CACHES = REDIS_UP
    from django.core.cache import cache

    cache.clear()
    first = client.get("/api/v2/events/")
    assert first.status_code == 200
    assert client.get("/api/v2/events/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert redis.Redis.from_url("redis://127.0.0.1:6379/7").dbsize() > 0
    cache.clear()


def test_each_request_is_logged_on_one_line(client, caplog):
    with caplog.at_level("INFO", logger="requests"):
        client.get("/robots.txt?probe=1")
    lines = [r.getMessage() for r in caplog.records if r.name == "requests"]
    assert len(lines) == 1
    assert lines[0].startswith('GET "/robots.txt?probe=1" 200 ')


def test_liveness_probes_every_few_seconds_are_not_logged(client, caplog):
    with caplog.at_level("INFO", logger="requests"):
        client.get("/healthz")
    assert [r for r in caplog.records if r.name == "requests"] == []
