"""A reader on a phone searches in Chinese and in Arabic: the pages that hold the word in
a sentence are listed, the word is marked in each snippet, and an English-only page comes
last, marked as English; axe finds nothing to fix."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "zh-hans": [
        ("非洲的疫苗生产既需要工厂，也同样需要人才", "研讨会讨论了疫苗接种与免疫学研究的合作。"),
        ("研讨会：建设非洲疫苗生产能力", "与合作伙伴共同举办的研讨会，讨论疫苗生产。"),
    ],
    "ar": [
        ("مقدمة في علم المناعة المتقدم", "أسبوع من المحاضرات عبر الإنترنت حول المناعة الفطرية."),
        ("ورشة عمل: مناعة الأمراض المدارية", "دروس للباحثين في المناعة."),
    ],
}
QUERIES = {"zh-hans": "疫苗", "ar": "مناعة"}


@pytest.mark.parametrize("code", ["zh-hans", "ar"])
def test_phone_reader_sees_marked_words_and_english_only_pages_last(
    browser, site_tree, locales, code, tmp_path
):
    home = site_tree.home.copy_for_translation(locales[code])
    home.save_revision().publish()
    news = site_tree.news.copy_for_translation(locales[code])
    news.save_revision().publish()
    for title, summary in PAGES[code]:
        NewsPageFactory(parent=news, title=title, summary=summary)
    english_only = {"zh-hans": "Vaccine day 疫苗", "ar": "Immunity week مناعة"}[code]
    NewsPageFactory(parent=site_tree.news, title=english_only, summary="In English only.")

    tab = browser.open(f"/{code}/search/?q={QUERIES[code]}", width=375)
    items = tab.locator(".search-results > li")
    titles = [items.nth(i).locator("h2").inner_text() for i in range(items.count())]
    assert titles[-1] == english_only
    assert sorted(titles[:-1]) == sorted(title for title, _summary in PAGES[code])
    last = items.nth(items.count() - 1)
    assert last.get_attribute("lang") == "en"
    assert last.locator(".card__language").is_visible()
    for i in range(items.count() - 1):
        mark = items.nth(i).locator(".search-results__snippet mark").first
        assert mark.is_visible()
        assert QUERIES[code] in mark.inner_text()
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert tab.evaluate("document.documentElement.dir") == ("rtl" if code == "ar" else "ltr")
    violations = Axe().run(tab).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    shots = Path(os.environ.get("SEARCH_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(shots / f"search-{code}-375.png"), full_page=True)
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.screenshot(path=str(shots / f"search-{code}-1280.png"), full_page=True)
    assert browser.third_party == []
    assert browser.console_errors == []
