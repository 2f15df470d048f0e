"""The public pages in Chromium: they render, work without third parties, and pass axe."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.factories import ImageFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


TRANSLATED_TITLES = {"ar": "الصحة العالمية", "zh-hans": "全球健康"}


@pytest.fixture
def pages(site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = ImageFactory(file__width=2000, file__height=1200)  # large enough for every width
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


def translated(pages, locale):
    """The same pages in another language, published (parents first)."""
    copies = []
    for page in pages:
        copy = page.specific.copy_for_translation(locale, copy_parents=True)
        copy.title = f"{TRANSLATED_TITLES[locale.language_code]} {page.title}"
        copy.save_revision().publish()
        copies.append(copy)
    return copies


def axe_violations(axe, tab):
    results = axe.run(tab)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_every_page_type_passes_axe_at_phone_and_desktop_widths(browser, pages, locales, language):
    """WCAG 2.2 AA as axe-core checks it, in a left-to-right, a right-to-left and a CJK
    language; one h1; nothing scrolls sideways on a phone."""
    if language != "en":
        pages = translated(pages, locales[language])
    home_url = pages[0].url
    urls = [
        *(page.url for page in pages),
        f"{home_url}search/?q=immunology",
        f"{home_url}no-such-page/",
        "/embed/events/?theme=light&locale=" + language,
        "/embed/events/?theme=dark&locale=" + language,
    ]
    axe = Axe()
    for url in urls:
        for width in (375, 1280):
            tab = browser.open(url, width=width)
            if "/embed/" not in url:
                assert tab.locator("h1").count() == 1, url
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (url, width, "scrolls sideways")
            assert axe_violations(axe, tab) == [], (url, width, tab.content()[:3000])
            tab.close()
    assert browser.third_party == []
    assert [e for e in browser.console_errors if "404" not in e] == []


def test_the_server_error_page_passes_axe(browser):
    from django.template.loader import render_to_string

    browser.serve_elsewhere("http://localhost/500", render_to_string("500.html"))
    tab = browser.open("http://localhost/500", width=375)
    assert tab.locator("h1").count() == 1
    assert axe_violations(Axe(), tab) == []


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
    search = tab.locator(".site-search--inline").bounding_box()
    assert brand["x"] > search["x"]
    tab.screenshot(path=str(tmp_path / "home-ar.png"), full_page=True)
    tab.goto("/zh-hans/")
    assert tab.locator("h1").inner_text() == "健康无国界"
    tab.screenshot(path=str(tmp_path / "home-zh-hans.png"), full_page=True)
    assert browser.third_party == []


FOCUSED_STYLE = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 40),
            visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def test_every_control_shows_where_the_keyboard_is(browser, pages):
    tab = browser.open("/en/events/")
    seen = []
    for _press in range(25):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED_STYLE)
        if focused["tag"] == "BODY":
            break
        seen.append(focused)
    assert len(seen) >= 10
    assert [f for f in seen if not f["visible"]] == []


def tab_to(tab, reached, presses=20):
    """Press Tab until the JavaScript condition `reached` holds, as a keyboard user would."""
    for _press in range(presses):
        tab.keyboard.press("Tab")
        if tab.evaluate(reached):
            return
    raise AssertionError(f"never reached by tabbing: {reached}")


def test_menu_language_switcher_and_filters_work_with_the_keyboard_alone(browser, pages, locales):
    translated(pages[:1], locales["ar"])
    events = pages[3]
    events.show_in_menus = True
    events.save_revision().publish()
    tab = browser.open("/en/", width=375)
    # The main menu: reach its button by tabbing, open it with Enter, follow "Events".
    tab_to(tab, "document.activeElement.closest('.site-menu') !== null")
    tab.keyboard.press("Enter")
    tab_to(tab, "document.activeElement.closest('.site-menu__list') !== null")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/en/events/")

    # A filter: choose a format with the arrow keys, tab to the button, press Enter.
    tab.focus("#id_format")
    tab.keyboard.press("ArrowDown")
    tab_to(tab, "document.activeElement.type === 'submit'")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/en/events/?*format=*")

    # The language switcher: open it with Enter, move to Arabic, follow it.
    tab.focus(".language-switcher summary")
    tab.keyboard.press("Enter")
    tab_to(tab, "document.activeElement.getAttribute('hreflang') === 'ar'")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/ar/")
    assert tab.evaluate("document.documentElement.dir") == "rtl"


def test_nothing_moves_for_readers_who_ask_for_reduced_motion(browser, pages):
    tab = browser.open("/en/")
    tab.emulate_media(reduced_motion="reduce")
    moving = tab.evaluate(
        """() => [...document.querySelectorAll('*')].filter(el => {
            const s = getComputedStyle(el);
            return parseFloat(s.transitionDuration) > 0 || parseFloat(s.animationDuration) > 0
                || s.scrollBehavior === 'smooth';
        }).map(el => el.tagName + '.' + el.className)"""
    )
    assert moving == []
