"""`load_demo_content` builds a believable, translated site, and a second run changes nothing."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import Translation

from core.models import Person, Topic
from demo.registrants import PARTNER_GROUPS, people
from demo.reset import reset
from events.models import EventPage, LectureSeriesPage
from news.models import NewsPage
from partners.models import PartnerPage
from registrations.models import Registration
from translations.policy import untranslated_segments

pytestmark = pytest.mark.django_db


def snapshot():
    pages = Page.objects.order_by("path")
    return {
        "pages": list(pages.values_list("locale__language_code", "url_path", "title", "live")),
        "people": list(Person.objects.order_by("pk").values_list("name", "role", "locale_id")),
        "topics": list(Topic.objects.order_by("pk").values_list("slug", "name", "locale_id")),
    }


def test_demo_content_is_complete_translated_and_idempotent(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("load_demo_content", "--locales=en,fr,ar", stdout=out)
    log = out.getvalue()
    assert "Partners" in log and "Translations into ar" in log  # progress is reported

    english = {"locale__language_code": "en"}
    partners = PartnerPage.objects.filter(**english)
    assert partners.count() >= 12
    assert len(set(partners.values_list("country", flat=True))) >= 8
    assert NewsPage.objects.filter(**english).count() >= 15
    assert EventPage.objects.filter(**english).count() >= 25
    assert LectureSeriesPage.objects.filter(**english).count() == 2
    events = EventPage.objects.filter(**english)
    assert events.upcoming().exists() and events.past().exists()
    assert events.filter(series__isnull=False).count() >= 5

    # Translations are real, and some pages are deliberately left in English only.
    for code in ("fr", "ar"):
        home = client.get(f"/{code}/")
        assert home.status_code == 200
        html = BeautifulSoup(home.content, "html.parser")
        assert html.find("html")["lang"] == code
        english_home = BeautifulSoup(client.get("/en/").content, "html.parser")
        assert html.find("h1").get_text() != english_home.find("h1").get_text()
    assert NewsPage.objects.filter(locale__language_code="fr").count() < 15
    # Every translation is complete: the translation overview says "translated and
    # current" of the demo, never "in progress" over a name or an address.
    incomplete = {
        (str(translation.source.get_source_instance()), translation.target_locale_id): [
            segment.string.data for segment in untranslated_segments(translation)
        ]
        for translation in Translation.objects.select_related("source")
    }
    assert {key: left for key, left in incomplete.items() if left} == {}

    # The immunology week has its registrations: every participant for each of its five
    # sessions, the students from the seven partner universities.
    registrations = Registration.objects.filter(
        event__series__slug="introduction-to-cutting-edge-immunology"
    )
    assert registrations.count() == 5 * len(people())
    students = registrations.filter(role="student", partner__isnull=False)
    assert students.values("email").distinct().count() == sum(g[3] for g in PARTNER_GROUPS.values())
    assert set(students.values_list("partner__slug", flat=True)) == set(PARTNER_GROUPS)
    assert registrations.filter(attended=True).exists()
    assert set(registrations.values_list("status", flat=True)) == {
        "awaiting",
        "confirmed",
        "cancelled",
    }

    first = snapshot()
    first["registrations"] = Registration.objects.count()
    again = io.StringIO()
    call_command("load_demo_content", "--locales=en,fr,ar", stdout=again)
    assert {**snapshot(), "registrations": Registration.objects.count()} == first
    assert "ar: 0 created" in again.getvalue()

    reset(out=lambda _line: None)  # what --reset does first
    assert not Page.objects.filter(depth__gt=1).exists()
    assert not Translation.objects.exists() and not Person.objects.exists()
