"""The API, embed, calendar and news feeds partners rely on."""

import datetime
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from core.factories import TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 3, 20, 12, tzinfo=datetime.UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day, hour=14, zone=AMSTERDAM):
    return datetime.datetime(2030, 3, day, hour, tzinfo=zone)


@pytest.fixture
def events(site_tree, locales):
    partner = PartnerPageFactory(parent=site_tree.partners, slug="makerere", country="UG")
    series = LectureSeriesPageFactory(parent=site_tree.events, slug="immunology-week")
    topic = TopicFactory(slug="vaccines", name="Vaccines")
    made = {
        "past": EventPageFactory(
            parent=site_tree.events, title="Past", start=at(10), end=at(10, 16)
        ),
        "session": EventPageFactory(
            parent=series,
            title="Session",
            start=at(25),
            end=at(25, 16),
            format="online",
            online_url="https://meet.example.org/secret-room",
        ),
        "hosted": EventPageFactory(
            parent=site_tree.events, title="Hosted", start=at(26), end=at(26, 16)
        ),
        # Across the change to summer time on 31 March: 14:00 is +01:00 then +02:00.
        "after_dst": EventPageFactory(
            parent=site_tree.events, title="After DST", start=at(31), end=at(31, 16)
        ),
        "cancelled": EventPageFactory(
            parent=site_tree.events,
            title="Cancelled",
            start=at(27),
            end=at(27, 16),
            status="cancelled",
        ),
        "all_day": EventPageFactory(
            parent=site_tree.events,
            title="Summer school",
            start=datetime.datetime(2030, 3, 28, tzinfo=AMSTERDAM),
            end=datetime.datetime(2030, 3, 29, 23, 59, 59, tzinfo=AMSTERDAM),
            all_day=True,
        ),
        "jakarta": EventPageFactory(
            parent=site_tree.events,
            title="Jakarta symposium",
            start=at(29, 9, ZoneInfo("Asia/Jakarta")),
            end=at(29, 12, ZoneInfo("Asia/Jakarta")),
            time_zone="Asia/Jakarta",
        ),
    }
    EventHostPartner.objects.create(page=made["hosted"], partner=partner)
    made["session"].topics.add(topic)
    made["session"].save()
    # Never published anywhere:
    EventPageFactory(
        parent=site_tree.events, title="Draft", start=at(26), end=at(26, 16), live=False
    )
    private = EventPageFactory(
        parent=site_tree.events, title="Private", start=at(26), end=at(26, 16)
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return made


def api(client, **params):
    return client.get("/api/v2/events/", params)


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@time_machine.travel(NOW, tick=False)
def test_api_lists_live_public_events_with_their_fields(client, events):
    response = api(client, upcoming="true")
    assert titles(response) == [
        "Session",
        "Hosted",
        "Cancelled",
        "Summer school",
        "Jakarta symposium",
        "After DST",
    ]
    item = next(i for i in response.json()["items"] if i["title"] == "Session")
    assert item["start"] == "2030-03-25T14:00:00+01:00"
    assert item["time_zone"] == "Europe/Amsterdam"
    assert item["online"] is True and item["venue"] is None
    assert "secret-room" not in response.content.decode()  # never the join address
    assert item["series"]["slug"] == "immunology-week"
    assert item["topics"] == [{"slug": "vaccines", "name": "Vaccines"}]
    assert item["url"].startswith("http://localhost/en/")
    assert item["ics_url"] == f"http://testserver/feeds/events/{events['session'].pk}.ics"
    assert item["translations"] == {"en": item["url"]}
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]


@time_machine.travel(NOW, tick=False)
def test_api_filters(client, events):
    assert titles(api(client, partner="makerere")) == ["Hosted"]
    assert titles(api(client, series="immunology-week")) == ["Session"]
    assert titles(api(client, topic="vaccines")) == ["Session"]
    assert titles(api(client, format="online")) == ["Session"]
    assert titles(api(client, past="1")) == ["Past"]
    window = {"start_after": "2030-03-27T20:00:00+01:00", "start_before": "2030-03-30"}
    assert titles(api(client, **window)) == [
        "Summer school",
        "Jakarta symposium",
    ]
    page = api(client, limit=2, offset=1).json()
    assert page["meta"] == {"total_count": 7, "limit": 2, "offset": 1, "locale": "en"}
    assert len(page["items"]) == 2


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
def test_unchanged_answers_are_304_and_publishing_changes_them(client, events, site_tree):
    first = api(client)
    etag = first["ETag"]
    assert client.get("/api/v2/events/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    EventPageFactory(parent=site_tree.events, title="New", start=at(30), end=at(30, 16))
    events["hosted"].save_revision().publish()
    second = api(client)
    assert second["ETag"] != etag
    events["hosted"].unpublish()
    assert "Hosted" not in titles(api(client))


def test_other_api_endpoints_are_read_only(client, events):
    for path in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
        assert client.get(path).status_code == 200
    assert client.post("/api/v2/events/", {}).status_code == 405


@time_machine.travel(NOW, tick=False)
def test_calendar_feed_follows_rfc_5545(client, events):
    response = client.get("/feeds/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal["X-WR-CALNAME"]
    vevents = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert "Draft" not in vevents and "Private" not in vevents
    zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/Amsterdam", "Asia/Jakarta"}
    before = vevents["Hosted"].decoded("DTSTART")
    after = vevents["After DST"].decoded("DTSTART")
    assert (before.hour, before.utcoffset()) == (14, datetime.timedelta(hours=1))
    assert (after.hour, after.utcoffset()) == (14, datetime.timedelta(hours=2))
    assert vevents["After DST"]["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    school = vevents["Summer school"]
    assert school.decoded("DTSTART") == datetime.date(2030, 3, 28)
    assert school.decoded("DTEND") == datetime.date(2030, 3, 30)  # exclusive
    assert str(vevents["Cancelled"]["STATUS"]) == "CANCELLED"
    hosted = vevents["Hosted"]
    for name in ("UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "URL", "LOCATION", "DESCRIPTION"):
        assert name in hosted, name
    assert str(hosted["UID"]) == f"{events['hosted'].translation_key}@testserver"


@time_machine.travel(NOW, tick=False)
def test_sequence_rises_when_an_event_changes_and_uid_stays(client, events):
    def hosted():
        cal = icalendar.Calendar.from_ical(client.get("/feeds/events.ics").content)
        return next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Hosted"))

    first = hosted()
    page = events["hosted"]
    page.save_revision().publish()
    page.refresh_from_db()
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        page.title = "Hosted, new room"
        page.save_revision().publish()
        second = hosted()
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])


@time_machine.travel(NOW, tick=False)
def test_each_event_page_offers_its_own_calendar_file(client, events):
    page = events["jakarta"]
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    link = html.select_one('a[href$=".ics"]')
    assert link is not None
    response = client.get(link["href"])
    cal = icalendar.Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2030-03-29T09:00:00+07:00"


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


@time_machine.travel(NOW, tick=False)
def test_embed_may_be_framed_anywhere_and_nothing_else(client, events, site_tree):
    response = client.get(
        "/embed/events/", {"theme": "dark", "accent": "b5451b", "layout": "compact"}
    )
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert not response.cookies
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["class"] == ["theme-dark", "layout-compact"]
    assert html.head.style.string == "body{--accent:#b5451b}"  # allowed by its hash
    assert [a.get_text() for a in html.select(".event__title a")][:2] == ["Session", "Hosted"]
    assert html.select_one('a[href^="webcal://"]') is not None
    assert client.get(site_tree.home.url)["X-Frame-Options"] == "DENY"
    assert client.get("/embed/events/", {"accent": "red;}"}).status_code == 400


def test_embed_script_is_small_and_open(client):
    response = client.get("/embed/events.js")
    assert response.status_code == 200
    assert len(response.content) < 5 * 1024
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("text/javascript")
    assert client.get("/embed/events.js", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert "max-age=3600" in response["Cache-Control"]
    pinned = client.get("/embed/events.js", {"v": response["X-Script-Version"]})
    assert "immutable" in pinned["Cache-Control"] and "max-age=31536000" in pinned["Cache-Control"]


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


def test_embed_builder_previews_and_gives_the_code(admin_client, events):
    from django.urls import reverse

    response = admin_client.get(
        reverse("embed_builder"),
        {"locale": "fr", "partner": "makerere", "theme": "dark", "layout": "full", "limit": "5"},
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    preview = html.select_one("iframe")["src"]
    assert "/embed/events/?locale=fr&partner=makerere&theme=dark&limit=5" in preview
    codes = [area.get_text() for area in html.select("textarea.embed-code")]
    assert 'data-locale="fr"' in codes[0] and 'data-partner="makerere"' in codes[0]
    assert "/embed/events.js" in codes[0]
    assert codes[2].startswith("webcal://") and "partner=makerere" in codes[2]
    bad = admin_client.get(reverse("embed_builder"), {"locale": "xx", "accent": "red"})
    assert bad.status_code == 200 and b"error-message" in bad.content


def test_partner_page_offers_its_embed_code(client, events):
    page = PartnerPageFactory._meta.model.objects.get(slug="makerere")
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = html.select_one(".embed-codes")
    assert 'data-partner="makerere"' in section.get_text()
    assert section.select_one('a[href^="webcal://"]')["href"].endswith("partner=makerere")


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
