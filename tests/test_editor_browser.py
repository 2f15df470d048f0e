"""An editor in Chromium: filters the pickers and the time-zone list by typing, reads event
times in the events' own zones, and lands on the form from "Add event"."""

import datetime
import os
import re
from pathlib import Path

import pytest

from core.factories import PersonFactory, TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventPage
from tests.admin_forms import add_url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def shot(tmp_path):
    """Screenshots to look at: in SHOTS_DIR when set, else in the test's own folder."""
    folder = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return lambda tab, name: tab.screenshot(path=str(folder / f"{name}.png"))


def test_editor_filters_the_time_zones_and_the_topics_by_typing(
    admin_client, browser, site_tree, locales, shot
):
    immunology = TopicFactory(name="Immunology", slug="immunology")
    TopicFactory(name="Genomics", slug="genomics")
    french = immunology.copy_for_translation(locales["fr"])
    french.name = "Immunologie"
    french.save()
    PersonFactory(name="Amina Diallo")

    tab = browser.open(add_url(EventPage, site_tree.events), width=1280)
    zone_filter = tab.locator("[data-filterable-choices]:has(select[name=time_zone]) input")
    zone_filter.fill("rome")
    assert tab.locator("select[name=time_zone]").input_value() == "Europe/Rome"
    assert tab.locator("select[name=time_zone] option:not([hidden])").count() == 1
    assert "UTC+0" in tab.locator("select[name=time_zone] option:checked").inner_text()

    topics = tab.locator("[data-filterable-choices]:has(input[name=topics])")
    topics.locator("input[type=search]").fill("immu")
    visible = topics.locator("label:visible")
    assert visible.count() == 1
    assert visible.inner_text().strip() == "Immunology"  # not the French "Immunologie"
    visible.click()
    assert topics.locator("input[name=topics]:checked").count() == 1
    topics.scroll_into_view_if_needed()
    shot(tab, "event-form-topics-filtered")
    zone_filter.scroll_into_view_if_needed()
    shot(tab, "event-form-time-zone-filtered")
    # The admin's avatar from gravatar.com is refused by the admin's policy, as it should be.
    assert [error for error in browser.console_errors if "gravatar.com" not in error] == []


def test_events_listing_shows_each_event_in_its_own_zone(admin_client, browser, site_tree, shot):
    EventPageFactory(
        parent=site_tree.events,
        title="Jakarta morning seminar",
        time_zone="Asia/Jakarta",
        start=datetime.datetime(2027, 3, 4, 23, 30, tzinfo=UTC),  # 5 March 06:30 WIB
        end=datetime.datetime(2027, 3, 5, 1, 30, tzinfo=UTC),
    )
    EventPageFactory(
        parent=site_tree.events,
        title="Rome open day",
        time_zone="Europe/Rome",
        all_day=True,
        start=datetime.datetime(2027, 3, 9, 23, tzinfo=UTC),
        end=datetime.datetime(2027, 3, 10, 22, 59, 59, tzinfo=UTC),
    )
    tab = browser.open("/admin/events/", width=1280)
    jakarta = tab.locator("tr", has_text="Jakarta morning seminar").inner_text()
    assert re.search(r"5 March 2027, 06:30.*WIB", jakarta, re.S)
    rome = tab.locator("tr", has_text="Rome open day").inner_text()
    assert "10 March 2027" in rome and "9 March" not in rome
    shot(tab, "events-listing")


def test_add_event_opens_the_form_under_the_events_index(admin_client, browser, site_tree, shot):
    LectureSeriesPageFactory(parent=site_tree.events)  # another place events may go
    tab = browser.open("/admin/events/", width=1280)
    tab.get_by_role("link", name=re.compile("Add event", re.I)).first.click()
    tab.wait_for_url(f"**{add_url(EventPage, site_tree.events)}")
    assert tab.locator("input[name=title]").is_visible()
    shot(tab, "add-event-form")
