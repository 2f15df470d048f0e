"""The embed (/embed/events/ and /embed/events.js), its builder in the admin and the code
on partner pages."""

import pytest
import time_machine
from bs4 import BeautifulSoup

from events.embed import PAPER, contrast
from partners.factories import PartnerPageFactory
from tests.machine import NOW

pytestmark = pytest.mark.django_db


@time_machine.travel(NOW, tick=False)
def test_embed_may_be_framed_anywhere_and_nothing_else(client, events, site_tree):
    response = client.get(
        "/embed/events/", {"theme": "dark", "accent": "b5451b", "layout": "compact"}
    )
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert not response.cookies
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["class"] == ["theme-dark", "layout-compact"]
    # The partner's accent, and the link colour it gives that reads on the dark paper.
    style = html.head.style.string  # allowed by its hash
    assert style.startswith("body{--accent:#b5451b;--accent-text:#") and style.endswith("}")
    assert contrast(style[-8:-1], PAPER["dark"]) >= 4.5 > contrast("#b5451b", PAPER["dark"])
    assert [a.get_text() for a in html.select(".event__title a")][:2] == ["Session", "Hosted"]
    assert html.select_one('a[href^="webcal://"]') is not None
    assert client.get(site_tree.home.url)["X-Frame-Options"] == "DENY"
    assert client.get("/embed/events/", {"accent": "red;}"}).status_code == 400


def test_embed_script_is_small_and_open(client):
    response = client.get("/embed/events.js")
    assert response.status_code == 200
    assert len(response.content) < 5 * 1024
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("text/javascript")
    assert client.get("/embed/events.js", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert "max-age=3600" in response["Cache-Control"]
    pinned = client.get("/embed/events.js", {"v": response["X-Script-Version"]})
    assert "immutable" in pinned["Cache-Control"] and "max-age=31536000" in pinned["Cache-Control"]


def test_embed_builder_previews_and_gives_the_code(admin_client, events):
    from django.urls import reverse

    response = admin_client.get(
        reverse("embed_builder"),
        {"locale": "fr", "partner": "makerere", "theme": "dark", "layout": "full", "limit": "5"},
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    preview = html.select_one("iframe")["src"]
    assert "/embed/events/?locale=fr&partner=makerere&theme=dark&limit=5" in preview
    codes = [area.get_text() for area in html.select("textarea.embed-code")]
    assert 'data-locale="fr"' in codes[0] and 'data-partner="makerere"' in codes[0]
    assert "/embed/events.js" in codes[0]
    assert codes[2].startswith("webcal://") and "partner=makerere" in codes[2]
    bad = admin_client.get(reverse("embed_builder"), {"locale": "xx", "accent": "red"})
    assert bad.status_code == 200 and b"error-message" in bad.content


def test_partner_page_offers_its_embed_code(client, events):
    page = PartnerPageFactory._meta.model.objects.get(slug="makerere")
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = html.select_one(".embed-codes")
    assert 'data-partner="makerere"' in section.get_text()
    assert section.select_one('a[href^="webcal://"]')["href"].endswith("partner=makerere")


@pytest.mark.parametrize(
    ("query", "empty"),
    [
        ({"locale": "fr"}, "Aucun événement n’est prévu pour le moment."),
        ({"locale": "fr", "past": "true"}, "Aucun événement passé pour l’instant."),
    ],
    ids=["upcoming", "past"],
)
def test_an_empty_listing_says_what_it_lists(client, site_tree, locales, query, empty):
    """A partner with no events yet: the frame says so in its language, of past events
    when it lists past ones."""
    html = BeautifulSoup(client.get("/embed/events/", query).content, "html.parser")
    assert html.select_one(".empty").get_text(strip=True) == empty


@pytest.mark.parametrize(
    ("query", "refusal"),
    [
        ({"locale": "fr", "accent": "rojo"}, "accent: une couleur hexadécimale"),
        ({"locale": "zh-hans", "partner": "nowhere"}, "partner: 找不到该 partner"),
        ({"locale": "ar", "frame": "a b"}, "frame: "),
        ({"locale": "es", "start_after": "2027-01-01T00:00:00 03:00"}, "%2B"),
    ],
)
def test_a_refusal_speaks_the_language_asked_for(client, site_tree, locales, query, refusal):
    """A partner's visitors read the refusal in the listing's language, whatever their
    browser's: every message translated."""
    answer = client.get("/embed/events/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400
    text = answer.content.decode()
    assert refusal in text
    if query["locale"] == "ar":
        assert "letters" not in text


def test_a_language_of_the_settings_not_yet_a_locale_is_refused_not_a_500(client, site_tree):
    """Between adding a language to the settings and adding its locale (README, "Adding a
    language"), asking for it is a 400 naming the languages there are."""
    for path in ("/embed/events/", "/feeds/events.ics", "/api/v2/events/", "/feeds/news.xml"):
        answer = client.get(path, {"locale": "fr"})
        assert answer.status_code == 400, path
        assert "locale" in answer.content.decode(), path
