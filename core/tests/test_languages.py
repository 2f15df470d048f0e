"""Readers in eight languages: URLs, switcher, hreflang, sitemap, fallback, interface."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import formats, translation

from core.factories import translate
from events.factories import EventPageFactory
from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def multilingual(site_tree, locales):
    """Home and news index in every language; an article in English, French and Arabic."""
    homes = {"en": site_tree.home}
    news = {"en": site_tree.news}
    for code in CODES[1:]:
        homes[code] = translate(site_tree.home, locales[code], hero_heading=f"Home {code}")
        news[code] = translate(site_tree.news, locales[code], title=f"News {code}")
    article = NewsPageFactory(parent=site_tree.news, title="Vaccine week", slug="vaccine-week")
    fr = translate(article, locales["fr"], title="Semaine des vaccins", slug="semaine-des-vaccins")
    ar = translate(article, locales["ar"], title="أسبوع اللقاحات")
    draft = article.copy_for_translation(locales["nl"])  # a draft: never advertised
    return {"homes": homes, "news": news, "article": article, "fr": fr, "ar": ar, "nl": draft}


REDIRECTS = [
    ("fr-FR,fr;q=0.9,en;q=0.8", "/fr/"),
    ("zh-CN,zh;q=0.9", "/zh-hans/"),
    ("ar-EG", "/ar/"),
    ("pt-BR,pt;q=0.8", "/pt/"),
    ("id-ID,id;q=0.9", "/id/"),
    ("nl-BE", "/nl/"),
    ("de-DE,de;q=0.9", "/en/"),
    ("", "/en/"),
]


def test_root_redirects_by_accept_language(client, multilingual):
    for accept, expected in REDIRECTS:
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert (response.status_code, response["Location"]) == (302, expected), accept


def test_an_explicit_choice_is_remembered_by_cookie(client, multilingual):
    client.cookies["django_language"] = "nl"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == "/nl/"


def test_unoffered_language_prefixes_are_404(client, multilingual):
    assert client.get("/de/").status_code == 404
    assert client.get("/ja/news/").status_code == 404
    assert client.get("/fr/no-such-page/").status_code == 404


def test_every_page_says_its_language_and_direction(client, multilingual):
    for code in CODES:
        for url in (f"/{code}/", multilingual["news"][code].url, f"/{code}/search/?q=x"):
            html = soup(client.get(url))
            assert html.html["lang"] == code, url
            assert html.html["dir"] == ("rtl" if code == "ar" else "ltr"), url


def test_switcher_links_to_translations_or_marked_homes(client, multilingual):
    html = soup(client.get(multilingual["fr"].url))
    links = {a["hreflang"]: a for a in html.select(".language-switcher a")}
    assert list(links) == CODES
    assert links["en"]["href"] == "/en/news/vaccine-week/"
    assert links["ar"]["href"] == multilingual["ar"].url
    assert links["fr"]["aria-current"] == "true"
    assert links["zh-hans"]["lang"] == "zh-hans"
    assert links["zh-hans"].get_text(strip=True) == "中文"
    assert links["ar"].get_text(strip=True) == "العربية"
    # No translation (Dutch is only a draft): the Dutch home page, and it says so.
    assert links["nl"]["href"] == "/nl/"
    assert links["nl"].find_next_sibling("small") is not None
    assert links["en"].find_next_sibling("small") is None


def test_hreflang_lists_exactly_the_live_translations(client, multilingual):
    html = soup(client.get(multilingual["article"].url))
    alternates = {
        link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": "http://localhost/en/news/vaccine-week/",
        "fr": "http://localhost/fr/news/semaine-des-vaccins/",
        "ar": multilingual["ar"].full_url,
        "x-default": "http://localhost/en/news/vaccine-week/",
    }


def test_sitemap_lists_each_live_page_once_per_language_with_alternates(client, multilingual):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    assert len(entries) == len(root.findall("s:url", ns))  # each URL once
    article = multilingual["article"].full_url
    assert set(entries[article]) == {"en", "fr", "ar"}
    assert entries[multilingual["fr"].full_url] == entries[article]
    assert not any("/nl/" in url and "vaccine" in url for url in entries)  # draft left out
    assert len([url for url in entries if url.endswith(("/fr/", "/ar/", "/en/"))]) == 3


def test_listing_shows_untranslated_items_marked_in_english(client, multilingual, site_tree):
    NewsPageFactory(parent=site_tree.news, title="Only in English", summary="Summary")
    html = soup(client.get(multilingual["news"]["id"].url))
    cards = {
        card.select_one(".card__title").get_text(strip=True): card for card in html.select(".card")
    }
    assert set(cards) == {"Vaccine week", "Only in English"}
    english = cards["Only in English"]
    assert english["lang"] == "en"
    assert english.select_one(".card__language").get_text(strip=True) != ""
    fr = soup(client.get(multilingual["news"]["fr"].url))
    titles = [c.select_one(".card__title").get_text(strip=True) for c in fr.select(".card")]
    assert titles.count("Semaine des vaccins") == 1 and "Vaccine week" not in titles
    assert "lang" not in fr.select_one(".card")  # French items are not marked
    arabic = soup(client.get(multilingual["news"]["ar"].url))
    english_in_arabic = next(c for c in arabic.select(".card") if "Only in English" in c.get_text())
    assert (english_in_arabic["lang"], english_in_arabic["dir"]) == ("en", "ltr")
    assert english_in_arabic.select_one(".card__meta")["dir"] == "rtl"


@time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False)
def test_interface_and_dates_follow_the_language(client, multilingual, site_tree):
    start = datetime.datetime(2030, 2, 3, 13, tzinfo=datetime.UTC)
    EventPageFactory(parent=site_tree.events, start=start, end=start + datetime.timedelta(hours=1))
    english = soup(client.get("/en/"))
    with translation.override("en"):
        english_date = formats.date_format(start.date(), "DATE_FORMAT")
    for code in CODES[1:]:
        html = soup(client.get(f"/{code}/"))
        skip = html.select_one(".skip-link").get_text(strip=True)
        assert skip and skip != english.select_one(".skip-link").get_text(strip=True), code
        heading = html.select_one("#upcoming-heading").get_text(strip=True)
        assert heading != english.select_one("#upcoming-heading").get_text(strip=True), code
        with translation.override(code):
            expected = formats.date_format(start.date(), "DATE_FORMAT")
        assert expected != english_date, code
        assert expected in html.select_one(".card--event .card__meta").get_text(), code


def test_an_alias_is_neither_listed_nor_advertised_and_says_its_language(
    client, multilingual, site_tree, locales
):
    article = NewsPageFactory(parent=site_tree.news, title="Only the English text")
    alias = article.create_alias(
        parent=multilingual["news"]["fr"], update_locale=locales["fr"], update_slug=article.slug
    )
    listing = soup(client.get(multilingual["news"]["fr"].url))
    cards = [c for c in listing.select(".card") if "Only the English text" in c.get_text()]
    assert len(cards) == 1 and cards[0]["lang"] == "en"
    assert cards[0].select_one(".card__title a")["href"] == article.url

    english = soup(client.get(article.url))
    alternates = {link["hreflang"] for link in english.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"en", "x-default"}

    aliased = soup(client.get(alias.url))
    assert aliased.html["lang"] == "fr"  # the interface
    assert aliased.main["lang"] == "en"  # the content
    assert alias.full_url not in client.get("/sitemap.xml").content.decode()
