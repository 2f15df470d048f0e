"""Query parameters that change nothing a reader sees do not bypass the cache: tracking
tags and unknown parameters are served from it, links do not repeat them, a page number
past the end is not found, and a browser's revalidation of a page is a 304."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import RequestFactory
from django.utils.http import http_date
from wagtail.models import Locale

from events.factories import EventPageFactory
from events.models.filters import EventFilterForm
from news.factories import NewsPageFactory
from news.models import NewsFilterForm
from partners.models import PartnerFilterForm

pytestmark = pytest.mark.django_db

TRACKING = {
    "utm_source": "newsletter",
    "utm_medium": "email",
    "utm_campaign": "lecture-week",
    "fbclid": "IwAR0abc",
    "gclid": "Cj0KCQ",
    "mc_cid": "5f2",
    "mc_eid": "9a1",
}


def test_tracking_tags_are_served_from_the_cache(client, site_tree):
    article = NewsPageFactory(parent=site_tree.news, title="Lecture week opens")
    assert client.get(article.url)["X-Cache"] == "miss"
    for name, value in TRACKING.items():
        answer = client.get(article.url, {name: value})
        assert answer.status_code == 200 and answer["X-Cache"] == "hit", name
    together = client.get(article.url, TRACKING)
    assert together["X-Cache"] == "hit"
    assert b"utm_source" not in together.content and b"IwAR0abc" not in together.content


def test_unknown_parameters_change_nothing_and_are_served_from_the_cache(client, site_tree):
    client.get(site_tree.news.url)
    for junk in ("x=1", "x=8f3a9c", "nocache=1&y=2", "PAGE=2"):
        answer = client.get(f"{site_tree.news.url}?{junk}")
        assert answer["X-Cache"] == "hit", junk
    # What a page reads still makes its own answer.
    assert client.get(site_tree.news.url, {"topic": "none"})["X-Cache"] == "miss"


@pytest.mark.parametrize("junk", ["q=8f3a9c", "page=7", "topic=x&partner=y", "format=online"])
def test_pages_that_read_no_parameter_are_served_from_the_cache_whatever_is_added(
    client, site_tree, junk
):
    """Names a listing or the search page reads change nothing on a page that reads none:
    an article, an event, a partner, the home page."""
    article = NewsPageFactory(parent=site_tree.news, title="Lecture week opens")
    event = EventPageFactory(parent=site_tree.events, title="Immunology lecture")
    for url in (article.url, event.url, site_tree.home.url):
        first = client.get(url)
        assert first["X-Cache"] == "miss", url
        for attempt in (junk, junk + "1", junk + "2"):
            answer = client.get(f"{url}?{attempt}")
            assert answer["X-Cache"] == "hit", (url, attempt)
            assert answer.content == first.content


def test_a_page_first_asked_for_with_unread_parameters_is_kept_for_its_clean_address(
    client, site_tree
):
    article = NewsPageFactory(parent=site_tree.news, title="Lecture week opens")
    assert client.get(article.url, {"q": "first"})["X-Cache"] == "miss"
    assert client.get(article.url)["X-Cache"] == "hit"
    assert client.get(article.url, {"q": "second"})["X-Cache"] == "hit"


def test_what_a_listing_reads_still_makes_its_own_answer(client, site_tree, settings):
    settings.PAGINATE_BY = 1
    for title in ("One", "Two"):
        NewsPageFactory(parent=site_tree.news, title=title)
    first = client.get(site_tree.news.url)
    second = client.get(site_tree.news.url, {"page": "2", "q": "ignored"})
    assert second["X-Cache"] == "miss" and second.content != first.content
    assert client.get(site_tree.news.url, {"page": "2", "q": "other"})["X-Cache"] == "hit"
    searched = client.get("/en/search/", {"q": "One"})
    other = client.get("/en/search/", {"q": "Two"})
    assert searched["X-Cache"] == other["X-Cache"] == "miss"
    assert b"One" in searched.content and searched.content != other.content


def test_listing_links_repeat_only_what_the_page_reads(client, site_tree, settings):
    settings.PAGINATE_BY = 1
    for title in ("One", "Two", "Three"):
        NewsPageFactory(parent=site_tree.news, title=title)
    answer = client.get(site_tree.news.url, {"utm_source": "newsletter", "x": "1", "topic": ""})
    html = BeautifulSoup(answer.content, "html.parser")
    links = [a["href"] for a in html.select("a[href*='page=']")]
    assert links and all("utm_" not in link and "x=1" not in link for link in links), links


@pytest.mark.parametrize("number", ["4", "99", "0", "-1", "abc", "x" * 500, "1.5", "²"])
def test_a_page_number_past_the_end_or_malformed_is_not_found(client, site_tree, number, settings):
    settings.PAGINATE_BY = 1
    for title in ("One", "Two", "Three"):
        NewsPageFactory(parent=site_tree.news, title=title)
    assert client.get(site_tree.news.url, {"page": "3"}).status_code == 200
    assert client.get(site_tree.news.url, {"page": number}).status_code == 404
    assert client.get("/en/search/", {"q": "One", "page": number}).status_code == 404


def test_a_browsers_revalidation_of_a_cached_page_is_a_304(client, site_tree):
    first = client.get(site_tree.news.url)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(site_tree.news.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(site_tree.news.url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    stale = client.get(site_tree.news.url, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200 and stale.content == first.content
    older = http_date(1_000_000_000)
    assert client.get(site_tree.news.url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200
    # After a publish the page changes, and so does its validator.
    NewsPageFactory(parent=site_tree.news, title="Fresh news")
    fresh = client.get(site_tree.news.url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and b"Fresh news" in fresh.content


def test_machine_endpoints_accept_a_newsletters_tracking_tags(client, site_tree, locales):
    event = EventPageFactory(parent=site_tree.events, title="Immunology lecture")
    for url in (
        "/feeds/events.ics",
        "/feeds/news.xml",
        "/api/v2/events/",
        f"/api/v2/events/{event.pk}/",
        "/api/v2/pages/",
        "/embed/events/",
    ):
        answer = client.get(url, {"utm_source": "newsletter", "fbclid": "IwAR0abc"})
        assert answer.status_code == 200, url
    # An unknown parameter that is not a tracking tag is still refused by name.
    assert client.get("/api/v2/events/", {"limt": "5"}).status_code == 400


def test_every_filter_a_listing_reads_is_in_the_page_cache_key(site_tree, locales):
    """The page cache keys on settings.PAGE_QUERY_PARAMETERS only: a filter missing
    there would be served the unfiltered page."""
    request = RequestFactory().get("/")
    english = Locale.get_default()
    forms = [
        EventFilterForm(request.GET, locale=english),
        NewsFilterForm(request.GET, locale=english),
        PartnerFilterForm(request.GET, locale=english, countries=[]),
    ]
    for form in forms:
        assert set(form.fields) <= settings.PAGE_QUERY_PARAMETERS, type(form).__name__
    assert {"page", "q"} <= settings.PAGE_QUERY_PARAMETERS
