"""An editor corrects a published article in Wagtail's editor, in Chromium: readers see
the correction at once wherever the article showed, and pages that never showed it are
still served from the cache."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory
from tests.browser import Browser

pytestmark = pytest.mark.django_db


def read(reader, url):
    """(X-Cache, text of the page's main part) for an anonymous reader."""
    page = reader.context.new_page()
    response = page.goto(url)
    shown = (response.headers.get("x-cache"), page.locator("main").inner_text())
    page.close()
    return shown


def test_an_editors_correction_reaches_every_page_that_showed_the_article(
    admin_client, browser, chromium, site_tree, tmp_path
):
    article = NewsPageFactory(parent=site_tree.news, title="Vaccine week opens on Monday")
    unrelated = PartnerPageFactory(parent=site_tree.partners, title="Universitas Indonesia")
    reader = Browser(chromium, Client())
    showed_it = [article.url, site_tree.news.url, site_tree.home.url]
    for url in [*showed_it, unrelated.url]:
        read(reader, url)
        assert read(reader, url)[0] == "hit", url

    editor = browser.open(f"/admin/pages/{article.pk}/edit/")
    editor.locator("#id_title").fill("Vaccine week opens on Tuesday")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    expect(editor.locator(".messages")).to_contain_text("published")
    editor.screenshot(path=tmp_path / "published.png")

    for url in showed_it:
        cache, text = read(reader, url)
        assert "Vaccine week opens on Tuesday" in text, url
        assert "Monday" not in text, url
    assert read(reader, unrelated.url)[0] == "hit"
    reader.context.close()
