"""A partner's page on another origin embeds our events twice, in two languages."""

import datetime

import pytest

from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

PARTNER_PAGE = "http://127.0.0.1:8765/partner.html"
PARTNER_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Makerere University</title></head>
<body>
<h1>Events with our partners</h1>
<div data-events-embed data-locale="fr" data-partner="makerere" data-theme="dark">
  <a href="http://localhost/embed/events/?locale=fr&partner=makerere">Events</a>
</div>
<p>Between the two listings.</p>
<div data-events-embed data-locale="en" data-series="immunology-week" data-layout="compact"></div>
<script src="http://localhost/embed/events.js" async></script>
</body></html>"""


@pytest.fixture
def embedded_events(site_tree, locales):
    start = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=2)
    partner = PartnerPageFactory(parent=site_tree.partners, slug="makerere", country="UG")
    series = LectureSeriesPageFactory(parent=site_tree.events, slug="immunology-week")
    hosted = EventPageFactory(
        parent=site_tree.events,
        title="Kampala workshop",
        start=start,
        end=start + datetime.timedelta(hours=3),
    )
    EventHostPartner.objects.create(page=hosted, partner=partner)
    french = hosted.copy_for_translation(locales["fr"], copy_parents=True)
    french.title = "Atelier à Kampala"
    french.save_revision().publish()
    for day in range(5):
        when = start + datetime.timedelta(days=day)
        EventPageFactory(
            parent=series,
            title=f"Session {day + 1}",
            start=when,
            end=when + datetime.timedelta(hours=1),
            format="online",
            online_url="https://meet.example.org/x",
        )


def test_two_embeds_on_another_origin_show_their_events_in_their_language(browser, embedded_events):
    browser.serve_elsewhere(PARTNER_PAGE, PARTNER_HTML)
    tab = browser.open(PARTNER_PAGE, width=900)
    tab.wait_for_function(
        "[...document.querySelectorAll('iframe')].length === 2 && "
        "[...document.querySelectorAll('iframe')].every(f => f.style.height !== '320px')"
    )
    frames = [frame for frame in tab.frames if "/embed/events/" in frame.url]
    assert len(frames) == 2
    by_locale = {frame.evaluate("document.documentElement.lang"): frame for frame in frames}
    assert set(by_locale) == {"fr", "en"}

    french = by_locale["fr"]
    assert french.locator(".event__title").all_inner_texts() == ["Atelier à Kampala"]
    assert french.evaluate("document.documentElement.className").startswith("theme-dark")
    english = by_locale["en"]
    assert english.locator(".event__title").all_inner_texts() == [
        f"Session {n}" for n in range(1, 6)
    ]

    for frame in frames:
        # The parent gave each frame its full height: nothing scrolls inside.
        assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
        element = frame.frame_element()
        assert element.evaluate("f => f.getAttribute('scrolling')") == "no"
    assert browser.console_errors == []
    assert browser.third_party == []


def test_embedded_listing_passes_axe_in_both_themes(browser, embedded_events):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for query in ("locale=fr&partner=makerere&theme=dark", "locale=ar&series=immunology-week"):
        tab = browser.open(f"/embed/events/?{query}", width=375)
        violations = [v["id"] for v in axe.run(tab).response["violations"]]
        assert violations == [], (query, violations)
        tab.close()
    assert browser.console_errors == []


SCRIPT_FIRST_HTML = """<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Universidad</title>
<script src="http://localhost/embed/events.js"></script></head>
<body>
<h1>Eventos</h1>
<div data-events-embed data-locale="fr" data-partner="makerere"></div>
</body></html>"""


def test_the_script_pasted_before_the_listings_still_shows_them(browser, embedded_events):
    """Pasted once "anywhere": in the head, it runs before the listings below it arrive."""
    browser.serve_elsewhere(PARTNER_PAGE, SCRIPT_FIRST_HTML)
    tab = browser.open(PARTNER_PAGE, width=900)
    tab.wait_for_function(
        "document.querySelector('iframe[data-events-embed-frame]') &&"
        " document.querySelector('iframe').style.height !== '320px'"
    )
    [frame] = [frame for frame in tab.frames if "/embed/events/" in frame.url]
    assert frame.locator(".event__title").all_inner_texts() == ["Atelier à Kampala"]
    assert browser.console_errors == []
