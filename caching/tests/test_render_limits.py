"""A flood of requests that must be rendered is refused per address with 429 and
Retry-After, in the reader's language; readers served from the cache, and other
addresses, are not touched. The rate is steady: a burst of ten seconds' worth, then one
render every 60 / rate seconds, on the memory cache and on Redis alike."""

import uuid

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from core.rate_limits import SteadyRate, client_key
from news.factories import NewsPageFactory

FLOODER = "203.0.113.7"
READER = "198.51.100.20"
MOMENT = "2026-12-07 10:00:05"


@pytest.fixture(params=["locmem", "redis"])
def rate_cache(request, settings):
    """A cache for the steady rate: the per-process one, or Redis (a server on
    127.0.0.1:6379; Debian: apt-get install redis-server), under keys of this test's own."""
    backend = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {
            "BACKEND": "caching.backends.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379",
        },
    }[request.param]
    settings.CACHES = {**settings.CACHES, "rates": {**backend, "KEY_PREFIX": uuid.uuid4().hex}}
    caches["rates"].set("ready", 1)
    assert caches["rates"].get("ready") == 1, f"{request.param} cache unreachable"
    return "rates"


def test_a_steady_rate_allows_a_burst_then_one_hit_per_interval(rate_cache):
    rate = SteadyRate("test", per_minute=60, cache=rate_cache)  # burst 10, then 1 a second
    start = 1_800_000_000.25
    assert [rate.hit("192.0.2.1", now=start) for _ in range(10)] == [None] * 10
    assert rate.hit("192.0.2.1", now=start) == 1
    assert rate.hit("192.0.2.2", now=start) is None  # each address apart
    assert rate.hit("192.0.2.1", now=start + 0.5) == 1  # refusals cost nothing
    assert rate.hit("192.0.2.1", now=start + 1) is None
    assert rate.hit("192.0.2.1", now=start + 1) == 1
    # A minute of one hit a second is allowed in full: no budget to spend at once.
    assert all(rate.hit("192.0.2.1", now=start + 2 + second) is None for second in range(60))
    # After a quiet spell the burst is there again, and no more.
    later = start + 200
    assert [rate.hit("192.0.2.1", now=later) for _ in range(11)] == [None] * 10 + [1]


@pytest.mark.parametrize("per_minute", [50, 42, 20, 7])
def test_the_burst_is_exact_at_any_moment_and_any_rate(rate_cache, per_minute):
    """Ten seconds' worth at once, whatever the rate and the fraction of the second."""
    rate = SteadyRate(f"exact-{per_minute}", per_minute=per_minute, cache=rate_cache)
    burst = max(1, per_minute // 6)
    for attempt, start in enumerate([1_800_000_000.123457, 1_799_999_999.987654, 1e9 + 0.1]):
        client = f"192.0.2.{attempt}"
        allowed = [rate.hit(client, now=start) is None for _ in range(burst + 1)]
        assert allowed == [True] * burst + [False], (per_minute, start)
        assert rate.hit(client, now=start + 60 / per_minute - 0.001) is not None
        assert rate.hit(client, now=start + 60 / per_minute + 0.001) is None


def test_on_redis_the_clock_is_redis_own(settings):
    """Without a time given, the script reads Redis's clock: servers whose clocks differ
    still count alike."""
    settings.CACHES = {
        **settings.CACHES,
        "rates": {
            "BACKEND": "caching.backends.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379",
            "KEY_PREFIX": uuid.uuid4().hex,
        },
    }
    rate = SteadyRate("clock", per_minute=12, cache="rates")  # burst 2, then one each 5 s
    with time_machine.travel("2031-01-01 00:00:00", tick=False):  # this machine: years off
        assert [rate.hit("192.0.2.50") for _ in range(3)][:2] == [None, None]
        assert rate.hit("192.0.2.51") is None


def test_clients_are_counted_by_address_and_ipv6_by_its_network(settings):
    factory = RequestFactory()

    def key(address):
        return client_key(factory.get("/", REMOTE_ADDR=address))

    assert key("192.0.2.10") == "192.0.2.10"
    assert key("2001:db8:1:2::1") == key("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64"
    assert key("2001:db8:1:3::1") != key("2001:db8:1:2::1")
    assert key("::ffff:192.0.2.10") == "192.0.2.10"


def test_a_proxy_nobody_named_is_told_of_once(settings, caplog):
    from core.rate_limits import _warn_of_proxy_once

    _warn_of_proxy_once.cache_clear()
    settings.AXES_IPWARE_PROXY_COUNT = 0
    factory = RequestFactory()
    with caplog.at_level("WARNING", logger="core.rate_limits"):
        for _ in range(3):
            client_key(factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1"))
    warnings = [r.getMessage() for r in caplog.records if r.name == "core.rate_limits"]
    assert len(warnings) == 1
    assert "AXES_IPWARE_PROXY_COUNT is 0" in warnings[0]
    _warn_of_proxy_once.cache_clear()


def test_a_slow_rate_asks_to_wait_for_the_next_hit(rate_cache):
    rate = SteadyRate("test", per_minute=2, cache=rate_cache)  # burst 1, then one each 30 s
    assert rate.hit("192.0.2.9", now=1000.0) is None
    assert rate.hit("192.0.2.9", now=1000.0) == 30
    assert rate.hit("192.0.2.9", now=1012.5) == 18
    assert rate.hit("192.0.2.9", now=1030.0) is None


def test_a_rate_of_0_is_no_limit_and_a_cache_outage_refuses_nobody(settings):
    assert all(SteadyRate("test", per_minute=0).hit("192.0.2.3") is None for _ in range(100))
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "caching.backends.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:9",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    rate = SteadyRate("test", per_minute=1, cache="down")
    assert [rate.hit("192.0.2.3") for _ in range(3)] == [None, None, None]


@pytest.fixture
def low_limits(settings):
    """Three renders at once, then one each 3⅓ s; two searches, then one each 5 s."""
    settings.RENDERS_PER_ADDRESS_PER_MINUTE = 18
    settings.SEARCHES_PER_ADDRESS_PER_MINUTE = 12
    with time_machine.travel(MOMENT, tick=False):
        yield settings


def get(client, url, address, **params):
    return client.get(url, params, REMOTE_ADDR=address)


def refused(response):
    assert response.status_code == 429, response.status_code
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 5
    assert "no-store" in response["Cache-Control"]
    return retry_after


@pytest.mark.django_db
def test_cache_busting_pages_are_refused_past_the_limit_and_cached_readers_are_not(
    client, site_tree, low_limits
):
    cached = site_tree.news.url
    assert get(client, cached, READER)["X-Cache"] == "miss"
    for number in range(3):  # three new filter combinations: three renders
        assert get(client, site_tree.news.url, FLOODER, topic=f"x{number}").status_code == 200
    response = get(client, site_tree.news.url, FLOODER, topic="x3")
    refused(response)
    # The refused address still gets what is in the cache, at no cost.
    with CaptureQueriesContext(connection) as queries:
        hit = get(client, cached, FLOODER)
    assert hit.status_code == 200
    assert hit["X-Cache"] == "hit"
    assert len(queries) == 0
    # Another address is counted apart.
    assert get(client, site_tree.news.url, READER, topic="x4").status_code == 200


@pytest.mark.django_db
def test_the_refusal_is_a_short_page_in_the_readers_language(client, site_tree, low_limits):
    url = "/fr/nowhere-"
    for number in range(3):
        assert get(client, f"{url}{number}/", FLOODER).status_code == 404
    response = get(client, f"{url}3/", FLOODER)
    seconds = refused(response)
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Trop de requêtes" in html
    assert f"{seconds} seconde" in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.django_db
def test_every_kind_of_render_counts_and_the_address_may_render_again_after_the_wait(
    client, site_tree, low_limits
):
    """Missing paths, page numbers, unknown filters and a made-up session cookie (which
    passes the cache) share one rate; after Retry-After seconds one more render is due."""
    assert get(client, "/en/no-such-page/", FLOODER).status_code == 404
    assert get(client, site_tree.news.url, FLOODER, page="1").status_code == 200
    client.cookies["sessionid"] = "made-up"
    assert get(client, site_tree.events.url, FLOODER).status_code == 200
    wait = refused(get(client, site_tree.partners.url, FLOODER))
    del client.cookies["sessionid"]
    assert wait == 4  # 3⅓ s, in whole seconds
    with time_machine.travel(MOMENT.replace(":05", ":09"), tick=False):
        assert get(client, site_tree.partners.url, FLOODER).status_code == 200
        refused(get(client, site_tree.news.url, FLOODER, topic="again"))


@pytest.mark.django_db
def test_searches_have_a_limit_of_their_own(client, site_tree, low_limits):
    search = "/en/search/"
    assert get(client, search, FLOODER, q="malaria").status_code == 200
    assert get(client, search, FLOODER, q="malaria").status_code == 200  # cached: free
    assert get(client, search, FLOODER, q="vaccines").status_code == 200
    assert refused(get(client, search, FLOODER, q="random-1")) == 5
    assert get(client, search, READER, q="random-1").status_code == 200
    # Pages are still rendered for the address that searched too much.
    assert get(client, site_tree.news.url, FLOODER, topic="y").status_code == 200


@pytest.mark.django_db
def test_machine_answers_are_refused_in_plain_text(client, site_tree, low_limits):
    NewsPageFactory(parent=site_tree.news)
    for offset in range(3):
        response = get(client, "/api/v2/events/", FLOODER, offset=str(offset))
        assert response.status_code == 200
    response = get(client, "/api/v2/events/", FLOODER, offset="3")
    refused(response)
    assert response["Content-Type"].startswith("text/plain")
    assert b"try again in" in response.content
    # Feeds and the embed share the address's budget.
    refused(get(client, "/feeds/events.ics", FLOODER, topic="z"))


@pytest.mark.django_db
def test_the_pages_api_answers_429_with_retry_after(client, site_tree, low_limits):
    for number in range(3):
        response = get(client, "/api/v2/pages/", FLOODER, search=f"term{number}")
        assert response.status_code == 200
    response = get(client, "/api/v2/pages/", FLOODER, search="term3")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "throttled" in response.json()["detail"].lower()


@pytest.mark.django_db
def test_signed_in_editors_are_never_refused_on_the_site_they_edit(
    admin_client, site_tree, low_limits
):
    for number in range(6):
        response = get(admin_client, site_tree.news.url, FLOODER, topic=f"t{number}")
        assert response.status_code == 200
        assert get(admin_client, f"/en/missing-{number}/", FLOODER).status_code == 404
        assert get(admin_client, f"/documents/{number}/a.pdf", FLOODER).status_code == 404
    assert admin_client.get("/admin/pages/", REMOTE_ADDR=FLOODER).status_code == 200
    # The same address without the session is counted as ever: the editor's renders
    # took nothing from its burst.
    reader = Client()
    for number in range(3):
        assert get(reader, site_tree.news.url, FLOODER, topic=f"r{number}").status_code == 200
    refused(get(reader, site_tree.news.url, FLOODER, topic="r3"))


@pytest.mark.django_db
def test_the_language_redirect_is_never_counted_nor_kept_by_a_cdn(client, site_tree, low_limits):
    for _ in range(5):
        response = client.get("/", REMOTE_ADDR=FLOODER, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 302
        assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_apis_refusal_is_not_kept_and_not_logged_as_a_warning(client, low_limits, caplog):
    for number in range(3):
        get(client, "/api/v2/pages/", FLOODER, search=f"w{number}")
    with caplog.at_level("WARNING", logger="django.request"):
        response = get(client, "/api/v2/pages/", FLOODER, search="w3")
    assert response.status_code == 429
    assert response["Cache-Control"] == "no-store"
    assert [r for r in caplog.records if r.name == "django.request"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("zh-hans", "ltr")])
def test_the_refusal_reads_well_on_a_phone(
    browser, site_tree, low_limits, language, direction, tmp_path
):
    from axe_playwright_python.sync_playwright import Axe

    low_limits.RENDERS_PER_ADDRESS_PER_MINUTE = 1  # one render, then one a minute
    browser.open(f"/{language}/no-such-page/", width=375).close()
    tab = browser.open(f"/{language}/no-such-page-either/", width=375)
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        language,
        direction,
    ]
    assert tab.locator("h1").count() == 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    tab.screenshot(path=tmp_path / f"429-{language}.png")
    results = Axe().run(tab).response["violations"]
    assert [violation["id"] for violation in results] == []


def test_a_refused_address_costs_no_trip_to_the_cache_until_its_wait_is_over(rate_cache):
    """A refusal changes nothing, so the process remembers it: the same answer follows
    until the wait is over, even with the cache gone meanwhile."""
    rate = SteadyRate("remembered", per_minute=6, cache=rate_cache)  # burst 1, 10 s apart
    assert rate.hit("192.0.2.40", now=5000.0) is None
    assert rate.hit("192.0.2.40", now=5000.0) == 10
    caches[rate_cache].clear()  # what a trip to the cache would now find: nothing
    assert rate.hit("192.0.2.40", now=5004.5) == 6
    assert rate.hit("192.0.2.40", now=5010.0) is None


@pytest.mark.django_db
def test_documents_asked_for_by_number_count_too(client, low_limits):
    statuses = [
        get(client, f"/documents/{number}/guide.pdf", FLOODER).status_code for number in range(3)
    ]
    assert statuses == [404, 404, 404]
    refused(get(client, "/documents/3/guide.pdf", FLOODER))
