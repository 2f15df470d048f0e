"""What every machine endpoint shares: the same bad parameter gets the same 400 from the
API, the embed, the calendar and the news feeds; pages advertise the feeds; nothing hidden
leaks through any of them."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from events.factories import EventPageFactory
from news.factories import NewsPageFactory
from tests.machine import NOW, at

pytestmark = pytest.mark.django_db

BAD_PARAMETERS = [
    ({"limit": "5000"}, "limit"),
    ({"limit": "-1"}, "limit"),
    ({"offset": "x"}, "offset"),
    ({"locale": "de"}, "locale"),
    ({"partner": "nobody"}, "partner"),
    ({"series": "<script>"}, "series"),
    ({"format": "carrier-pigeon"}, "format"),
    ({"upcoming": "perhaps"}, "upcoming"),
    ({"upcoming": "1", "past": "1"}, "past"),
    ({"start_after": "yesterday"}, "start_after"),
    ({"sort": "title"}, "sort"),
]


def test_bad_parameters_answer_400_naming_them(client, events):
    for params, parameter in BAD_PARAMETERS:
        for path in ("/api/v2/events/", "/embed/events/", "/feeds/events.ics"):
            response = client.get(path, params)
            assert response.status_code == 400, (path, params)
            assert parameter in response.content.decode(), (path, params)
    assert client.get("/api/v2/events/", {"limit": "101"}).status_code == 400


def test_a_bad_parameter_gets_the_same_message_from_api_embed_and_calendar(client, events):
    """One description of the event filters: each surface names the same problem alike
    (a calendar only holds more events: its `limit` goes to 1000)."""
    bad = [*BAD_PARAMETERS, ({"locale": "en", "format": "online", "offset": "-3"}, "offset")]
    bad = [(params, name) for params, name in bad if name != "limit"]
    for params, parameter in [*bad, ({"topic": "vaccines", "topic ": "x"}, "topic ")]:
        api = client.get("/api/v2/events/", params)
        embed = client.get("/embed/events/", params)
        calendar = client.get("/feeds/events.ics", params)
        assert api.json()["parameter"] == parameter, params
        message = api.json()["message"]
        assert message.startswith(f"{parameter}: "), params
        assert embed.content.decode() == message, params
        assert calendar.content.decode() == message, params
        assert embed["Content-Type"] == calendar["Content-Type"] == "text/plain; charset=utf-8"
        assert "Content-Security-Policy" in embed
    for path, highest in (
        ("/api/v2/events/", 100),
        ("/embed/events/", 100),
        ("/feeds/events.ics", 1000),
    ):
        answer = client.get(path, {"limit": "0"}).content.decode()
        assert f"limit: a whole number from 1 to {highest}" in answer, path
        assert "limit" in client.get(path, {"limit": str(highest + 1)}).content.decode(), path


def test_the_news_feed_reads_its_locale_as_the_events_endpoints_do(client, events):
    for query in ("locale=xx", "locale=en&page=2", "locale=en&locale=fr"):
        news = client.get(f"/feeds/news.xml?{query}")
        calendar = client.get(f"/feeds/events.ics?{query}")
        assert news.status_code == calendar.status_code == 400, query
        assert news.content == calendar.content, query
    assert client.get("/feeds/news.xml", {"locale": "FR"}).status_code == 200


def test_repeated_parameters_and_bad_feed_locales_are_400(client, events):
    assert client.get("/api/v2/events/?locale=en&locale=fr").status_code == 400
    assert client.get("/feeds/news.xml", {"locale": "xx"}).status_code == 400
    assert client.get("/feeds/news.xml", {"page": "2"}).status_code == 400


@time_machine.travel(NOW, tick=False)
def test_pages_advertise_feeds_and_events_carry_schema_org_data(client, events, site_tree):
    import json

    home = BeautifulSoup(client.get(site_tree.home.url).content, "html.parser")
    feeds = {link["type"]: link["href"] for link in home.select('link[rel="alternate"][type]')}
    assert feeds["application/rss+xml"] == "/feeds/news.xml?locale=en"
    assert feeds["text/calendar"] == "/feeds/events.ics?locale=en"

    def event_data(page):
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        blocks = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
        return next(b for b in blocks if b["@type"] in ("Event", "EducationEvent"))

    data = event_data(events["session"])
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "secret-room" not in json.dumps(data)
    assert data["startDate"] == "2030-03-25T14:00:00+01:00"
    cancelled_data = event_data(events["cancelled"])
    assert cancelled_data["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled_data["location"]["address"]["addressLocality"] == "Leiden"


@time_machine.travel(NOW, tick=False)
def test_drafts_private_and_expired_events_never_leak(client, events, site_tree):
    expired = EventPageFactory(
        parent=site_tree.events,
        title="Expired",
        start=at(26),
        end=at(26, 16),
        expire_at=NOW - datetime.timedelta(hours=1),
    )
    NewsPageFactory(parent=site_tree.news, title="Draft news", live=False)
    hidden = NewsPageFactory(parent=site_tree.news, title="Private news")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    answers = [
        client.get("/api/v2/events/").content,
        client.get("/api/v2/events/", {"past": "1"}).content,
        client.get("/embed/events/", {"limit": "100"}).content,
        client.get("/feeds/events.ics").content,
        client.get("/feeds/news.xml").content,
        client.get(site_tree.events.url).content,
        client.get("/sitemap.xml").content,
    ]
    for answer in answers:
        for title in (b"Draft", b"Private", b"Expired"):
            assert title not in answer
    assert client.get(f"/api/v2/events/{expired.pk}/").status_code == 404
    assert client.get(f"/feeds/events/{expired.pk}.ics").status_code == 404
    private_event = PageViewRestriction.objects.filter(page__title="Private").get().page
    assert client.get(f"/api/v2/events/{private_event.pk}/").status_code == 404
    assert client.get(f"/feeds/events/{private_event.pk}.ics").status_code == 404
