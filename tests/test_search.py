"""Search finds live, public pages in the reader's language only."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from events.factories import EventPageFactory
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text(strip=True) for a in html.select(".search-results h2 a"))


@pytest.fixture
def french_tree(site_tree, locales):
    home_fr = site_tree.home.copy_for_translation(locales["fr"])
    home_fr.save_revision().publish()
    news_fr = site_tree.news.copy_for_translation(locales["fr"])
    news_fr.save_revision().publish()
    return news_fr


def test_search_finds_pages_in_the_readers_language(client, site_tree, french_tree):
    NewsPageFactory(parent=site_tree.news, title="Immunology lecture week", summary="Vaccines")
    NewsPageFactory(
        parent=french_tree, title="Semaine d'immunologie", summary="Vaccins et immunologie"
    )

    assert result_titles(client.get("/en/search/", {"q": "immunology"})) == [
        "Immunology lecture week"
    ]
    assert result_titles(client.get("/fr/search/", {"q": "immunologie"})) == [
        "Semaine d'immunologie"
    ]


def test_search_finds_events_and_partners_by_their_fields(client, site_tree):
    EventPageFactory(parent=site_tree.events, title="Summer school", city="Coimbra")
    PartnerPageFactory(parent=site_tree.partners, title="Masaryk University", short_name="MUNI")

    assert result_titles(client.get("/en/search/", {"q": "Coimbra"})) == ["Summer school"]
    assert result_titles(client.get("/en/search/", {"q": "MUNI"})) == ["Masaryk University"]


def test_search_never_shows_drafts_or_private_pages(client, site_tree):
    NewsPageFactory(parent=site_tree.news, title="Embargoed vaccine results", live=False)
    private = NewsPageFactory(parent=site_tree.news, title="Private vaccine memo")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    NewsPageFactory(parent=site_tree.news, title="Public vaccine news")

    assert result_titles(client.get("/en/search/", {"q": "vaccine"})) == ["Public vaccine news"]


def test_empty_and_oversized_queries_are_handled(client, site_tree):
    empty = client.get("/en/search/", {"q": ""})
    assert empty.status_code == 200
    assert b"result" not in empty.content.lower().split(b"<main")[1]
    too_long = client.get("/en/search/", {"q": "x" * 1000})
    assert too_long.status_code == 400
    assert b"at most 200 characters" in too_long.content
    weird = client.get("/en/search/", {"q": "' OR 1=1; -- & | ! :* ()", "page": "abc"})
    assert weird.status_code == 200


def test_search_uses_the_languages_stemming(client, site_tree, locales):
    home_id = site_tree.home.copy_for_translation(locales["id"])
    home_id.save_revision().publish()
    news_id = site_tree.news.copy_for_translation(locales["id"])
    news_id.save_revision().publish()
    NewsPageFactory(parent=news_id, title="Hasil penelitian vaksin", summary="Kerja sama")

    # Indonesian stemming finds "penelitian" (research) from "peneliti" (researcher).
    assert result_titles(client.get("/id/search/", {"q": "peneliti"})) == [
        "Hasil penelitian vaksin"
    ]
