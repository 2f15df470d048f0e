"""Search finds live, public pages in the reader's language only."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from events.factories import EventPageFactory
from home.factories import ContentPageFactory
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text().strip() for a in html.select(".search-results h2 a"))


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
    weird = client.get("/en/search/", {"q": "' OR 1=1; -- & | ! :* ()"})
    assert weird.status_code == 200
    assert client.get("/en/search/", {"q": "vaccine", "page": "abc"}).status_code == 404


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


def translated_news_index(site_tree, locales, code):
    home = site_tree.home.copy_for_translation(locales[code])
    home.save_revision().publish()
    news = site_tree.news.copy_for_translation(locales[code])
    news.save_revision().publish()
    return news


def results(response):
    """(title, snippet HTML, language marker) of each result, in order."""
    html = BeautifulSoup(response.content, "html.parser")
    found = []
    for item in html.select(".search-results li"):
        snippet = item.select_one(".search-results__snippet")
        marker = item.select_one(".card__language")
        found.append(
            (
                item.h2.get_text().strip(),
                snippet.decode_contents() if snippet else "",
                (item.get("lang"), marker.get_text(strip=True)) if marker else None,
            )
        )
    return found


def test_chinese_finds_a_word_inside_a_sentence(client, site_tree, locales):
    news_zh = translated_news_index(site_tree, locales, "zh-hans")
    NewsPageFactory(
        parent=news_zh,
        title="非洲的疫苗生产既需要工厂，也同样需要人才",
        summary="研讨会讨论了免疫学研究与疫苗接种的合作。",
    )
    NewsPageFactory(parent=news_zh, title="前沿免疫学导论", summary="为期一周的在线讲座。")
    NewsPageFactory(parent=news_zh, title="年度合作伙伴会议", summary="三项优先事项。")

    for query, expected in [
        ("疫苗", ["非洲的疫苗生产既需要工厂，也同样需要人才"]),
        ("免疫", ["前沿免疫学导论", "非洲的疫苗生产既需要工厂，也同样需要人才"]),
        ("免疫学", ["前沿免疫学导论", "非洲的疫苗生产既需要工厂，也同样需要人才"]),
        ("合作伙伴会议", ["年度合作伙伴会议"]),
    ]:
        found = [
            title
            for title, _snippet, _lang in results(client.get("/zh-hans/search/", {"q": query}))
        ]
        assert found == expected, query


def test_arabic_finds_words_with_or_without_the_article(client, site_tree, locales):
    news_ar = translated_news_index(site_tree, locales, "ar")
    NewsPageFactory(parent=news_ar, title="مقدمة في علم المناعة المتقدم", summary="محاضرات")
    NewsPageFactory(parent=news_ar, title="أسبوع المحاضرات", summary="دروس عن مناعة الأطفال")

    # With and without the article or a conjunction, and with the ta marbuta written as ha.
    for query in ("مناعة", "المناعة", "مناعه", "والمناعة"):
        found = {title for title, _s, _l in results(client.get("/ar/search/", {"q": query}))}
        assert found == {"مقدمة في علم المناعة المتقدم", "أسبوع المحاضرات"}, query


def test_arabic_finds_words_whatever_the_alef_is_written_with(client, site_tree, locales):
    """Readers often type a bare alef where the title has a hamza or madda, and the
    other way round."""
    news_ar = translated_news_index(site_tree, locales, "ar")
    NewsPageFactory(parent=news_ar, title="أبحاث اللقاحات في أفريقيا", summary="مختبرات")
    for query in ("أبحاث", "ابحاث", "إبحاث", "افريقيا", "أفريقيا", "آفريقيا"):
        found = {title for title, _s, _l in results(client.get("/ar/search/", {"q": query}))}
        assert found == {"أبحاث اللقاحات في أفريقيا"}, query


def test_the_pages_api_searches_in_the_language_of_its_locale(client, site_tree, locales):
    """`/api/v2/pages/?search=…&locale=…` stems and cuts the query as that language's
    search page does, whatever the request's own language."""
    NewsPageFactory(
        parent=translated_news_index(site_tree, locales, "es"),
        title="Campaña de vacunación",
        summary="Las vacunas llegan a las clínicas rurales.",
    )
    NewsPageFactory(
        parent=translated_news_index(site_tree, locales, "ar"),
        title="مقدمة في علم المناعة المتقدم",
    )
    NewsPageFactory(
        parent=translated_news_index(site_tree, locales, "zh-hans"),
        title="研讨会讨论了免疫学研究与疫苗接种的合作",
    )

    for locale, query, expected in [
        ("es", "vacuna", "Campaña de vacunación"),
        ("es", "vacunas", "Campaña de vacunación"),
        ("ar", "مناعة", "مقدمة في علم المناعة المتقدم"),
        ("zh-hans", "疫苗", "研讨会讨论了免疫学研究与疫苗接种的合作"),
    ]:
        response = client.get(
            "/api/v2/pages/",
            {"search": query, "locale": locale, "fields": "title"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200, query
        assert [item["title"] for item in response.json()["items"]] == [expected], query
    unknown = client.get("/api/v2/pages/", {"search": "vacuna", "locale": "xx"})
    assert unknown.status_code == 404


def test_titles_weigh_more_than_body_text(client, site_tree):
    for name in ("Makerere University", "University of Ghana", "Fudan University"):
        PartnerPageFactory(
            parent=site_tree.partners,
            title=name,
            summary="A partner in education and research; immunology is one of many topics.",
        )
    NewsPageFactory(parent=site_tree.news, title="Introduction to Cutting-edge Immunology")

    found = results(client.get("/en/search/", {"q": "immunology"}))
    assert found[0][0] == "Introduction to Cutting-edge Immunology"
    assert len(found) == 4


def test_a_title_with_the_very_word_typed_ranks_above_titles_sharing_its_stem(
    client, site_tree, locales
):
    news = translated_news_index(site_tree, locales, "es")
    for title in (
        "Las plataformas tecnológicas",
        "Tecnologías de plataforma",
        "Módulos sobre tecnologías",
        "Jornada de plataformas tecnológicas",
    ):
        NewsPageFactory(parent=news, title=title)
    NewsPageFactory(parent=news, title="PTS Granada, Parque Tecnológico de Ciencias de la Salud")

    found = [
        title
        for title, _snippet, _marker in results(client.get("/es/search/", {"q": "tecnológico"}))
    ]
    assert found[0] == "PTS Granada, Parque Tecnológico de Ciencias de la Salud"
    assert len(found) == 5  # the stem still finds the others


def test_results_show_the_matched_words_highlighted_and_escaped(client, site_tree):
    NewsPageFactory(
        parent=site_tree.news,
        title="Vaccines for Africa",
        summary="<script>alert(1)</script> Vaccine manufacturing needs people, and vaccinated "
        "communities need trust.",
    )

    [(title, snippet, _lang)] = results(client.get("/en/search/", {"q": "vaccine"}))
    assert "<mark>Vaccine</mark>" in snippet and "<mark>vaccinated</mark>" in snippet
    assert "&lt;/script&gt;" in snippet and "<script>" not in snippet


def test_editors_settings_are_neither_found_nor_shown(client, site_tree, locales):
    """A heading's level ("Section (h2)") is the editor's setting, not the page's text."""
    for code, parent in [
        ("en", site_tree.home),
        ("ar", translated_news_index(site_tree, locales, "ar")),
    ]:
        ContentPageFactory(
            parent=parent,
            title={"en": "Alumni stories", "ar": "قصص الخريجين"}[code],
            body=[
                {"type": "heading", "value": {"text": "Where they are now", "level": "h2"}},
                {"type": "paragraph", "value": "<p>Several alumni now lead laboratories.</p>"},
            ],
        )

    for query in ("section", "h2", "subsection"):
        assert results(client.get("/en/search/", {"q": query})) == [], query
    [(_title, snippet, _lang)] = results(client.get("/en/search/", {"q": "alumni"}))
    assert "Where they are now" in snippet and "Section" not in snippet
    for query in ("قسم", "h2"):
        assert results(client.get("/ar/search/", {"q": query})) == [], query


def test_english_only_pages_come_after_the_readers_own_marked_in_english(
    client, site_tree, locales
):
    news_fr = translated_news_index(site_tree, locales, "fr")
    translated = NewsPageFactory(parent=site_tree.news, title="Vaccine week", summary="Vaccine")
    french = translated.copy_for_translation(locales["fr"])
    french.title, french.summary = "Semaine du vaccin", "Vaccin"
    french.save_revision().publish()
    NewsPageFactory(parent=news_fr, title="Le vaccin au quotidien", summary="Vaccins")
    NewsPageFactory(parent=site_tree.news, title="Vaccine manufacturing", summary="Vaccine")

    found = results(client.get("/fr/search/", {"q": "vaccin"}))
    assert [title for title, _s, _l in found][:2] == sorted(
        ["Semaine du vaccin", "Le vaccin au quotidien"], key=[t for t, _s, _l in found].index
    )
    # The English page with a French translation is not repeated; the English-only one
    # follows, marked as listings mark it.
    assert [(title, lang) for title, _s, lang in found[2:]] == [
        ("Vaccine manufacturing", ("en", "Langue\xa0: Anglais"))
    ]
    assert {lang for _t, _s, lang in found[:2]} == {None}
