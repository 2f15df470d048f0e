"""The public pages in Chromium: they render, work without third parties, and pass axe."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.factories import ImageFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = ImageFactory()
    start = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=3)
    partner = PartnerPageFactory(parent=site_tree.partners, featured=True)
    series = LectureSeriesPageFactory(
        parent=site_tree.events,
        hero_image=image,
        title="Introduction to cutting-edge immunology: from chemistry to metabolism, online",
    )
    event = EventPageFactory(
        parent=series,
        start=start,
        end=start + datetime.timedelta(hours=2),
        hero_image=image,
        format="online",
        online_url="https://meet.example.org/x",
    )
    article = NewsPageFactory(parent=site_tree.news, hero_image=image, hero_alt_text="Students")
    return [
        site_tree.home,
        site_tree.news,
        article,
        site_tree.events,
        series,
        event,
        site_tree.partners,
        partner,
    ]


def test_pages_render_in_chromium_without_third_parties_or_axe_violations(browser, pages):
    axe = Axe()
    for page in pages:
        for width in (375, 1280):
            tab = browser.open(page.url, width=width)
            assert tab.locator("h1").count() == 1, page.url
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (page.url, width, "scrolls sideways")
            results = axe.run(tab)
            violations = [
                (v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]
            ]
            assert violations == [], (page.url, width, violations, tab.content()[:3000])
            tab.close()
    assert browser.third_party == []
    assert browser.console_errors == []


def test_search_and_filters_work_with_the_keyboard(browser, pages):
    tab = browser.open("/en/events/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.className") == "skip-link"
    tab.fill("#site-search-q", "Lecture")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/en/search/?q=Lecture")
    assert tab.locator(".search-results li").count() >= 1


def test_reader_switches_language_through_the_switcher(browser, site_tree, locales, tmp_path):
    for code in ("fr", "ar", "zh-hans"):
        home = site_tree.home.copy_for_translation(locales[code])
        home.hero_heading = {
            "fr": "La santé sans frontières",
            "ar": "الصحة بلا حدود",
            "zh-hans": "健康无国界",
        }[code]
        home.save_revision().publish()

    tab = browser.open("/en/")
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "en",
        "ltr",
    ]

    tab.locator(".language-switcher summary").click()
    tab.locator('.language-switcher a[hreflang="fr"]').click()
    tab.wait_for_url("**/fr/")
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "fr",
        "ltr",
    ]
    assert tab.locator("h1").inner_text() == "La santé sans frontières"
    assert "django_language=fr" in tab.evaluate("document.cookie")

    tab.locator(".language-switcher summary").click()
    tab.locator('.language-switcher a[hreflang="ar"]').click()
    tab.wait_for_url("**/ar/")
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    # Right to left: the brand sits at the right edge, the search form to its left.
    brand = tab.locator(".brand").bounding_box()
    search = tab.locator(".site-search").bounding_box()
    assert brand["x"] > search["x"]
    tab.screenshot(path=str(tmp_path / "home-ar.png"), full_page=True)
    tab.goto("/zh-hans/")
    assert tab.locator("h1").inner_text() == "健康无国界"
    tab.screenshot(path=str(tmp_path / "home-zh-hans.png"), full_page=True)
    assert browser.third_party == []
