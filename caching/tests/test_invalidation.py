"""A change purges only the cached answers that showed it: after one article is
published, every answer that showed it is fresh, and pages that never showed it are
still served from the cache, here and by a CDN purging by tags."""

import pytest
from django.test import Client

from caching.tests.test_cdn import PurgeRecorder, purge_recorder
from core.dependencies import cached, page_tag, remembered_key
from core.factories import PersonFactory
from events.factories import EventPageFactory
from news.factories import NewsPageFactory
from news.models import NewsAuthor, NewsPartner
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cdn(settings):
    """A CDN purging by tags (Varnish xkey, a Fastly-style proxy): the tags of each purge."""
    server, url = purge_recorder()
    settings.CDN_TAG_HEADER = "Surrogate-Key"
    settings.CDN_TAG_PURGE_URL = f"{url}/"
    yield PurgeRecorder.tags
    server.shutdown()


def publish(page, captured):
    """Publish through Wagtail, with the purges that follow the transaction's commit."""
    with captured(execute=True):
        page.save_revision().publish()


def translate(page, locale, captured):
    translated = page.copy_for_translation(locale, copy_parents=True)
    publish(translated, captured)
    return translated


@pytest.fixture
def site(site_tree, locales, django_capture_on_commit_callbacks):
    captured = django_capture_on_commit_callbacks
    partner = PartnerPageFactory(parent=site_tree.partners, title="Makerere University")
    other = PartnerPageFactory(parent=site_tree.partners, title="Universitas Indonesia")
    event = EventPageFactory(parent=site_tree.events, title="Vaccine lecture")
    article = NewsPageFactory(parent=site_tree.news, title="Typo in a titel")
    NewsPartner.objects.create(page=article, partner=partner)
    article.save_revision().publish()
    french_events = translate(site_tree.events, locales["fr"], captured)
    return {
        "article": article,
        "partner": partner,
        "other partner": other,
        "event": event,
        "French events": french_events,
        "captured": captured,
    }


def get(url):
    return Client().get(url)


def test_publishing_an_article_purges_what_showed_it_and_nothing_else(cdn, site, site_tree):
    article = site["article"]
    showed_it = {
        "the article": article.url,
        "the news index": site_tree.news.url,
        "the home page": site_tree.home.url,
        "the partner it is about": site["partner"].url,
        "the news feed": "/feeds/news.xml",
    }
    never_showed_it = {
        "another partner": site["other partner"].url,
        "an event": site["event"].url,
        "the French events index": site["French events"].url,
        "the events API": "/api/v2/events/?locale=fr",
        "the events feed": "/feeds/events.ics",
    }
    for url in (*showed_it.values(), *never_showed_it.values()):
        assert get(url).status_code == 200
        assert get(url)["X-Cache"] == "hit", url
    sitemap = get("/sitemap.xml")
    assert article.full_url in sitemap.content.decode()
    cdn.clear()

    article.title = "Typo in a title"
    publish(article, site["captured"])

    for where, url in showed_it.items():
        response = get(url)
        assert response["X-Cache"] == "miss", f"{where} was not purged"
        assert "Typo in a title" in response.content.decode(), where
    for where, url in never_showed_it.items():
        assert get(url)["X-Cache"] == "hit", f"{where} was purged"
    # The sitemap shows every page; it is rebuilt from its sections, and only the news
    # section is read again.
    host = sitemap.wsgi_request.get_host()
    events_key = site_tree.events.translation_key
    assert cached(remembered_key(f"sitemap:{host}:{events_key}")) is not None
    assert cached(remembered_key(f"sitemap:{host}:{site_tree.news.translation_key}")) is None
    assert get("/sitemap.xml")["X-Cache"] == "miss"
    # The CDN was told the same tags, once, after the commit.
    assert len(cdn) == 1
    assert page_tag(article) in cdn[0]
    assert {page_tag(site["other partner"]), page_tag(site["event"]), "site"}.isdisjoint(cdn[0])


def test_answers_name_what_they_show_for_the_cdn(cdn, site):
    response = get(site["partner"].url)
    shown = set(response["Surrogate-Key"].split())
    assert {page_tag(site["partner"]), page_tag(site["article"]), "site"} <= shown
    assert page_tag(site["other partner"]) not in shown
    hit = get(site["partner"].url)
    assert hit["X-Cache"] == "hit"
    assert set(hit["Surrogate-Key"].split()) == shown


def test_a_new_article_about_a_partner_reaches_its_page(site, site_tree):
    partner, other = site["partner"], site["other partner"]
    get(other.url)
    article = NewsPageFactory(parent=site_tree.news, title="New course with Indonesia", live=False)
    NewsPartner.objects.create(page=article, partner=other)
    get(partner.url)
    publish(article, site["captured"])
    assert "New course with Indonesia" in get(other.url).content.decode()
    assert get(partner.url)["X-Cache"] == "hit"


def test_renaming_an_author_purges_the_articles_that_name_them(site, site_tree):
    person = PersonFactory(name="Dr Amina Okello")
    article = site["article"]
    NewsAuthor.objects.create(page=article, person=person)
    publish(article, site["captured"])
    assert "Dr Amina Okello" in get(article.url).content.decode()
    get(site["event"].url)

    person.name = "Prof. Amina Okello"
    with site["captured"](execute=True):
        person.save()

    assert "Prof. Amina Okello" in get(article.url).content.decode()
    assert get(site["event"].url)["X-Cache"] == "hit"


def test_a_site_wide_change_purges_everything(site, site_tree):
    from core.models import SiteSettings

    get(site["event"].url)
    with site["captured"](execute=True):
        SiteSettings.for_site(site_tree.home.get_site()).save()
    assert get(site["event"].url)["X-Cache"] == "miss"


def test_a_draft_saved_purges_nothing(site):
    article = site["article"]
    get(article.url)
    article.title = "Not yet"
    with site["captured"](execute=True):
        article.save_revision()
    response = get(article.url)
    assert response["X-Cache"] == "hit"
    assert "Not yet" not in response.content.decode()


def test_an_event_changed_is_fresh_in_its_calendar_file_and_the_api(site, site_tree):
    event = site["event"]
    other = EventPageFactory(parent=site_tree.events, title="Another lecture")
    urls = {
        "calendar file": f"/feeds/events/{event.pk}.ics",
        "API detail": f"/api/v2/events/{event.pk}/",
    }
    unrelated = f"/feeds/events/{other.pk}.ics"
    for url in (*urls.values(), unrelated):
        get(url)
    event.title = "Vaccine lecture, new room"
    publish(event, site["captured"])
    for where, url in urls.items():
        assert "new room" in get(url).content.decode(), where
    assert get(unrelated)["X-Cache"] == "hit"
