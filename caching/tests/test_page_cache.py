"""Anonymous readers get cached pages; any change purges them; editors never see a cache."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_a_cache_hit_costs_no_database_query(client, site_tree):
    url = site_tree.news.url
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == "en"


def test_publishing_purges_cached_pages(client, site_tree):
    url = site_tree.news.url
    client.get(url)
    article = NewsPageFactory(parent=site_tree.news, title="Fresh news", live=False)
    assert b"Fresh news" not in client.get(url).content
    article.save_revision().publish()
    assert b"Fresh news" in client.get(url).content
    article.refresh_from_db()
    article.unpublish()
    assert b"Fresh news" not in client.get(url).content


def test_languages_and_filters_are_cached_apart(client, site_tree):
    NewsPageFactory(parent=site_tree.news, title="Filtered out")
    client.get(site_tree.news.url)
    assert client.get(site_tree.news.url, {"topic": "none"})["X-Cache"] == "miss"


def test_editors_with_a_session_never_get_a_cached_page(admin_client, client, site_tree):
    client.get(site_tree.home.url)
    response = admin_client.get(site_tree.home.url)
    assert "X-Cache" not in response


def test_a_cached_page_goes_at_its_expiry_time_not_when_the_worker_runs(client, site_tree):
    soon = timezone.now() + datetime.timedelta(minutes=2)
    article = NewsPageFactory(parent=site_tree.news, title="Embargo lifts", expire_at=soon)
    assert client.get(article.url).status_code == 200
    assert b"Embargo lifts" in client.get(site_tree.news.url).content
    assert client.get(site_tree.news.url)["X-Cache"] == "hit"
    with time_machine.travel(soon + datetime.timedelta(seconds=1)):
        assert client.get(article.url).status_code == 404
        assert b"Embargo lifts" not in client.get(site_tree.news.url).content
        assert b"Embargo lifts" not in client.get("/feeds/news.xml").content


def test_anonymous_pages_do_not_vary_by_cookie_so_a_cdn_keeps_one_copy(client, site_tree):
    for _visit in ("miss", "hit"):
        response = client.get(site_tree.news.url)
        assert "cookie" not in response.get("Vary", "").lower()


def test_the_liveness_probe_answers_whatever_the_host_and_is_not_cached(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
