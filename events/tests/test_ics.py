"""Calendars get what the event page shows: the join address of an online or hybrid event
(RFC 7986 CONFERENCE and in the description) and the page's address."""

import datetime
import re

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup

from events.factories import EventPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 3, 20, 12, tzinfo=datetime.UTC)
JOIN = "https://meet.example.org/immunology?pwd=a1,b2;c3"


def day(n, hour=14):
    return datetime.datetime(2030, 3, n, hour, tzinfo=datetime.UTC)


@pytest.fixture
def kinds(site_tree, locales):
    """One event of each kind whose join address a reader may or may not see."""
    online = {"parent": site_tree.events, "format": "online", "online_url": JOIN}
    made = {
        "online": EventPageFactory(title="Online", start=day(25), end=day(25, 16), **online),
        "hybrid": EventPageFactory(
            title="Hybrid", start=day(26), end=day(26, 16), **online | {"format": "hybrid"}
        ),
        "in_person": EventPageFactory(
            parent=site_tree.events, title="In person", start=day(27), end=day(27, 16)
        ),
        "cancelled": EventPageFactory(
            title="Cancelled", start=day(28), end=day(28, 16), status="cancelled", **online
        ),
        "running": EventPageFactory(title="Running", start=day(20, 11), end=day(20, 13), **online),
        "past": EventPageFactory(title="Past", start=day(10), end=day(10, 16), **online),
    }
    for page in made.values():
        page.refresh_from_db()
    return made


def vevents(content):
    cal = icalendar.Calendar.from_ical(content)
    return {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}


def join_link_on_page(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return bool(html.find("a", href=JOIN))


def unfolded_lines(content):
    """The content lines as any RFC 5545 reader sees them (folding undone)."""
    return re.sub(r"\r\n[ \t]", "", content.decode()).split("\r\n")


@time_machine.travel(NOW, tick=False)
def test_calendars_carry_the_join_address_exactly_where_the_event_page_shows_it(client, kinds):
    whole = vevents(client.get("/feeds/events.ics", {"past": "false"}).content)
    past = vevents(client.get("/feeds/events.ics", {"past": "true"}).content)
    for name, page in kinds.items():
        shown = join_link_on_page(client, page)
        own = vevents(client.get(f"/feeds/events/{page.pk}.ics").content)
        for feed in (own, whole if name != "past" else past):
            event = feed[page.title]
            conferences = [str(c.uri) for c in event.conferences]
            assert conferences == ([JOIN] if shown else []), name
            assert (JOIN in str(event["DESCRIPTION"])) is shown, name
            assert str(event["URL"]) == page.get_full_url(), name
    assert {n for n, p in kinds.items() if join_link_on_page(client, p)} == {
        "online",
        "hybrid",
        "running",
    }


@time_machine.travel(NOW, tick=False)
def test_conference_property_follows_rfc_7986_in_the_feeds_language(client, kinds):
    content = client.get("/feeds/events.ics", {"locale": "fr"}).content
    lines = unfolded_lines(content)
    conference = [line for line in lines if line.startswith("CONFERENCE")]
    assert len(conference) == 3  # online, hybrid, running
    name, _, value = conference[0].partition(":")
    parameters = dict(part.split("=", 1) for part in name.split(";")[1:])
    assert parameters["VALUE"] == "URI"
    assert parameters["FEATURE"] == "VIDEO"
    assert parameters["LABEL"].strip('"') == "Participer en ligne"
    # A URI value is not TEXT: its commas and semicolons stay unescaped.
    assert value == JOIN
    event = vevents(content)["Online"]
    assert event.conferences[0].label == "Participer en ligne"
    assert f"Participer en ligne\n{JOIN}" in str(event["DESCRIPTION"])


@time_machine.travel(NOW, tick=False)
def test_add_to_calendar_on_the_event_page_downloads_the_join_address(browser, kinds):
    tab = browser.open(kinds["online"].url, width=375)
    link = tab.get_by_role("link", name="Add to calendar")
    assert link.is_visible()
    # What the browser downloads when the reader clicks it:
    content = link.evaluate("async (a) => (await fetch(a.href)).text()").encode()
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert [str(c.uri) for c in event.conferences] == [JOIN]
    assert JOIN in str(event["DESCRIPTION"])
    assert str(event["URL"]) == kinds["online"].get_full_url()
    assert browser.console_errors == []
