"""What search engines and link previews read: titles, descriptions, canonical URLs,
Open Graph, schema.org data, robots.txt and the web manifest."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from core.factories import ImageFactory, PersonFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from news.factories import NewsPageFactory
from news.models import NewsAuthor
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def schema_org(html):
    blocks = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
    assert all(block["@context"] == "https://schema.org" for block in blocks)
    return {block["@type"]: block for block in blocks}


def meta(html, name):
    tag = html.select_one(f'meta[property="{name}"]') or html.select_one(f'meta[name="{name}"]')
    return tag["content"] if tag else None


@pytest.fixture
def pages(site_tree):
    image = ImageFactory()
    partner = PartnerPageFactory(
        parent=site_tree.partners, kind="university", logo=ImageFactory(), city="Leiden"
    )
    series = LectureSeriesPageFactory(parent=site_tree.events, title="Immunology lectures")
    start = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=5)
    session = EventPageFactory(
        parent=series, title="Innate immunity", start=start, end=start + datetime.timedelta(hours=2)
    )
    EventHostPartner.objects.create(page=session, partner=partner)
    article = NewsPageFactory(
        parent=site_tree.news,
        title="Fellows arrive",
        summary="Twelve fellows start their year.",
        hero_image=image,
        hero_alt_text="Fellows in the hall",
    )
    NewsAuthor.objects.create(page=article, person=PersonFactory(name="Amara Okafor"))
    return {"partner": partner, "series": series, "session": session, "article": article}


def test_an_article_has_its_description_canonical_url_preview_and_news_article(client, pages):
    article = pages["article"]
    html = head_of(client, article.url + "?utm_source=x")
    assert html.title.string.startswith("Fellows arrive | ")
    assert meta(html, "description") == "Twelve fellows start their year."
    assert html.select_one('link[rel="canonical"]')["href"] == article.get_full_url()
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:url") == article.get_full_url()
    assert meta(html, "og:locale") == "en_GB"
    assert meta(html, "twitter:card") == "summary_large_image"
    picture = meta(html, "og:image")
    assert picture.startswith("http") and picture.endswith(".jpg")
    assert meta(html, "og:image:alt") == "Fellows in the hall"

    data = schema_org(html)
    news = data["NewsArticle"]
    assert news["headline"] == "Fellows arrive"
    assert news["author"] == [{"@type": "Person", "name": "Amara Okafor"}]
    assert news["image"] == [news["image"][0]] and news["image"][0].startswith("http")
    assert datetime.date.fromisoformat(news["datePublished"])
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "News", "Fellows arrive"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]


def test_a_session_is_an_education_event_in_its_series(client, pages):
    data = schema_org(head_of(client, pages["session"].url))
    event = data["EducationEvent"]
    assert event["superEvent"]["name"] == "Immunology lectures"
    assert event["organizer"][0]["name"] == pages["partner"].title
    assert event["inLanguage"] == ["en"]

    series = schema_org(head_of(client, pages["series"].url))["EventSeries"]
    assert [sub["name"] for sub in series["subEvent"]] == ["Innate immunity"]
    assert series["subEvent"][0]["@type"] == "EducationEvent"
    assert series["startDate"] == series["subEvent"][0]["startDate"]


@pytest.mark.parametrize("name", ["session", "series", "article", "partner"])
def test_structured_data_is_built_from_the_page_alone(client, rf, pages, name):
    """What the page's head prints is what the page says of itself, with no template
    context: its related people and partners included, its breadcrumbs from its ancestors."""
    page = pages[name].specific_class.objects.get(pk=pages[name].pk)
    request = rf.get(page.url)
    built = {data["@type"]: data for data in page.structured_data(request) if data}
    assert built == schema_org(head_of(client, page.url))
    assert [crumb["name"] for crumb in built["BreadcrumbList"]["itemListElement"]][-1] == page.title


def test_a_university_partner_is_a_college_or_university(client, pages):
    data = schema_org(head_of(client, pages["partner"].url))
    university = data["CollegeOrUniversity"]
    assert university["address"]["addressLocality"] == "Leiden"
    assert university["logo"].startswith("http")


def test_the_home_page_describes_the_website_and_its_publisher(client, site_tree):
    html = head_of(client, site_tree.home.url)
    website = schema_org(html)["WebSite"]
    assert website["publisher"]["@type"] == "Organization"
    assert website["inLanguage"] == "en"
    assert meta(html, "description")  # a fallback, even without a summary


def test_pages_point_to_the_manifest_and_icons_that_exist(client, site_tree):
    html = head_of(client, site_tree.home.url)
    manifest_url = html.select_one('link[rel="manifest"]')["href"]
    manifest = client.get(manifest_url)
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["start_url"] == "/" and data["theme_color"].startswith("#")
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in [*data["icons"], {"src": html.select_one('link[rel="apple-touch-icon"]')["href"]}]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]


def test_robots_keep_search_engines_out_unless_indexing_is_on_for_the_sites_host(
    site_tree, settings
):
    settings.SEARCH_ENGINE_INDEXING = False
    closed = Client().get("/robots.txt").content.decode()
    assert "Disallow: /\n" in closed and "Sitemap" not in closed
    page = head_of(Client(), site_tree.home.url)
    assert meta(page, "robots") == "noindex, nofollow"

    settings.SEARCH_ENGINE_INDEXING = True
    own_host = Client(HTTP_HOST=site_tree.home.get_site().hostname)
    open_robots = own_host.get("/robots.txt").content.decode()
    assert f"Sitemap: {site_tree.home.get_site().root_url}/sitemap.xml" in open_robots
    assert "Disallow: /admin/" in open_robots and "Disallow: /\n" not in open_robots
    assert meta(head_of(own_host, site_tree.home.url), "robots") is None

    staging = Client(HTTP_HOST="staging.example.org").get("/robots.txt").content.decode()
    assert "Disallow: /\n" in staging
