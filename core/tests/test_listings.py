"""Index pages: what is listed, in which order, with which filters, at what cost."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.factories import ImageFactory, TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 3, 10, 12, 0, tzinfo=datetime.UTC)
UTC = datetime.UTC


def titles(response, selector=".card__title"):
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(strip=True) for node in html.select(selector)]


def event(parent, title, start, end, **kwargs):
    return EventPageFactory(parent=parent, title=title, start=start, end=end, **kwargs)


@time_machine.travel(NOW, tick=False)
def test_upcoming_and_past_split_at_the_end_of_each_event(client, site_tree):
    events = site_tree.events
    hour = datetime.timedelta(hours=1)
    event(events, "Started an hour ago", NOW - hour, NOW + hour)
    event(events, "Ended a minute ago", NOW - 2 * hour, NOW - datetime.timedelta(minutes=1))
    event(events, "Ends right now", NOW - hour, NOW)
    event(events, "Tomorrow", NOW + 24 * hour, NOW + 26 * hour)
    event(events, "Last month", NOW - 30 * 24 * hour, NOW - 30 * 24 * hour + hour)

    upcoming = titles(client.get(events.url))
    past = titles(client.get(events.url + "past/"))

    assert upcoming == ["Started an hour ago", "Ends right now", "Tomorrow"]
    assert past == ["Ended a minute ago", "Last month"]


@time_machine.travel(datetime.datetime(2030, 3, 10, 16, 30, tzinfo=UTC), tick=False)
def test_all_day_event_in_jakarta_is_past_after_midnight_there(client, site_tree):
    # 16:30 UTC is 23:30 in Jakarta: the one-day event on 10 March there is still on.
    jakarta = datetime.timezone(datetime.timedelta(hours=7))
    event(
        site_tree.events,
        "Jakarta open day",
        datetime.datetime(2030, 3, 10, 0, 0, tzinfo=jakarta),
        datetime.datetime(2030, 3, 10, 23, 59, 59, tzinfo=jakarta),
        time_zone="Asia/Jakarta",
        all_day=True,
    )
    assert titles(client.get(site_tree.events.url)) == ["Jakarta open day"]
    with time_machine.travel(datetime.datetime(2030, 3, 10, 17, 0, 0, tzinfo=UTC), tick=False):
        assert titles(client.get(site_tree.events.url)) == []
        assert titles(client.get(site_tree.events.url + "past/")) == ["Jakarta open day"]


@time_machine.travel(datetime.datetime(2030, 3, 30, 0, 30, tzinfo=UTC), tick=False)
def test_event_across_the_daylight_saving_change_keeps_its_wall_clock_times(client, site_tree):
    # Europe/Amsterdam moves to summer time on 31 March 2030.
    from zoneinfo import ZoneInfo

    amsterdam = ZoneInfo("Europe/Amsterdam")
    page = event(
        site_tree.events,
        "Two-day course",
        datetime.datetime(2030, 3, 30, 14, tzinfo=amsterdam),
        datetime.datetime(2030, 3, 31, 14, tzinfo=amsterdam),
    )
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    start, end = html.select(".facts time")
    assert start["datetime"] == "2030-03-30T14:00:00+01:00"
    assert end["datetime"] == "2030-03-31T14:00:00+02:00"


def events_to_filter(site_tree):
    """Tomorrow: a session of a series, a partner's workshop and an online webinar on a
    topic."""
    events = site_tree.events
    start = NOW + datetime.timedelta(days=1)
    series = LectureSeriesPageFactory(parent=events, slug="immunology-week")
    partner = PartnerPageFactory(parent=site_tree.partners, slug="makerere")
    topic = TopicFactory(slug="vaccines")
    in_series = event(series, "Session one", start, start + datetime.timedelta(hours=1))
    hosted = event(events, "Kampala workshop", start, start + datetime.timedelta(hours=2))
    EventHostPartner.objects.create(page=hosted, partner=partner)
    online = event(
        events,
        "Webinar",
        start,
        start + datetime.timedelta(hours=1),
        format="online",
        online_url="https://meet.example.org/w",
    )
    online.topics.add(topic)
    online.save()
    return {"series": series, "in_series": in_series}


@time_machine.travel(NOW, tick=False)
def test_event_filters_by_series_partner_format_and_topic(client, site_tree):
    made = events_to_filter(site_tree)
    assert made["in_series"].series_id == made["series"].pk

    url = site_tree.events.url
    assert titles(client.get(url, {"series": "immunology-week"})) == ["Session one"]
    assert titles(client.get(url, {"partner": "makerere"})) == ["Kampala workshop"]
    assert titles(client.get(url, {"format": "online"})) == ["Webinar"]
    assert titles(client.get(url, {"topic": "vaccines"})) == ["Webinar"]


@time_machine.travel(NOW, tick=False)
def test_the_events_index_and_the_machine_endpoints_filter_alike(client, site_tree):
    """The index's filter form and the API and embed read the same filters."""
    events_to_filter(site_tree)
    events = site_tree.events
    event(events, "Past", NOW - datetime.timedelta(days=2), NOW - datetime.timedelta(days=1))

    for query in (
        {},
        {"series": "immunology-week"},
        {"partner": "makerere"},
        {"format": "online"},
        {"topic": "vaccines"},
        {"format": "hybrid"},
    ):
        listed = sorted(titles(client.get(events.url, query)))
        api = client.get("/api/v2/events/", {**query, "upcoming": "1"}).json()
        assert sorted(item["title"] for item in api["items"]) == listed, query
        embed = BeautifulSoup(client.get("/embed/events/", query).content, "html.parser")
        shown = sorted(h.get_text(strip=True) for h in embed.select(".event__title"))
        assert shown == listed, query


@time_machine.travel(NOW, tick=False)
def test_unknown_filter_values_are_a_form_error_not_a_server_error(client, site_tree):
    event(
        site_tree.events,
        "Tomorrow",
        NOW + datetime.timedelta(days=1),
        NOW + datetime.timedelta(days=2),
    )
    for params in ({"partner": "nope"}, {"format": "<script>"}):
        response = client.get(site_tree.events.url, params)
        assert response.status_code == 200
        assert titles(response) == ["Tomorrow"]
    for params in ({"page": "-1"}, {"page": "x" * 500}):  # no such page: not found
        assert client.get(site_tree.events.url, params).status_code == 404
    response = client.get(site_tree.events.url, {"partner": "nope"})
    assert b"were not recognised" in response.content


@time_machine.travel(NOW, tick=False)
def test_past_archive_is_paginated_newest_first(client, site_tree, settings):
    settings.PAGINATE_BY = 3
    for day in range(1, 8):
        start = NOW - datetime.timedelta(days=day)
        event(site_tree.events, f"Past {day}", start, start + datetime.timedelta(hours=1))
    past = site_tree.events.url + "past/"
    assert titles(client.get(past)) == ["Past 1", "Past 2", "Past 3"]
    assert titles(client.get(past, {"page": 3})) == ["Past 7"]
    assert client.get(past, {"page": 99}).status_code == 404  # past the last page


def test_news_index_is_newest_first_paginated_and_filterable_by_topic(client, site_tree, settings):
    settings.PAGINATE_BY = 2
    topic = TopicFactory(slug="global-health", name="Global health")
    for day in range(1, 6):
        page = NewsPageFactory(
            parent=site_tree.news, title=f"News {day}", publication_date=datetime.date(2026, 1, day)
        )
        if day % 2:
            page.topics.add(topic)
            page.save()
    url = site_tree.news.url
    assert titles(client.get(url)) == ["News 5", "News 4"]
    assert titles(client.get(url, {"page": 2})) == ["News 3", "News 2"]
    assert titles(client.get(url, {"topic": "global-health"})) == ["News 5", "News 3"]


def test_partner_index_filters_by_country_and_kind(client, site_tree):
    PartnerPageFactory(parent=site_tree.partners, title="Fudan University", country="CN")
    PartnerPageFactory(parent=site_tree.partners, title="Universitas Indonesia", country="ID")
    PartnerPageFactory(
        parent=site_tree.partners, title="Hub Innovazione Trentino", country="IT", kind="network"
    )
    url = site_tree.partners.url
    assert titles(client.get(url, {"country": "ID"})) == ["Universitas Indonesia"]
    assert titles(client.get(url, {"kind": "network"})) == ["Hub Innovazione Trentino"]
    html = BeautifulSoup(client.get(url).content, "html.parser")
    options = [o.get_text() for o in html.select("#id_country option")]
    assert options == ["All", "China", "Indonesia", "Italy"]


@time_machine.travel(NOW, tick=False)
def test_drafts_and_private_pages_never_appear_in_listings(client, site_tree):
    from wagtail.models import PageViewRestriction

    start = NOW + datetime.timedelta(days=1)
    end = start + datetime.timedelta(hours=1)
    event(site_tree.events, "Published", start, end)
    event(site_tree.events, "Draft event", start, end, live=False)
    private = event(site_tree.events, "Private event", start, end)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    NewsPageFactory(parent=site_tree.news, title="Draft news", live=False)
    NewsPageFactory(parent=site_tree.news, title="Live news")

    assert titles(client.get(site_tree.events.url)) == ["Published"]
    assert titles(client.get(site_tree.news.url)) == ["Live news"]
    home = client.get(site_tree.home.url).content
    assert b"Draft" not in home
    assert b"Private event" not in home


def listing_queries(client, url):
    client.get(url)  # the first views make renditions and the site's settings row;
    client.get(url)  # count a warm page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@time_machine.travel(NOW, tick=False)
def test_listing_queries_do_not_grow_with_the_number_of_items(client, site_tree, settings):
    # Rendering is measured here; cached pages (no query at all) are tested elsewhere.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AnonymousPageCache" not in m]
    images = [ImageFactory(), ImageFactory()]
    partner = PartnerPageFactory(parent=site_tree.partners, title="Partner")
    urls = [site_tree.home.url, site_tree.news.url, site_tree.events.url, site_tree.partners.url]

    def add(count, offset):
        for n in range(offset, offset + count):
            start = NOW + datetime.timedelta(days=n + 1)
            page = event(site_tree.events, f"E{n}", start, start + datetime.timedelta(hours=1))
            page.hero_image = images[n % 2]
            page.save()
            EventHostPartner.objects.create(page=page, partner=partner)
            NewsPageFactory(parent=site_tree.news, hero_image=images[n % 2])
            PartnerPageFactory(parent=site_tree.partners, featured=True)

    add(5, 0)
    with_5 = [listing_queries(client, url) for url in urls]
    add(45, 5)
    with_50 = [listing_queries(client, url) for url in urls]

    assert with_5 == with_50
    # Fixed whatever the number of items listed, and within the budget.
    assert max(with_50) <= 15, dict(zip(urls, with_50, strict=True))


@pytest.mark.parametrize(
    ("code", "given", "sorted_as_readers_sort"),
    [
        (
            "zh-hans",
            ["浙江大学", "清华大学", "北京大学", "复旦大学"],
            ["北京大学", "复旦大学", "清华大学", "浙江大学"],
        ),
        (
            "fr",
            ["Zurich", "École normale", "Université de Tours"],
            ["École normale", "Université de Tours", "Zurich"],
        ),
    ],
    ids=["pinyin", "accents"],
)
def test_partners_are_listed_in_the_order_their_language_sorts(
    client, site_tree, locales, code, given, sorted_as_readers_sort
):
    """By code point, Chinese names come by stroke codes and "École" after "Zurich"."""
    home = site_tree.home.copy_for_translation(locales[code])
    home.save_revision().publish()
    index = site_tree.partners.copy_for_translation(locales[code])
    index.save_revision().publish()
    for title in given:
        PartnerPageFactory(parent=index, title=title, locale=locales[code])
    assert titles(client.get(index.url)) == sorted_as_readers_sort
