"""Editors see their own content the way they typed it: relation pickers in the page's own
locale, event times in the event's own zone, a time-zone list people can use, and "Add
event" / "Add news" that open the form."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import Locale

from core.factories import PersonFactory, TopicFactory
from events.factories import EventIndexPageFactory, EventPageFactory, LectureSeriesPageFactory
from events.models import EventPage
from home.factories import HomePageFactory
from news.factories import NewsPageFactory
from news.models import NewsPage
from partners.factories import PartnerPageFactory
from tests.admin_forms import EVENT_FIELDS, add_url, page_form_data, preview_url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Frozen before the sessions the tests sign in with expire, with every event still ahead.
WINTER = datetime.datetime(2026, 1, 15, 12, tzinfo=UTC)


def translated(instance, locale, **fields):
    """A translation of a snippet, with its fields in the other language."""
    copy = instance.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def bilingual(site_tree, locales):
    """English and French topics, people and partners, and a French news index."""
    fr = locales["fr"]
    immunology = TopicFactory(name="Immunology", slug="immunology")
    genomics = TopicFactory(name="Genomics", slug="genomics")
    person = PersonFactory(name="Amina Diallo", institution="Institut Pasteur de Dakar")
    partner = PartnerPageFactory(parent=site_tree.partners, title="Makerere University")
    fr_partners = site_tree.partners.copy_for_translation(fr, copy_parents=True)
    fr_news = site_tree.news.copy_for_translation(fr)
    return {
        "immunology": immunology,
        "genomics": genomics,
        "person": person,
        "partner": partner,
        "fr_immunology": translated(immunology, fr, name="Immunologie-FR"),
        "fr_genomics": translated(genomics, fr, name="Génomique-FR"),
        "fr_person": translated(person, fr, name="Amina Diallo (FR)"),
        "fr_partner": PartnerPageFactory(parent=fr_partners, title="Université Makerere-FR"),
        "fr_news": fr_news,
    }


def picker_labels(html, field):
    """The labels an editor is offered by the picker of `field` (a select or checkboxes)."""
    if f'<select name="{field}"' in html:
        select = re.search(rf'<select name="{re.escape(field)}".*?</select>', html, re.S).group(0)
        return {label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)}
    pattern = rf'<input type="checkbox" name="{re.escape(field)}"[^>]*>\s*([^<]+)</label>'
    return {label.strip() for label in re.findall(pattern, html)}


# Relation pickers


def test_a_new_article_picks_topics_people_and_partners_of_its_own_locale(
    admin_client, site_tree, bilingual
):
    html = admin_client.get(add_url(NewsPage, site_tree.news)).content.decode()
    assert picker_labels(html, "topics") == {"Immunology", "Genomics"}
    assert "Amina Diallo" in picker_labels(html, "authors-__prefix__-person")
    assert "Amina Diallo (FR)" not in picker_labels(html, "authors-__prefix__-person")
    partners = picker_labels(html, "related_partners-__prefix__-partner")
    assert "Makerere University" in partners
    assert "Université Makerere-FR" not in partners
    assert "data-filterable-choices" in html  # each picker has a filter box

    french = admin_client.get(add_url(NewsPage, bilingual["fr_news"])).content.decode()
    assert picker_labels(french, "topics") == {"Immunologie-FR", "Génomique-FR"}
    assert "Amina Diallo (FR)" in picker_labels(french, "authors-__prefix__-person")
    assert "Amina Diallo" not in picker_labels(french, "authors-__prefix__-person")


def test_a_translation_being_edited_picks_from_its_own_locale(admin_client, site_tree, bilingual):
    article = NewsPageFactory(parent=bilingual["fr_news"], title="Article en français")
    article.topics.set([bilingual["fr_immunology"]])
    article.save_revision().publish()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content
    assert picker_labels(html.decode(), "topics") == {"Immunologie-FR", "Génomique-FR"}


def test_event_speakers_and_hosting_partners_list_the_events_locale(
    admin_client, site_tree, bilingual
):
    html = admin_client.get(add_url(EventPage, site_tree.events)).content.decode()
    assert "Amina Diallo (FR)" not in picker_labels(html, "speakers-__prefix__-person")
    assert "Université Makerere-FR" not in picker_labels(html, "host_partners-__prefix__-partner")
    assert "Makerere University" in picker_labels(html, "host_partners-__prefix__-partner")
    assert picker_labels(html, "topics") == {"Immunology", "Genomics"}


def test_another_locales_topic_is_a_form_error_but_one_already_chosen_stays(
    admin_client, site_tree, bilingual
):
    data = {**page_form_data(NewsPage, "Vaccines"), "topics": [bilingual["fr_genomics"].pk]}
    response = admin_client.post(add_url(NewsPage, site_tree.news), data)
    assert response.status_code == 200
    assert "topics" in response.context["form"].errors

    article = NewsPageFactory(parent=site_tree.news, title="Older article")
    article.topics.set([bilingual["fr_genomics"]])  # chosen before pickers kept to a locale
    article.save_revision().publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    assert "Génomique-FR" in picker_labels(admin_client.get(edit_url).content.decode(), "topics")
    data = {
        **page_form_data(NewsPage, "Older article"),
        "topics": [bilingual["fr_genomics"].pk, bilingual["genomics"].pk],
    }
    assert admin_client.post(edit_url, data).status_code == 302
    assert set(NewsPage.objects.get(pk=article.pk).topics.all()) == {
        bilingual["fr_genomics"],
        bilingual["genomics"],
    }


# Event times in the admin


@pytest.fixture
def events_in_their_zones(site_tree):
    rome_day = EventPageFactory(
        parent=site_tree.events,
        title="Rome open day",
        time_zone="Europe/Rome",
        all_day=True,
        start=datetime.datetime(2027, 3, 9, 23, tzinfo=UTC),  # 10 March 00:00 in Rome
        end=datetime.datetime(2027, 3, 10, 22, 59, 59, tzinfo=UTC),
    )
    jakarta_morning = EventPageFactory(
        parent=site_tree.events,
        title="Jakarta morning seminar",
        time_zone="Asia/Jakarta",
        start=datetime.datetime(2027, 3, 4, 23, 30, tzinfo=UTC),  # 5 March 06:30 WIB
        end=datetime.datetime(2027, 3, 5, 1, 30, tzinfo=UTC),
    )
    after_clock_change = EventPageFactory(
        parent=site_tree.events,
        title="Rome summer-time lecture",
        time_zone="Europe/Rome",
        start=datetime.datetime(2027, 3, 28, 8, tzinfo=UTC),  # 10:00 CEST, the first day of it
        end=datetime.datetime(2027, 3, 28, 10, tzinfo=UTC),
    )
    return rome_day, jakarta_morning, after_clock_change


def row_of(html, title):
    """The listing row (or dashboard row) of the event with this title, as it reads."""
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(title)}.*?</tr>", html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", "", row).split())


def assert_times_in_event_zones(html):
    rome = row_of(html, "Rome open day")
    assert "10 March 2027" in rome and "9 March" not in rome and "23:00" not in rome
    jakarta = row_of(html, "Jakarta morning seminar")
    assert "5 March 2027, 06:30–08:30" in jakarta and "WIB" in jakarta
    summer = row_of(html, "Rome summer-time lecture")
    assert "28 March 2027, 10:00" in summer and "CEST" in summer


@time_machine.travel(WINTER, tick=False)
def test_event_listing_shows_times_in_the_events_own_zone(admin_client, events_in_their_zones):
    assert_times_in_event_zones(admin_client.get(reverse("events:index")).content.decode())


@time_machine.travel(WINTER, tick=False)
def test_dashboard_shows_times_in_the_events_own_zone(admin_client, events_in_their_zones):
    assert_times_in_event_zones(admin_client.get(reverse("wagtailadmin_home")).content.decode())


def test_preview_of_an_all_day_event_shows_its_own_day(admin_client, site_tree):
    fields = {
        **EVENT_FIELDS,
        "time_zone": "Europe/Rome",
        "all_day": "on",
        "start": "2027-03-10 00:00",
        "end": "2027-03-10 00:00",
    }
    data = page_form_data(EventPage, "Rome open day", **fields)
    url = preview_url(EventPage, site_tree.events)
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "10 March 2027" in html and "9 March 2027" not in html


# The time-zone field


def zone_options(html):
    select = re.search(r'<select name="time_zone".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


@time_machine.travel(WINTER, tick=False)
def test_time_zone_field_offers_common_zones_first_with_their_offsets(admin_client, site_tree):
    html = admin_client.get(add_url(EventPage, site_tree.events)).content.decode()
    options = zone_options(html)
    values = [value for value, _label in options]
    labels = dict(options)
    assert labels["Europe/Rome"] == "Europe/Rome (UTC+01:00)"
    assert labels["Asia/Jakarta"] == "Asia/Jakarta (UTC+07:00)"
    assert labels["America/Sao_Paulo"] == "America/Sao Paulo (UTC-03:00)"
    assert labels["Asia/Kolkata"] == "Asia/Kolkata (UTC+05:30)"
    for region_zone in ("Europe/Amsterdam", "Africa/Kampala", "Asia/Jakarta", "America/Lima"):
        assert values.index(region_zone) < values.index("America/Anchorage")
    for alias in ("US/Eastern", "Asia/Calcutta", "Etc/GMT+3", "GB", "Europe/Kiev"):
        assert alias not in values
    assert "data-filterable-choices" in html[html.index('name="time_zone"') - 600 :]


@time_machine.travel(datetime.datetime(2026, 7, 1, tzinfo=UTC), tick=False)
def test_time_zone_offsets_follow_summer_time(admin_client, site_tree):
    html = admin_client.get(add_url(EventPage, site_tree.events)).content.decode()
    labels = dict(zone_options(html))
    assert labels["Europe/Rome"] == "Europe/Rome (UTC+02:00)"


def test_an_event_kept_in_an_old_zone_name_still_saves(admin_client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events, title="Pune lecture", time_zone="Asia/Calcutta"
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=(event.pk,))
    assert "Asia/Calcutta" in dict(zone_options(admin_client.get(edit_url).content.decode()))
    data = page_form_data(
        EventPage, "Pune lecture", **{**EVENT_FIELDS, "time_zone": "Asia/Calcutta"}
    )
    assert admin_client.post(edit_url, data).status_code == 302

    new = page_form_data(EventPage, "Boston lecture", **{**EVENT_FIELDS, "time_zone": "US/Eastern"})
    response = admin_client.post(add_url(EventPage, site_tree.events), new)
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors


# "Add event" and "Add news"


@pytest.fixture
def trees_in_two_locales(site_tree, locales):
    LectureSeriesPageFactory(parent=site_tree.events)  # a second place an event may go
    fr_events = site_tree.events.copy_for_translation(locales["fr"], copy_parents=True)
    fr_news = site_tree.news.copy_for_translation(locales["fr"])
    return fr_events, fr_news


def test_add_event_and_add_news_open_the_form_under_the_editors_index(
    admin_client, site_tree, trees_in_two_locales
):
    fr_events, fr_news = trees_in_two_locales
    response = admin_client.get(reverse("events:choose_parent"))
    assert response.status_code == 302
    assert response.url == add_url(EventPage, site_tree.events)
    response = admin_client.get(reverse("news:choose_parent"))
    assert response.url == add_url(NewsPage, site_tree.news)

    assert admin_client.get(reverse("events:choose_parent"), {"locale": "fr"}).url == add_url(
        EventPage, fr_events
    )
    assert admin_client.get(reverse("news:choose_parent"), {"locale": "fr"}).url == add_url(
        NewsPage, fr_news
    )


def test_an_editor_working_in_french_adds_french_news(
    admin_client, site_tree, trees_in_two_locales, django_user_model
):
    _fr_events, fr_news = trees_in_two_locales
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = "fr"
    profile.save()
    assert admin_client.get(reverse("news:choose_parent")).url == add_url(NewsPage, fr_news)


def test_with_two_event_indexes_in_one_locale_the_editor_chooses(admin_client, site_tree):
    from wagtail.models import Page

    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="summer-school")
    EventIndexPageFactory(parent=other_home)
    response = admin_client.get(reverse("events:choose_parent"))
    assert response.status_code == 200
    assert Locale.get_default().language_code == "en"


def test_news_listing_lists_articles_and_offers_to_add_one(admin_client, site_tree):
    NewsPageFactory(parent=site_tree.news, title="New partnership with Makerere")
    html = admin_client.get(reverse("news:index")).content.decode()
    assert "New partnership with Makerere" in html
    assert reverse("news:choose_parent") in html


def test_dashboard_offers_add_event_and_add_news(admin_client, site_tree):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{reverse("events:choose_parent")}"' in html
    assert f'href="{reverse("news:choose_parent")}"' in html
