"""Every page type answers at its URL with the content a reader expects."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from core.factories import ImageFactory, PersonFactory, TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner, EventSpeaker, SessionMaterial
from home.factories import ContentPageFactory
from news.factories import NewsPageFactory
from news.models import NewsAuthor
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def get(client, page, status=200):
    response = client.get(page.url)
    assert response.status_code == status, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_shows_hero_figures_and_automatic_sections(client, site_tree):
    home = site_tree.home
    home.key_figures = [{"type": "figure", "value": {"value": "95", "label": "students"}}]
    home.save()
    NewsPageFactory(parent=site_tree.news, title="Fellows arrive in Leiden")
    EventPageFactory(parent=site_tree.events, title="Immunology day")
    PartnerPageFactory(parent=site_tree.partners, title="Makerere University", featured=True)

    html = get(client, home)

    assert html.find("html")["lang"] == "en"
    assert html.find("h1").get_text(strip=True) == home.hero_heading
    assert "95" in html.select_one(".key-figures").get_text()
    text = html.get_text()
    assert "Fellows arrive in Leiden" in text
    assert "Immunology day" in text
    assert "Makerere University" in text
    assert len(html.find_all("h1")) == 1


def test_content_page_renders_body_blocks(client, site_tree):
    page = ContentPageFactory(
        parent=site_tree.home,
        title="About the office",
        body=[
            {"type": "heading", "value": {"text": "Our mission", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Connecting bright minds.</p>"},
            {
                "type": "quote",
                "value": {
                    "quote": "Science knows no borders.",
                    "attribution": "A. Lead",
                    "role": "",
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Apply",
                    "text": "",
                    "button_label": "Apply now",
                    "link": {"page": None, "url": "https://example.org/apply"},
                },
            },
            {
                "type": "video",
                "value": {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "title": "Intro",
                    "caption": "",
                },
            },
        ],
    )
    html = get(client, page)
    assert html.find("h2", string="Our mission")
    assert (
        html.select_one(".block-quote blockquote").get_text(strip=True)
        == "Science knows no borders."
    )
    assert html.select_one(".block-cta a")["href"] == "https://example.org/apply"
    video = html.select_one("[data-video-embed]")
    assert video["data-video-embed"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert not html.find("iframe"), "the video host is contacted only when the reader asks"


def test_news_article_shows_date_authors_topics_and_image_credit(client, site_tree):
    author = PersonFactory(name="Amara Okafor")
    topic = TopicFactory(name="Immunology", slug="immunology")
    image = ImageFactory(credit="Photo: LUMC")
    article = NewsPageFactory(
        parent=site_tree.news,
        publication_date=datetime.date(2026, 3, 4),
        hero_image=image,
        hero_alt_text="Students at a microscope",
    )
    NewsAuthor.objects.create(page=article, person=author)
    article.topics.add(topic)
    article.save()

    html = get(client, article)

    assert html.select_one(".page-header time")["datetime"] == "2026-03-04"
    assert "Amara Okafor" in html.select_one(".byline").get_text()
    assert html.select_one(".tags a")["href"].endswith("?topic=immunology")
    assert html.select_one(".hero-image img")["alt"] == "Students at a microscope"
    assert "Photo: LUMC" in html.select_one(".hero-image figcaption").get_text()


@time_machine.travel(datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_event_page_shows_time_in_its_own_zone_and_speakers(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        start=datetime.datetime(2030, 2, 3, 7, tzinfo=datetime.UTC),
        end=datetime.datetime(2030, 2, 3, 9, tzinfo=datetime.UTC),
        time_zone="Asia/Jakarta",
        format="hybrid",
        online_url="https://meet.example.org/immunology",
        registration_url="https://example.org/register",
    )
    EventSpeaker.objects.create(page=event, person=PersonFactory(name="Sri Wahyuni"))

    html = get(client, event)

    when = html.select_one(".facts time[data-local-time]")
    assert when["datetime"] == "2030-02-03T14:00:00+07:00"
    assert "14:00" in when.get_text()
    assert html.select_one(".facts .tz").get_text() == "WIB, UTC+7"
    assert "Sri Wahyuni" in html.select_one(".people").get_text()
    assert html.select_one(".register a")["href"] == "https://example.org/register"


def test_cancelled_event_says_so(client, site_tree):
    event = EventPageFactory(parent=site_tree.events, status="cancelled")
    html = get(client, event)
    assert "Cancelled" in html.select_one(".notice").get_text()


@time_machine.travel(datetime.datetime(2030, 1, 10, 12, tzinfo=datetime.UTC), tick=False)
def test_lecture_series_lists_sessions_in_order_and_highlights_the_next(client, site_tree):
    series = LectureSeriesPageFactory(parent=site_tree.events, title="Cutting-edge immunology")
    base = datetime.datetime(2030, 1, 8, 13, tzinfo=datetime.UTC)
    titles = ["Innate immunity", "Metabolism", "Chemistry", "Vaccines"]
    sessions = [
        EventPageFactory(
            parent=series,
            title=title,
            start=base + datetime.timedelta(days=day),
            end=base + datetime.timedelta(days=day, hours=1),
            format="online",
            online_url="https://meet.example.org/x",
        )
        for day, title in zip([3, 0, 1, 2], titles, strict=True)
    ]
    SessionMaterial.objects.create(
        page=sessions[1], kind="recording", title="Lecture recording", url="https://example.org/rec"
    )

    html = get(client, series)

    listed = [h.get_text(" ", strip=True) for h in html.select(".sessions .session__title")]
    assert [t.split(" Next")[0] for t in listed] == [
        "Metabolism",
        "Chemistry",
        "Vaccines",
        "Innate immunity",
    ]
    assert "Vaccines" in html.select_one(".session--next").get_text()
    assert html.select_one(".session__materials a")["href"] == "https://example.org/rec"
    assert all(s.specific.series_id == series.pk for s in sessions)


def test_partner_page_lists_its_events(client, site_tree):
    partner = PartnerPageFactory(
        parent=site_tree.partners, title="Universitas Indonesia", country="ID"
    )
    event = EventPageFactory(parent=site_tree.events, title="Jakarta symposium")
    EventHostPartner.objects.create(page=event, partner=partner)

    html = get(client, partner)

    assert "Indonesia" in html.select_one(".facts").get_text()
    assert "Jakarta symposium" in html.select_one(".cards").get_text()


def test_unknown_url_answers_404_with_a_page(client, site_tree):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
