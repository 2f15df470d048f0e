"""The news feed (/feeds/news.xml) parses as RSS."""

import feedparser
import pytest

from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_news_feed_parses_as_rss(client, site_tree):
    NewsPageFactory(parent=site_tree.news, title="Fellows arrive", summary="Four fellows")
    NewsPageFactory(parent=site_tree.news, title="Draft", live=False)
    response = client.get("/feeds/news.xml", {"locale": "en"})
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.version == "rss20" and not feed.bozo
    (entry,) = feed.entries
    assert entry.title == "Fellows arrive"
    assert entry.link.startswith("http://localhost/en/news/")
    assert entry.id == entry.link
    assert entry.published_parsed is not None
    assert entry.summary == "Four fellows"
