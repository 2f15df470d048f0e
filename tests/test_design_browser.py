"""The design in Chromium: a compact phone header whose menu, search and language panels
open by keyboard and without JavaScript, listings whose pictures share one size, grids
that leave no card alone, partner logos shown whole, dark mode and print."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.factories import ImageFactory, TopicFactory
from events.factories import EventPageFactory
from partners.factories import PartnerPageFactory
from tests.browser import ORIGIN, Browser, wait_until
from tests.test_browser import axe_violations, pages, translated  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

HEADER_BUDGET = 72  # CSS pixels at 375 px


def visible(tab, selector):
    return tab.locator(selector).first.is_visible()


@pytest.fixture
def menu_pages(pages):  # noqa: F811
    """The site with its sections in the main menu, as the demo and real sites have it."""
    for page in pages[1:]:
        if page.depth == pages[0].depth + 1:
            page.show_in_menus = True
            page.save_revision().publish()
    return pages


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_the_phone_header_is_one_compact_row(browser, menu_pages, locales, language):
    if language != "en":
        menu_pages = translated(menu_pages, locales[language])
    for page in menu_pages:
        tab = browser.open(page.url, width=375)
        height = tab.locator(".site-header").bounding_box()["height"]
        assert height <= HEADER_BUDGET, (page.url, height)
        # Search, language and menu are buttons; the navigation waits behind "Menu".
        assert not visible(tab, ".main-nav") and not visible(tab, ".site-menu__list")
        assert visible(tab, ".site-search-panel summary") and not visible(tab, "#site-search-q")
        switcher = tab.locator(".language-switcher summary")
        assert switcher.locator("svg.icon:not(.chevron)").count() == 1  # the globe
        assert switcher.locator(f'[lang="{language}"]').inner_text().strip()
        tab.close()


def test_the_wide_header_shows_navigation_and_search_in_place(browser, menu_pages):
    tab = browser.open("/en/", width=1280)
    assert visible(tab, ".main-nav") and visible(tab, "#site-search-q")
    assert not visible(tab, ".site-menu") and not visible(tab, ".site-search-panel")
    assert tab.locator(".main-nav a").count() == 3


def test_the_menu_opens_and_closes_with_the_keyboard(browser, menu_pages):
    tab = browser.open("/en/", width=375)
    tab.focus(".site-menu summary")
    tab.keyboard.press("Enter")
    assert visible(tab, ".site-menu__list")
    # The focus moves on into the menu's links, in reading order, and is not held there.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.site-menu__list') !== null")
    for _link in range(3):
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.site-header') === null")
    # Escape closes it and gives the focus back to its button.
    tab.focus(".site-menu summary")
    tab.keyboard.press("Escape")
    assert not visible(tab, ".site-menu__list")
    assert tab.evaluate("document.activeElement.matches('.site-menu summary')")
    # Enter opens it again, Enter again closes it.
    tab.keyboard.press("Enter")
    assert visible(tab, ".site-menu__list")
    tab.keyboard.press("Enter")
    assert not visible(tab, ".site-menu__list")


def test_opening_one_header_panel_closes_the_other(browser, menu_pages):
    tab = browser.open("/en/", width=375)
    tab.click(".site-menu summary")
    tab.click(".language-switcher summary")
    assert visible(tab, ".language-switcher__list") and not visible(tab, ".site-menu__list")
    tab.click(".site-search-panel summary")
    # The search panel puts the cursor in its field.
    assert wait_until(tab, "document.activeElement.id === 'site-search-panel-q'", timeout=2)


def test_menu_search_and_languages_work_without_javascript(chromium, client, menu_pages):
    session = Browser(chromium, client, java_script_enabled=False)
    try:
        tab = session.open("/en/", width=375)
        tab.click(".site-menu summary")
        assert visible(tab, ".site-menu__list")
        tab.click(".site-menu summary")
        assert not visible(tab, ".site-menu__list")
        tab.click(".site-search-panel summary")
        tab.fill("#site-search-panel-q", "immunology")
        tab.press("#site-search-panel-q", "Enter")
        tab.wait_for_url("**/en/search/?q=immunology")
        tab.click(".language-switcher summary")
        assert tab.locator(".language-switcher__list a").first.is_visible()
    finally:
        session.context.close()


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_open_panels_pass_axe_on_every_page_type(browser, menu_pages, locales, language):
    if language != "en":
        menu_pages = translated(menu_pages, locales[language])
    axe = Axe()
    tab = browser.open(menu_pages[0].url, width=375)
    for panel in (".site-menu", ".language-switcher", ".site-search-panel"):
        tab.click(f"{panel} summary")
        assert axe_violations(axe, tab) == [], (language, panel)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (language, panel)
    # The menu marks the section a page is in: open on every page type.
    for page in menu_pages[1:]:
        tab = browser.open(page.url, width=375)
        tab.click(".site-menu summary")
        assert visible(tab, ".site-menu__list")
        assert axe_violations(axe, tab) == [], (language, page.url)
        tab.close()
    # At desktop width the navigation is in place; the languages open as a list.
    tab = browser.open(menu_pages[-1].url, width=1280)
    tab.click(".language-switcher summary")
    assert visible(tab, ".language-switcher__list")
    assert axe_violations(axe, tab) == [], (language, "languages at 1280 px")


def test_dark_mode_passes_axe(chromium, client, pages):  # noqa: F811
    session = Browser(chromium, client, color_scheme="dark")
    try:
        axe = Axe()
        for page in pages:
            for width in (375, 1280):
                tab = session.open(page.url, width=width)
                background = tab.evaluate(
                    "getComputedStyle(document.documentElement).backgroundColor"
                )
                assert background != "rgb(255, 255, 255)", "dark mode is not applied"
                assert axe_violations(axe, tab) == [], (page.url, width)
                tab.close()
    finally:
        session.context.close()


MEDIA_BOXES = """() => [...document.querySelectorAll('.cards .card__media')].map(el => {
    const box = el.getBoundingClientRect(); return [Math.round(box.width), Math.round(box.height)];
})"""


@pytest.mark.parametrize("width", [375, 800, 1280])
def test_pictures_in_a_listing_share_one_size(browser, site_tree, settings, tmp_path, width):
    settings.MEDIA_ROOT = tmp_path
    start = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=2)
    pictures = [
        ImageFactory(file__width=2000, file__height=1200),
        ImageFactory(file__width=600, file__height=900),  # portrait
        ImageFactory(file__width=1200, file__height=300),  # a banner
        None,  # no picture: a drawn placeholder
    ]
    for number, picture in enumerate(pictures):
        EventPageFactory(
            parent=site_tree.events,
            hero_image=picture,
            start=start + datetime.timedelta(days=number),
            end=start + datetime.timedelta(days=number, hours=2),
            summary="A summary of a length that wraps onto more than one line on a phone.",
        )
    tab = browser.open(site_tree.events.url, width=width)
    tab.wait_for_load_state("networkidle")
    boxes = tab.evaluate(MEDIA_BOXES)
    assert len(boxes) == 4
    assert len({tuple(box) for box in boxes}) == 1, boxes
    assert boxes[0][0] > 0 and boxes[0][1] > 0
    # The text columns start at one place.
    starts = tab.evaluate(
        "[...document.querySelectorAll('.cards .card__body')]"
        ".map(el => Math.round(el.getBoundingClientRect().left))"
    )
    assert len(set(starts)) == 1, starts
    assert tab.locator(".card__placeholder svg").count() == 1


def card_grid(count):
    cards = "".join(
        f'<article class="card"><div class="card__media card__placeholder"></div>'
        f'<div class="card__body"><h3 class="card__title"><a href="#">Card {n}</a></h3>'
        f"</div></article>"
        for n in range(count)
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" '
        f'href="{ORIGIN}/static/css/site.css"></head><body><main><div class="cards">'
        f"{cards}</div></main></body></html>"
    )


ROWS = """() => {
    const rows = {};
    for (const card of document.querySelectorAll('.cards > .card')) {
        const top = Math.round(card.getBoundingClientRect().top);
        rows[top] = (rows[top] || 0) + 1;
    }
    return Object.keys(rows).sort((a, b) => a - b).map(top => rows[top]);
}"""


@pytest.mark.parametrize("width", [800, 1280])
def test_a_grid_never_leaves_a_card_alone_on_its_last_row(browser, width):
    for count in range(2, 11):
        url = f"http://grid.example/{count}"
        browser.serve_elsewhere(url, card_grid(count))
        tab = browser.open(url, width=width)
        rows = tab.evaluate(ROWS)
        assert sum(rows) == count
        assert len(rows) > 1 or count <= 3
        assert rows[-1] > 1, (width, count, rows)
        tab.close()


LOGOS = """() => [...document.querySelectorAll('.card--partner')].map(card => {
    const img = card.querySelector('.card__logo'), plate = card.querySelector('.card__logo-plate');
    const box = img.getBoundingClientRect(), frame = plate.getBoundingClientRect();
    const overflowing = [...card.querySelectorAll('*')].filter(
        el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible');
    return {
        inside: box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5
            && box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5,
        shown: box.width / box.height, natural: img.naturalWidth / img.naturalHeight,
        textFits: card.scrollWidth <= card.clientWidth + 1 && overflowing.length === 0,
    };
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_partner_logos_are_shown_whole(browser, site_tree, settings, tmp_path, width):
    settings.MEDIA_ROOT = tmp_path
    shapes = [(1200, 240), (300, 600), (480, 240), (400, 400)]
    for number, (logo_width, logo_height) in enumerate(shapes):
        PartnerPageFactory(
            parent=site_tree.partners,
            title=f"Universidade Federal do Rio Grande do Sul, Faculdade de Medicina {number}",
            logo=ImageFactory(file__width=logo_width, file__height=logo_height),
        )
    tab = browser.open(site_tree.partners.url, width=width)
    tab.wait_for_load_state("networkidle")
    tab.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
    logos = tab.evaluate(LOGOS)
    assert len(logos) == 4
    for logo in logos:
        assert logo["inside"], logo
        assert logo["shown"] == pytest.approx(logo["natural"], rel=0.03), logo
        assert logo["textFits"], logo


def test_an_event_prints_without_navigation_and_with_its_time_and_links(browser, pages):  # noqa: F811
    event = pages[5]
    tab = browser.open(event.url, width=1280)
    tab.emulate_media(media="print")
    assert not visible(tab, ".site-header") and not visible(tab, ".site-footer")
    assert visible(tab, ".facts .event-when time")
    join = tab.locator('.facts a[href^="https://meet.example.org"]')
    after = join.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://meet.example.org/x" in after


SIDE_BY_SIDE = """() => {
    const main = document.querySelector('.article__main').getBoundingClientRect();
    const aside = document.querySelector('.article__aside').getBoundingClientRect();
    return {beside: aside.left >= main.right || aside.right <= main.left,
            above: aside.top < main.bottom};
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_facts_sit_in_a_side_column_from_1024_px_and_below_the_title_on_a_phone(
    browser,
    pages,  # noqa: F811
    locales,
    language,
):
    """The event's, partner's and article's facts beside the text on a wide screen (on
    the left in Arabic), in the text's flow on a phone."""
    article = pages[2]
    article.topics.add(TopicFactory(name="Immunology"))
    article.save_revision().publish()
    if language != "en":
        pages = translated(pages, locales[language])
    for page in (pages[2], pages[5], pages[7]):  # article, event, partner
        wide = browser.open(page.url, width=1024)
        layout = wide.evaluate(SIDE_BY_SIDE)
        assert layout == {"beside": True, "above": True}, (page.url, layout)
        if language == "ar":
            sides = wide.evaluate(
                "[document.querySelector('.article__aside').getBoundingClientRect().left,"
                " document.querySelector('.article__main').getBoundingClientRect().left]"
            )
            assert sides[0] < sides[1], "the side column is on the left in Arabic"
        wide.close()
        phone = browser.open(page.url, width=375)
        assert phone.evaluate(SIDE_BY_SIDE)["beside"] is False, page.url
        phone.close()


def test_an_article_prints_without_navigation_and_with_its_links(browser, pages):  # noqa: F811
    article = pages[2]
    article.body = [
        {
            "type": "paragraph",
            "value": '<p>Read the <a href="https://www.who.int/immunization">WHO page</a>.</p>',
        }
    ]
    article.save_revision().publish()
    tab = browser.open(article.url, width=1280)
    tab.emulate_media(media="print")
    assert not visible(tab, ".site-header") and not visible(tab, ".site-footer")
    assert visible(tab, "h1") and visible(tab, ".article__main")
    link = tab.locator('.article__main a[href="https://www.who.int/immunization"]')
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://www.who.int/immunization" in after


def test_home_sections_link_to_their_full_listings(browser, pages):  # noqa: F811
    tab = browser.open("/en/", width=375)
    more = tab.evaluate(
        "[...document.querySelectorAll('.section__more')].map(a => a.getAttribute('href'))"
    )
    assert more == ["/en/events/", "/en/news/", "/en/partners/"]


FIGURE_ROWS = """() => {
    const rows = {};
    for (const value of document.querySelectorAll('.figure__value')) {
        const box = value.closest('.figure').getBoundingClientRect();
        (rows[Math.round(box.top)] ||= []).push(Math.round(value.getBoundingClientRect().top));
    }
    return Object.values(rows);
}"""


@pytest.mark.parametrize("width", [375, 800, 1280])
def test_key_figures_line_up_and_none_stands_alone(browser, site_tree, width):
    home = site_tree.home
    home.key_figures = [
        ("figure", {"value": value, "label": label})
        for value, label in [
            ("95", "students from partner universities in the first online lecture week"),
            ("18", "partners"),
            ("14", "countries in our partner network, from Brazil to China"),
            ("16", "events"),
            ("23", "peer-reviewed publications by research fellows"),
        ]
    ]
    home.save_revision().publish()
    tab = browser.open(home.url, width=width)
    rows = tab.evaluate(FIGURE_ROWS)
    assert sum(len(row) for row in rows) == 5
    for row in rows:
        assert len(set(row)) == 1, (width, rows)  # numbers on one line, whatever the labels
    assert len(rows) == 1 or len(rows[-1]) > 1, (width, rows)
