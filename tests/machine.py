"""Events for the machine-endpoint tests (API, embed, feeds): one of each kind a listing
must show or hide, around the change to summer time in Amsterdam."""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import PageViewRestriction

from core.factories import TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from partners.factories import PartnerPageFactory

NOW = datetime.datetime(2030, 3, 20, 12, tzinfo=datetime.UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day, hour=14, zone=AMSTERDAM):
    return datetime.datetime(2030, 3, day, hour, tzinfo=zone)


def make_events(site_tree):
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
