"""Light pages for phones on slow links: first load under 300 KB, small CSS and JS,
images sized and lazy below the fold, an eager hero, nothing that shifts."""

import gzip

import pytest
from django.contrib.staticfiles import finders

from tests.test_browser import pages, translated  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db

FIRST_LOAD_BUDGET = 300 * 1024
ASSET_BUDGET = 30 * 1024

LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 300);
})"""

IMAGES = """() => [...document.querySelectorAll('main img')].map(img => ({
    src: img.currentSrc, width: img.getAttribute('width'), height: img.getAttribute('height'),
    loading: img.getAttribute('loading'), priority: img.getAttribute('fetchpriority'),
    sizes: img.closest('picture')?.querySelector('source')?.getAttribute('sizes')
        || img.getAttribute('sizes'),
    hero: !!img.closest('.hero, .hero-image, .hero__image'),
}))"""


ASSETS = ["css/site.css", "js/site.js", "css/embed.css", "js/embed-events.js"]


@pytest.mark.parametrize("name", ASSETS)
def test_stylesheets_and_scripts_are_small_once_compressed(name):
    with open(finders.find(name), "rb") as file:
        assert len(gzip.compress(file.read())) < ASSET_BUDGET


@pytest.mark.parametrize("language", ["en", "ar"])
def test_first_load_on_a_phone_is_light_and_stable(browser, pages, locales, language):  # noqa: F811
    if language != "en":
        pages = translated(pages, locales[language])
    for page in pages:
        browser.served.clear()
        tab = browser.open(page.url, width=375)
        tab.wait_for_load_state("networkidle")
        total = sum(size for _path, size in browser.served)
        assert total < FIRST_LOAD_BUDGET, (page.url, total, browser.served)
        assert tab.evaluate(LAYOUT_SHIFT) < 0.01, page.url

        for image in tab.evaluate(IMAGES):
            assert image["width"] and image["height"], (page.url, image)
            assert image["sizes"], (page.url, image)
            if image["hero"]:
                assert image["loading"] != "lazy" and image["priority"] == "high", image
            else:
                assert image["loading"] == "lazy", (page.url, image)
        tab.close()
