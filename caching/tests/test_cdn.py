"""A CDN in front of the site: it may keep anonymous pages, and publishing purges it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    """A cache that notes each PURGE it is sent, as Varnish would act on it: by address
    (`purged`), or by the tags in its `Surrogate-Key` header (`tags`)."""

    purged = []
    tags = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        if "Surrogate-Key" in self.headers:
            self.tags.append(set(self.headers["Surrogate-Key"].split()))
        else:
            self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def purge_recorder():
    """A PurgeRecorder on a free loopback port: (server, its URL)."""
    PurgeRecorder.purged, PurgeRecorder.tags = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def cdn(settings):
    server, url = purge_recorder()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
    }
    settings.CDN_CACHE_SECONDS = 600
    yield PurgeRecorder.purged
    server.shutdown()


def publish(page):
    page.save_revision().publish()


def test_publishing_purges_the_page_its_listings_in_every_language_and_the_feeds(
    cdn, site_tree, locales
):
    french_news = site_tree.news.copy_for_translation(locales["fr"], copy_parents=True)
    publish(french_news)
    article = NewsPageFactory(parent=site_tree.news, live=False)
    cdn.clear()

    publish(article)

    purged = {path for _host, path in cdn}
    assert article.url in purged
    assert {site_tree.home.url, site_tree.news.url, french_news.url} <= purged
    assert french_news.get_parent().url in purged  # the French home page
    assert {"/feeds/news.xml", "/feeds/events.ics", "/sitemap.xml"} <= purged
    assert {host for host, _path in cdn} == {"localhost"}


def test_unpublishing_purges_too(cdn, site_tree):
    article = NewsPageFactory(parent=site_tree.news)
    cdn.clear()
    article.unpublish()
    purged = {path for _host, path in cdn}
    assert {article.url, site_tree.news.url, site_tree.home.url} <= purged


def test_anonymous_pages_may_be_kept_by_the_cdn(cdn, client, site_tree):
    for _visit in range(2):  # the first answer is rendered, the second from the cache
        response = client.get(site_tree.news.url)
        assert response.status_code == 200
        cache_control = response["Cache-Control"]
        assert "s-maxage=600" in cache_control and "max-age=0" in cache_control


def test_pages_behind_a_password_are_not_kept_by_the_cdn(cdn, site_tree):
    PageViewRestriction.objects.create(
        page=site_tree.partners, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = Client().get(site_tree.partners.url)
    assert response.status_code == 200  # the password form
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_without_a_cdn_pages_carry_no_shared_cache_lifetime(client, site_tree):
    response = client.get(site_tree.news.url)
    assert "s-maxage" not in response.get("Cache-Control", "")
