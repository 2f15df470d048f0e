"""A flood of requests that must be rendered is refused per address with 429 and
Retry-After, in the reader's language; readers served from the cache, and other
addresses, are not touched."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

FLOODER = "203.0.113.7"
READER = "198.51.100.20"


@pytest.fixture
def low_limits(settings):
    settings.RENDERS_PER_ADDRESS_PER_MINUTE = 3
    settings.SEARCHES_PER_ADDRESS_PER_MINUTE = 2
    return settings


def get(client, url, address, **params):
    return client.get(url, params, REMOTE_ADDR=address)


def refused(response):
    assert response.status_code == 429, response.status_code
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 60
    assert response["Cache-Control"] == "no-store"
    return retry_after


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


def test_every_kind_of_render_counts_and_the_limit_lasts_a_minute(client, site_tree, low_limits):
    """Missing paths, page numbers, unknown filters and a made-up session cookie (which
    passes the cache) share one budget; a minute later the address may render again."""
    with time_machine.travel("2026-12-07 10:00:05", tick=False):
        assert get(client, "/en/no-such-page/", FLOODER).status_code == 404
        assert get(client, site_tree.news.url, FLOODER, page="1").status_code == 200
        client.cookies["sessionid"] = "made-up"
        assert get(client, site_tree.events.url, FLOODER).status_code == 200
        assert refused(get(client, site_tree.partners.url, FLOODER)) == 55
        del client.cookies["sessionid"]
    with time_machine.travel("2026-12-07 10:01:01", tick=False):
        assert get(client, site_tree.partners.url, FLOODER).status_code == 200


def test_searches_have_a_limit_of_their_own(client, site_tree, low_limits):
    search = "/en/search/"
    assert get(client, search, FLOODER, q="malaria").status_code == 200
    assert get(client, search, FLOODER, q="malaria").status_code == 200  # cached: free
    assert get(client, search, FLOODER, q="vaccines").status_code == 200
    refused(get(client, search, FLOODER, q="random-1"))
    assert get(client, search, READER, q="random-1").status_code == 200
    # Pages are still rendered for the address that searched too much.
    assert get(client, site_tree.news.url, FLOODER, topic="y").status_code == 200


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


def test_the_pages_api_answers_429_with_retry_after(client, site_tree, low_limits):
    for number in range(3):
        response = get(client, "/api/v2/pages/", FLOODER, search=f"term{number}")
        assert response.status_code == 200
    response = get(client, "/api/v2/pages/", FLOODER, search="term3")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "throttled" in response.json()["detail"].lower()


def test_signed_in_editors_in_the_admin_are_not_counted(admin_client, site_tree, low_limits):
    for _ in range(5):
        assert admin_client.get("/admin/pages/", REMOTE_ADDR=FLOODER).status_code == 200


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("zh-hans", "ltr")])
def test_the_refusal_reads_well_on_a_phone(
    browser, site_tree, low_limits, language, direction, tmp_path
):
    from axe_playwright_python.sync_playwright import Axe

    low_limits.RENDERS_PER_ADDRESS_PER_MINUTE = 0
    tab = browser.open(f"/{language}/no-such-page/", width=375)
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        language,
        direction,
    ]
    assert tab.locator("h1").count() == 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    tab.screenshot(path=tmp_path / f"429-{language}.png")
    results = Axe().run(tab).response["violations"]
    assert [violation["id"] for violation in results] == []
