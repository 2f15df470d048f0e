"""What partners' webmasters paste works as pasted: every URL and snippet in
docs/embedding.md, and every snippet the admin's builder and the partner pages give,
loaded in Chromium from a page on another origin, in the chosen language, never clipped."""

import datetime
import html
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from core.factories import TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from partners.factories import PartnerPageFactory
from tests.browser import ORIGIN, wait_until

pytestmark = pytest.mark.django_db

DOCS = Path(settings.BASE_DIR) / "docs" / "embedding.md"
DOCS_HOST = "https://events.example.org"
ELSEWHERE = "http://127.0.0.1:8765"
NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
WIDTHS = (375, 1280)
SHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or tempfile.gettempdir()) / "shots-embed"

SUMMARY = (
    "Researchers from our partner universities present their latest work on immune "
    "responses in tuberculosis and HIV, followed by questions from students and a short "
    "discussion of the next steps of the collaboration."
)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def programme(frozen, site_tree, locales):
    """Events for every filter value the docs show, with the slugs the docs use (those of
    the demo content)."""
    makerere = PartnerPageFactory(
        parent=site_tree.partners, title="Makerere University", slug="makerere-university"
    )
    coimbra = PartnerPageFactory(
        parent=site_tree.partners, title="University of Coimbra", slug="university-of-coimbra"
    )
    series = LectureSeriesPageFactory(
        parent=site_tree.events,
        title="Introduction to Cutting-edge Immunology",
        slug="introduction-to-cutting-edge-immunology",
    )
    topic = TopicFactory(slug="immunology", name="Immunology")
    formats = ["in_person", "online", "hybrid"]
    made = []
    for n in range(12):
        start = NOW + datetime.timedelta(days=3 + n, hours=n % 5)
        kind = formats[n % 3]
        made.append(
            EventPageFactory(
                parent=series if n % 2 else site_tree.events,
                title=f"Immune responses in people living with tuberculosis and HIV, part {n + 1}",
                summary=SUMMARY,
                start=start,
                end=start + datetime.timedelta(hours=2),
                format=kind,
                online_url="" if kind == "in_person" else "https://meet.example.org/immunology",
                venue_name="" if kind == "online" else "Lecture hall 1",
                city="" if kind == "online" else "Kampala",
                country="" if kind == "online" else "UG",
            )
        )
    past = EventPageFactory(
        parent=series,
        title="Opening lecture of last year's immunology week",
        summary=SUMMARY,
        start=NOW - datetime.timedelta(days=30),
        end=NOW - datetime.timedelta(days=30, hours=-2),
    )
    coimbra_event = EventPageFactory(
        parent=site_tree.events,
        title="Core facilities meeting in Coimbra",
        summary=SUMMARY,
        start=datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2027, 3, 10, 17, tzinfo=datetime.UTC),
    )
    for page in [*made, past, coimbra_event]:
        EventHostPartner.objects.create(page=page, partner=makerere)
        page.topics.add(topic)
        page.save_revision().publish()
    EventHostPartner.objects.create(page=coimbra_event, partner=coimbra)
    coimbra_event.save_revision().publish()
    return {"events": made, "partner": makerere, "series": series, "coimbra": coimbra_event}


def code_blocks(text):
    return re.findall(r"```(\w*)\n(.*?)```", text, flags=re.DOTALL)


def docs_text():
    return DOCS.read_text()


def docs_blocks():
    return code_blocks(docs_text())


def on_this_site(text, programme):
    """The docs' placeholders replaced: the programme's address and an event's id."""
    text = text.replace(DOCS_HOST, ORIGIN).replace("webcal://events.example.org", ORIGIN)
    return text.replace("<id>", str(programme["events"][0].pk))


def docs_urls(programme):
    """Every address in the docs outside the HTML to paste: lines of the other code blocks
    (paths are on the programme's address) and addresses quoted in the text."""
    urls = [
        line.strip()
        for language, block in docs_blocks()
        if language != "html"
        for line in block.splitlines()
        if line.strip()
    ]
    urls += re.findall(r"`((?:https|webcal)://events\.example\.org/[^`\s]*)`", docs_text())
    for language, block in docs_blocks():
        if language == "html":
            urls += map(html.unescape, re.findall(rf'"({re.escape(DOCS_HOST)}/[^"]*)"', block))
    urls = [on_this_site(url, programme) for url in urls]
    return sorted({ORIGIN + url if url.startswith("/") else url for url in urls})


def docs_table_values():
    """(parameter, value) for every value the docs' attribute table shows."""
    pairs = []
    for row in re.findall(r"^\| `data-([a-z]+)` \| (.*?) \|", DOCS.read_text(), flags=re.M):
        name, values = row
        pairs += [(name, value) for value in re.findall(r"`([^`]+)`", values)]
    return pairs


def partner_page_with(snippet):
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>'
        "<style>body{margin:0 auto;max-width:60rem;padding:1rem;font:16px sans-serif}</style>"
        f"</head><body><h1>Our partners' events</h1>{snippet}<p>After the listing.</p>"
        "</body></html>"
    )


def shoot(tab, name):
    """The whole page with its frames painted (a full-page capture leaves frames below the
    first screen blank): the window made as tall as the page first."""
    width = tab.viewport_size["width"]
    height = tab.evaluate("document.documentElement.scrollHeight")
    tab.set_viewport_size({"width": width, "height": min(height, 8000)})
    tab.wait_for_timeout(300)
    tab.screenshot(path=SHOTS / name)


def listing_frames(tab):
    return [frame for frame in tab.frames if urlsplit(frame.url).path == "/embed/events/"]


def assert_fits(frame, resized=True):
    """The frame is at least as tall as its listing: no inner scrollbar, nothing clipped.
    Gives the listing's height and the frame's."""
    fits = (
        "document.documentElement.scrollHeight <= window.innerHeight + 1 && "
        "document.documentElement.clientWidth === window.innerWidth"
    )
    if resized:  # the page's script sets the height once the listing has told it
        wait_until(frame, fits)
    content = frame.evaluate("document.documentElement.scrollHeight")
    inner = frame.evaluate("window.innerHeight")
    assert frame.evaluate(fits), (frame.url, content, inner)
    return content, inner


def open_pasted(browser, snippet, width, name="partner"):
    """The snippet pasted into a page on another origin, its listings loaded."""
    url = f"{ELSEWHERE}/{name}-{width}.html"
    browser.serve_elsewhere(url, partner_page_with(snippet))
    tab = browser.open(url, width=width)
    count = snippet.count("<iframe") + snippet.count("<div data-events-embed")
    tab.wait_for_function(f"document.querySelectorAll('iframe').length === {count}")
    for element in tab.query_selector_all("iframe"):
        element.scroll_into_view_if_needed()
    frames = []
    for _ in range(100):
        frames = listing_frames(tab)
        if len(frames) == count:
            break
        tab.wait_for_timeout(100)
    assert len(frames) == count, [f.url for f in tab.frames]
    for frame in frames:
        frame.wait_for_selector(".event", state="attached")
    tab.evaluate("window.scrollTo(0, 0)")
    return tab, frames


@pytest.fixture(autouse=True)
def _shots():
    SHOTS.mkdir(exist_ok=True)


def test_every_address_in_the_docs_answers_and_shows_events_from_another_origin(browser, programme):
    urls = docs_urls(programme)
    kinds = {urlsplit(url).path for url in urls}
    assert {"/embed/events/", "/embed/events.js", "/feeds/events.ics", "/feeds/news.xml"} <= kinds
    assert any(path.startswith("/api/v2/events/") for path in kinds)
    browser.serve_elsewhere(f"{ELSEWHERE}/blank.html", partner_page_with(""))
    tab = browser.open(f"{ELSEWHERE}/blank.html")
    for url in urls:
        answer = tab.evaluate(
            "async (url) => { const r = await fetch(url);"
            " return {status: r.status, body: await r.text()}; }",
            url,
        )
        assert answer["status"] == 200, (url, answer["body"][:200])
        path = urlsplit(url).path
        if path == "/embed/events/":
            assert BeautifulSoup(answer["body"], "html.parser").select(".event"), url
        elif path.endswith(".ics"):
            assert icalendar.Calendar.from_ical(answer["body"]).walk("VEVENT"), url
        elif path.startswith("/api/v2/events/"):
            assert '"title"' in answer["body"], url
            assert '"items": []' not in answer["body"].replace(" ", " "), url
    assert browser.third_party == []


def test_every_value_the_docs_show_works(client, programme):
    pairs = docs_table_values()
    names = {name for name, _ in pairs}
    assert names >= {"locale", "partner", "series", "topic", "format", "past", "theme"}
    for name, value in pairs:
        if name == "limit":
            value = value.split(" to ")[-1]
        response = client.get("/embed/events/", {name: value})
        assert response.status_code == 200, (name, value, response.content[:200])
        assert b'class="event' in response.content, (name, value)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_snippet_in_the_docs_works_as_pasted_and_is_not_clipped(browser, programme, width):
    snippets = [block for language, block in docs_blocks() if language == "html"]
    assert len(snippets) >= 2
    for number, snippet in enumerate(snippets):
        pasted = snippet.replace(DOCS_HOST, ORIGIN)
        tab, frames = open_pasted(browser, pasted, width, name=f"docs-{number}")
        for frame in frames:
            assert_fits(frame)
            query = dict(parse_qsl(urlsplit(frame.url).query))
            assert frame.evaluate("document.documentElement.lang") == query["locale"]
            element = frame.frame_element()
            with translation.override(query["locale"]):
                assert element.get_attribute("title") == gettext("Events")
        shoot(tab, f"docs-{number}-{width}.png")
        tab.close()
    assert browser.console_errors == []
    assert browser.third_party == []


def builder_snippets(admin_client, choice):
    """The code the builder gives for these choices (the rest as the form starts)."""
    query = {"locale": "en", "theme": "light", "layout": "full", "limit": "10", **choice}
    response = admin_client.get("/admin/embed-builder/", query)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return {
        kind: page.select_one(f"#embed-{kind}-code").get_text()
        for kind in ("script", "iframe", "subscribe")
    }


BUILDER_CHOICES = [
    *({"locale": code, "partner": "makerere-university"} for code, _ in settings.LANGUAGES),
    {"locale": "fr", "series": "introduction-to-cutting-edge-immunology", "theme": "dark"},
    {"locale": "ar", "layout": "compact", "limit": "12", "accent": "#7a1f5c"},
    {"locale": "zh-hans", "theme": "dark", "layout": "compact", "limit": "3"},
]


def test_builder_snippets_are_in_the_chosen_language(admin_client, programme):
    for choice in BUILDER_CHOICES:
        snippets = builder_snippets(admin_client, choice)
        with translation.override(choice["locale"]):
            title = gettext("Events")
        script = BeautifulSoup(snippets["script"], "html.parser")
        iframe = BeautifulSoup(snippets["iframe"], "html.parser")
        assert script.select_one("div[data-events-embed] a").get_text() == title, choice
        assert iframe.select_one("iframe")["title"] == title, choice
        assert iframe.select_one("script[src$='/embed/events.js']"), choice
    french = builder_snippets(admin_client, {"locale": "fr"})
    assert 'title="Événements"' in french["iframe"]
    assert ">Événements</a>" in french["script"]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_builder_snippet_works_as_pasted_on_another_origin(
    browser, admin_client, programme, width
):
    for number, choice in enumerate(BUILDER_CHOICES):
        snippets = builder_snippets(admin_client, choice)
        for kind in ("script", "iframe"):
            pasted = snippets[kind].replace("http://testserver", ORIGIN)
            tab, (frame,) = open_pasted(browser, pasted, width, name=f"builder-{number}-{kind}")
            assert_fits(frame)
            assert frame.evaluate("document.documentElement.lang") == choice["locale"]
            if choice.get("theme") == "dark":
                assert "theme-dark" in frame.evaluate("document.documentElement.className")
            if choice["locale"] in ("ar", "zh-hans", "fr") and kind == "iframe":
                shoot(tab, f"builder-{choice['locale']}-{width}.png")
            tab.close()
    assert browser.console_errors == []
    assert browser.third_party == []


def test_iframe_without_its_script_line_still_shows_every_event_on_a_phone(
    browser, admin_client, programme
):
    for query in ({"locale": "en"}, {"locale": "ar", "layout": "compact", "limit": "12"}):
        snippets = builder_snippets(admin_client, query)
        alone = snippets["iframe"].split("\n")[0].replace("http://testserver", ORIGIN)
        assert alone.startswith("<iframe") and "<script" not in alone
        tab, (frame,) = open_pasted(browser, alone, 375, name=f"alone-{query['locale']}")
        assert_fits(frame, resized=False)
        tab.close()


def test_partner_page_gives_code_in_its_language_with_copy_buttons(browser, programme, locales):
    partner = programme["partner"]
    french = partner.copy_for_translation(locales["fr"], copy_parents=True)
    french.save_revision().publish()
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = browser.open(french.url, width=375)
    tab.locator("details.embed-codes, .embed-codes details").first.locator("summary").click()
    iframe_code = tab.locator("#embed-iframe-code").inner_text()
    script_code = tab.locator("#embed-script-code").inner_text()
    assert 'title="Événements"' in iframe_code
    assert ">Événements</a>" in script_code
    buttons = tab.locator("button[data-copy]")
    assert buttons.count() == 2
    buttons.nth(1).click()
    tab.wait_for_function("document.querySelector('[data-copy-status]:not(:empty)') !== null")
    assert tab.evaluate("navigator.clipboard.readText()") == iframe_code
    shoot(tab, "partner-fr-375.png")
    assert browser.console_errors == []
    # What was copied works as pasted on the partner's own site.
    pasted = html.unescape(iframe_code)
    other, (frame,) = open_pasted(browser, pasted, 375, name="copied")
    assert_fits(frame)
    assert frame.evaluate("document.documentElement.lang") == "fr"


def test_builder_preview_updates_when_any_field_changes(browser, admin_client, programme):
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = browser.open("/admin/embed-builder/", width=1280)
    preview = tab.frame_locator(".embed-preview iframe")
    preview.locator(".event").first.wait_for()
    tab.select_option("#id_locale", "fr")
    tab.wait_for_function(
        "() => document.querySelector('.embed-preview iframe').src.includes('locale=fr')"
    )
    assert tab.locator(".embed-preview iframe").get_attribute("title") == "Événements"
    assert preview.locator("html").get_attribute("lang") == "fr"
    tab.fill("#id_limit", "3")
    tab.wait_for_function(
        "() => document.querySelector('.embed-preview iframe').src.includes('limit=3')"
    )
    assert preview.locator(".event").count() == 3
    (frame,) = listing_frames(tab)
    assert_fits(frame)
    assert "limit=3" in tab.locator("#embed-iframe-code").input_value()
    # Focus stays where the editor is typing.
    assert tab.evaluate("document.activeElement.id") == "id_limit"
    tab.locator("button[data-copy='embed-script-code']").click()
    assert (
        tab.evaluate("navigator.clipboard.readText()")
        == tab.locator("#embed-script-code").input_value()
    )
    shoot(tab, "builder-admin-fr-1280.png")
    # The admin's own avatar (Gravatar) is refused by its policy; nothing else may fail.
    assert [error for error in browser.console_errors if "gravatar.com" not in error] == []
