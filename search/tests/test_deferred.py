"""Commands that build many pages (the demo content) index them once, at the end: what
readers then find is each page as it was last saved."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from news.factories import NewsPageFactory
from search.deferred import deferred_indexing

pytestmark = pytest.mark.django_db


def found(client, query):
    html = BeautifulSoup(client.get("/en/search/", {"q": query}).content, "html.parser")
    return sorted(a.get_text().strip() for a in html.select(".search-results h2 a"))


def test_pages_saved_while_indexing_is_deferred_are_found_as_last_saved(client, site_tree):
    with deferred_indexing():
        renamed = NewsPageFactory(parent=site_tree.news, title="Draft title about vaccines")
        renamed.title = "Malaria vaccine trial results"
        renamed.save_revision().publish()
        NewsPageFactory(parent=site_tree.news, title="Malaria week in Kampala")
        gone = NewsPageFactory(parent=site_tree.news, title="Malaria note withdrawn")
        gone.delete()

    assert found(client, "malaria") == ["Malaria vaccine trial results", "Malaria week in Kampala"]
    assert found(client, "draft") == []


def test_nothing_saved_in_the_block_is_indexed_before_it_ends(site_tree):
    with deferred_indexing():
        page = NewsPageFactory(parent=site_tree.news, title="Malaria week in Kampala")
        assert not Page.objects.live().search("kampala").results()
    assert list(Page.objects.live().search("kampala").results()) == [page.page_ptr]


def test_indexing_is_immediate_again_after_the_block_even_when_it_failed(client, site_tree):
    with pytest.raises(RuntimeError), deferred_indexing():
        raise RuntimeError("the command stopped")

    NewsPageFactory(parent=site_tree.news, title="Tuberculosis seminar")
    assert found(client, "tuberculosis") == ["Tuberculosis seminar"]
