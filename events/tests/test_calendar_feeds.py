"""The calendar feeds (/feeds/events.ics and each event's .ics) parse as RFC 5545."""

import datetime

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup

from events.factories import EventPageFactory
from tests.machine import NOW

pytestmark = pytest.mark.django_db


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


@time_machine.travel(NOW, tick=False)
def test_the_calendars_name_is_in_its_language_whichever_slug_names_the_partner(
    client, events, locales
):
    """`?locale=fr&partner=makerere` (the English slug) names the calendar with the
    partner's and the series' French titles, as the French slugs do."""
    hosted = events["hosted"]
    partner = hosted.host_partners.get().partner
    french = partner.copy_for_translation(locales["fr"], copy_parents=True)
    french.title, french.slug = "Université Makerere", "universite-makerere"
    french.save_revision().publish()
    hosted.copy_for_translation(locales["fr"], copy_parents=True).save_revision().publish()

    for slug in ("makerere", "universite-makerere"):
        response = client.get("/feeds/events.ics", {"locale": "fr", "partner": slug})
        assert response.status_code == 200, slug
        name = str(icalendar.Calendar.from_ical(response.content)["X-WR-CALNAME"])
        assert name.endswith("– Université Makerere – Événements"), (slug, name)
    english = client.get("/feeds/events.ics", {"locale": "en", "partner": "makerere"})
    name = str(icalendar.Calendar.from_ical(english.content)["X-WR-CALNAME"])
    assert name.endswith(f"– {partner.title} – Events")


def test_a_limited_calendar_keeps_the_next_events_then_the_latest_past_ones(client, site_tree):
    """A subscription must not lose the next events to an old archive."""
    now = datetime.datetime.now(tz=datetime.UTC)
    for days, title in [
        (-40, "Long ago"),
        (-30, "Ago"),
        (-10, "Lately"),
        (5, "Next"),
        (9, "After"),
    ]:
        start = now + datetime.timedelta(days=days)
        EventPageFactory(
            parent=site_tree.events,
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=2),
        )
    cal = icalendar.Calendar.from_ical(client.get("/feeds/events.ics?limit=3").content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Lately", "Next", "After"]
    cal = icalendar.Calendar.from_ical(client.get("/feeds/events.ics?limit=2").content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Next", "After"]
    cal = icalendar.Calendar.from_ical(client.get("/feeds/events.ics?past=true&limit=2").content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Lately", "Ago"]


def test_calendar_files_keep_their_name_when_served_from_the_cache(client, events):
    event = events["hosted"]
    for path, disposition in [
        ("/feeds/events.ics", 'inline; filename="events.ics"'),
        (f"/feeds/events/{event.pk}.ics", f'attachment; filename="{event.slug}.ics"'),
    ]:
        first, again = client.get(path), client.get(path)
        assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
        assert first["Content-Disposition"] == again["Content-Disposition"] == disposition


def test_link_checkers_asking_head_get_an_answer(client, events):
    for path in (
        "/feeds/events.ics",
        f"/feeds/events/{events['hosted'].pk}.ics",
        "/embed/events/",
        "/embed/events.js",
    ):
        answer = client.head(path)
        assert answer.status_code == 200, path
        assert answer.content == b""


def test_each_answer_names_its_language_on_a_hit_as_on_a_miss(client, events, locales):
    """Content-Language is the language of the answer, not of the browser that asked."""
    for path in (
        "/feeds/events.ics?locale=ar",
        "/embed/events/?locale=zh-hans",
        "/feeds/news.xml?locale=fr",
    ):
        first = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        again = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert again["X-Cache"] == "hit", path
        expected = path.rsplit("=", 1)[1]
        assert first["Content-Language"] == again["Content-Language"] == expected, path
