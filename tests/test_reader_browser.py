"""Readers in Chromium: Latin fragments keep their order on Arabic pages, and an event's
time is also given in the reader's own zone, language and clock."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import Site

from core.factories import PersonFactory
from core.models import SiteSettings
from events.factories import EventPageFactory
from events.models import EventHostPartner, EventSpeaker
from partners.factories import PartnerPageFactory
from tests.browser import Browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(chromium, client):
    """Opens a browser as a reader somewhere: `reader(timezone_id=..., locale=...)`."""
    sessions = []

    def open_as(**context_options):
        session = Browser(chromium, client, **context_options)
        sessions.append(session)
        return session

    yield open_as
    for session in sessions:
        session.context.close()


def translate(page, locale):
    copy = page.specific.copy_for_translation(locale, copy_parents=True)
    copy.save_revision().publish()
    return copy


# In Chromium's layout: where the first and the second word of a fragment start, left to
# right, on the line where the fragment is printed.
WORD_POSITIONS = """([fragment, first, second]) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let text = "";
    const nodes = [];
    while (walker.nextNode()) {
        nodes.push([walker.currentNode, text.length]);
        text += walker.currentNode.data;
    }
    const at = text.indexOf(fragment);
    if (at < 0) return null;
    const left = (offset, length) => {
        for (const [node, start] of nodes) {
            if (offset >= start && offset < start + node.data.length) {
                const range = document.createRange();
                range.setStart(node, offset - start);
                range.setEnd(node, offset - start + length);
                return range.getClientRects()[0].left;
            }
        }
        return null;
    };
    const a = at + fragment.indexOf(first);
    const b = at + fragment.indexOf(second);
    return [left(a, first.length), left(b, second.length)];
}"""


def reads_left_to_right(tab, fragment):
    """Whether the fragment's first word is drawn left of its second, as it is written."""
    first, second = fragment.split(" ")[:2]
    positions = tab.evaluate(WORD_POSITIONS, [fragment, first, second])
    assert positions, f"{fragment!r} is not on the page"
    return positions[0] < positions[1]


FRAGMENTS = {
    "footer address": "2333 ZA Leiden",
    "venue address": "2300 RC Leiden",
    "institution": "1 Health Research Lab",
    "host partner": "3 Rivers Health Institute",
    "zone": "CET, UTC+1",
}


@pytest.mark.parametrize("width", [375, 1280])
def test_latin_fragments_keep_their_order_on_arabic_pages(
    reader, site_tree, locales, settings, tmp_path, width
):
    """'2333 ZA Leiden' in the footer, a venue's postcode, an institution or partner whose
    name starts with a number: drawn as written, not 'ZA Leiden 2333'."""
    settings.MEDIA_ROOT = tmp_path
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"postal_address": "Albinusdreef 2\n2333 ZA Leiden"},
    )
    start = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=10)
    event = EventPageFactory(
        parent=site_tree.events,
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="Europe/Amsterdam",
        venue_address="2300 RC Leiden",
        registration_url="https://example.org/register",
    )
    partner = PartnerPageFactory(parent=site_tree.partners, title="3 Rivers Health Institute")
    EventHostPartner.objects.create(page=event, partner=partner)
    EventSpeaker.objects.create(
        page=event, person=PersonFactory(role="", institution="1 Health Research Lab")
    )
    arabic = translate(event, locales["ar"])

    tab = reader().open(arabic.url, width=width)
    tab.screenshot(path=tmp_path / f"event-ar-{width}.png", full_page=True)
    tab.locator("footer").screenshot(path=tmp_path / f"footer-ar-{width}.png")
    assert tab.evaluate("document.documentElement.dir") == "rtl"
    out_of_order = [
        name for name, fragment in FRAGMENTS.items() if not reads_left_to_right(tab, fragment)
    ]
    assert out_of_order == []


JAKARTA_8AM = datetime.datetime(2030, 2, 3, 1, tzinfo=datetime.UTC)  # 02:00 in Amsterdam


def amsterdam_night_event(site_tree):
    """An hour from 02:00 in Amsterdam: 08:00 in Jakarta, the evening before in New York."""
    return EventPageFactory(
        parent=site_tree.events,
        start=JAKARTA_8AM,
        end=JAKARTA_8AM + datetime.timedelta(hours=1),
        time_zone="Europe/Amsterdam",
    )


@pytest.mark.parametrize(
    ("language", "browser_locale", "time", "zone"),
    [
        ("en", "en-US", "08:00", "Western Indonesia Time"),
        ("fr", "fr-FR", "08:00", "heure de l’Ouest indonésien"),
        ("zh-hans", "zh-CN", "08:00", "印度尼西亚西部时间"),
        ("id", "id-ID", "08.00", "Waktu Indonesia Barat"),
        ("ar", "ar-EG", "8:00 ص", "توقيت غرب إندونيسيا"),
    ],
)
def test_your_time_is_in_the_pages_language_and_clock_and_names_the_zone(
    reader, site_tree, locales, settings, tmp_path, language, browser_locale, time, zone
):
    """A reader in Jakarta sees '08:00 in your time zone, Western Indonesia Time'
    (translated, the zone named in the page's language, with the 24-hour clock where the
    language uses it) under a 02:00 Amsterdam event; the zone's identifier in the title."""
    settings.MEDIA_ROOT = tmp_path
    event = amsterdam_night_event(site_tree)
    if language != "en":
        event = translate(event, locales[language])
    tab = reader(timezone_id="Asia/Jakarta", locale=browser_locale).open(event.url, width=375)
    slot = tab.locator(".facts [data-local-time-slot]")
    with translation.override(language):
        sentence = translation.gettext("{time} in your time zone, {zone}")
    assert sentence != "{time} in your time zone, {zone}" or language == "en"
    expected = sentence.format(time=time, zone=zone)
    assert slot.inner_text() == expected
    assert slot.get_attribute("title") == "Asia/Jakarta"
    tab.screenshot(path=tmp_path / f"your-time-{language}.png", full_page=True)


def test_your_time_gives_the_day_when_it_is_another_day_for_the_reader(
    reader, site_tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    event = amsterdam_night_event(site_tree)
    tab = reader(timezone_id="America/New_York", locale="en-US").open(event.url)
    text = tab.locator(".facts [data-local-time-slot]").inner_text()
    assert text == "Sat 2 Feb, 20:00 in your time zone, Eastern Time"


def test_a_reader_in_the_events_own_zone_is_told_so_and_cards_stay_quiet(
    reader, site_tree, settings, tmp_path
):
    """The lines kept beside the event's time are not left as a gap: they say the time is
    the reader's own; a card's line stays free."""
    settings.MEDIA_ROOT = tmp_path
    event = amsterdam_night_event(site_tree)
    browser = reader(timezone_id="Europe/Berlin", locale="de-DE")
    tab = browser.open(event.url)
    text = tab.locator(".facts [data-local-time-slot]").inner_text()
    assert text == "02:00 in your time zone, Central European Time"
    listing = browser.open(site_tree.events.url)
    assert listing.locator(".card--event [data-local-time-slot]").first.inner_text() == ""


@pytest.mark.parametrize(
    ("language", "browser_locale", "expected"),
    [("en", "en-US", "08:00 your time"), ("ar", "ar-EG", "8:00 ص بتوقيتك")],
)
def test_on_cards_your_time_is_short_and_whole_and_the_language_marker_follows_the_times(
    reader, site_tree, locales, settings, tmp_path, language, browser_locale, expected
):
    """A card's line for the reader's time holds the short sentence whole (the zone in
    its title), and an English-only event's "In English" stays on the line of its times,
    never starting a line with its separator."""
    settings.MEDIA_ROOT = tmp_path
    event = amsterdam_night_event(site_tree)
    event.title = "Public lecture: why health knows no borders"
    event.save_revision().publish()
    if language != "en":
        translate(site_tree.home, locales[language])
        index = translate(site_tree.events, locales[language])
    else:
        index = site_tree.events
    tab = reader(timezone_id="Asia/Jakarta", locale=browser_locale).open(index.url, width=375)
    card = tab.locator(".card--event").first
    slot = card.locator("[data-local-time-slot]")
    assert slot.inner_text() == expected
    assert slot.evaluate("e => e.scrollWidth <= e.clientWidth"), "the line is cut"
    assert "(" in slot.get_attribute("title")
    if language != "en":
        # The separator and the marker sit on the line where the times end.
        lines = card.locator(".event-when").evaluate(
            """e => {
                const marker = e.querySelector('.card__language').getBoundingClientRect();
                const zone = e.querySelector('.tz').getBoundingClientRect();
                return [marker.top, zone.top];
            }"""
        )
        assert abs(lines[0] - lines[1]) < 4, lines
    tab.screenshot(path=tmp_path / f"card-{language}.png")
