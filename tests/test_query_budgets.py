"""Each page type renders within its query budget, whatever it shows (listings are
measured with 5 and 50 items in test_listings)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.factories import ImageFactory, PersonFactory, TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner, EventSpeaker, SessionMaterial
from news.factories import NewsPageFactory
from news.models import NewsAuthor, NewsPartner
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

DETAIL_BUDGET = 12
LISTING_BUDGET = 15


@pytest.fixture
def rendered(client, settings):
    """Queries of a warm render (the page cache is off: a hit costs none, tested apart)."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AnonymousPageCache" not in m]

    def queries(url):
        client.get(url)
        client.get(url)  # the first views make renditions and the settings row
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    return queries


@pytest.fixture
def full_site(site_tree):
    """Every page type with everything it can show: people, partners, topics, images."""
    image = ImageFactory()
    topic = TopicFactory()
    partner = PartnerPageFactory(parent=site_tree.partners, logo=ImageFactory())
    series = LectureSeriesPageFactory(parent=site_tree.events, hero_image=image)
    start = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=3)
    event = EventPageFactory(
        parent=series, hero_image=image, start=start, end=start + datetime.timedelta(hours=2)
    )
    for n in range(3):
        EventSpeaker.objects.create(page=event, person=PersonFactory(photo=ImageFactory()))
        EventHostPartner.objects.create(page=event, partner=partner)
        SessionMaterial.objects.create(page=event, title=f"Slides {n}", url="https://example.org/")
    event.topics.add(topic)
    event.save()
    article = NewsPageFactory(parent=site_tree.news, hero_image=image)
    for _n in range(3):
        NewsAuthor.objects.create(page=article, person=PersonFactory())
    article.topics.add(topic)
    article.save()
    NewsPartner.objects.create(page=article, partner=partner)
    return {"series": series, "event": event, "article": article, "partner": partner}


@pytest.mark.parametrize("name", ["article", "event", "partner"])
def test_detail_pages_stay_within_their_budget(rendered, full_site, name):
    assert rendered(full_site[name].url) <= DETAIL_BUDGET


def test_a_lecture_series_stays_within_the_listing_budget(rendered, full_site):
    assert rendered(full_site["series"].url) <= LISTING_BUDGET


def test_search_stays_within_the_listing_budget(rendered, full_site, site_tree):
    assert rendered(site_tree.home.url + "search/?q=lecture") <= LISTING_BUDGET


def test_arabic_pages_stay_within_the_same_budgets(rendered, full_site, site_tree, locales):
    """Related people, partners and topics are shown in the reader's language."""
    arabic = {}
    sections = (site_tree.home, site_tree.events, site_tree.news, site_tree.partners)
    for page in (*sections, full_site["series"], full_site["event"]):
        page.specific.copy_for_translation(locales["ar"]).save_revision().publish()
    for name in ("article", "partner"):
        page = full_site[name].specific.copy_for_translation(locales["ar"])
        page.save_revision().publish()
    for name in ("series", "event", "article", "partner"):
        arabic[name] = full_site[name].get_translation(locales["ar"])
    assert rendered(arabic["series"].url) <= LISTING_BUDGET
    for name in ("event", "article", "partner"):
        assert rendered(arabic[name].url) <= DETAIL_BUDGET, name
