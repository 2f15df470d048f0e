"""Editors create, preview and publish every page type through the admin's own views."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from core.factories import PersonFactory, TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventIndexPage, EventPage, LectureSeriesPage
from home.factories import HomePageFactory
from home.models import ContentPage
from news.models import NewsIndexPage, NewsPage
from partners.factories import PartnerPageFactory
from partners.models import PartnerIndexPage, PartnerPage
from tests.admin_forms import EVENT_FIELDS, add_url, page_form_data, preview_url

pytestmark = pytest.mark.django_db


def cases(tree):
    """(model, parent, extra form fields) for every page type. Index pages are one per
    home page, so they are created under a second home page."""
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-home")
    person = PersonFactory()
    partner = PartnerPageFactory(parent=tree.partners)
    topic = TopicFactory()
    series = LectureSeriesPageFactory(parent=tree.events)
    body = [("paragraph", rich_text("<p>Connecting bright minds.</p>"))]
    return [
        (ContentPage, tree.home, {"body": body}),
        (NewsIndexPage, other_home, {}),
        (
            NewsPage,
            tree.news,
            {
                "publication_date": "2026-03-04",
                "topics": [topic.pk],
                "authors": [{"person": person.pk}],
                "related_partners": [{"partner": partner.pk}],
            },
        ),
        (EventIndexPage, other_home, {}),
        (
            EventPage,
            tree.events,
            {
                **EVENT_FIELDS,
                "speakers": [{"person": person.pk}],
                "host_partners": [{"partner": partner.pk}],
            },
        ),
        (EventPage, series, {**EVENT_FIELDS, "format": "online", "venue_name": "", "city": ""}),
        (
            LectureSeriesPage,
            tree.events,
            {"format": "online", "organisers": [{"person": person.pk}]},
        ),
        (PartnerIndexPage, other_home, {}),
        (PartnerPage, tree.partners, {"kind": "university", "country": "UG", "city": "Kampala"}),
    ]


def test_every_page_type_can_be_previewed_and_published(admin_client, site_tree):
    created = []
    for number, (model, parent, fields) in enumerate(cases(site_tree)):
        title = f"{model._meta.verbose_name} {number}"
        data = page_form_data(model, title, **fields)

        preview = admin_client.post(preview_url(model, parent), data)
        assert preview.json() == {"is_valid": True, "is_available": True}, (model, preview.json())
        rendered = admin_client.get(preview_url(model, parent))
        assert rendered.status_code == 200
        assert title.encode() in rendered.content

        response = admin_client.post(add_url(model, parent), data)
        assert response.status_code == 302, (model, response.context["form"].errors)
        page = model.objects.get(title=title)
        assert page.live
        created.append(page)

    for page in created:
        if page.url is None:
            continue  # under the second home page, which no site serves
        response = admin_client.get(page.url)
        assert response.status_code == 200, page


def test_home_page_can_be_edited_and_published(admin_client, site_tree):
    home = site_tree.home
    data = page_form_data(
        type(home),
        "Home",
        slug="home",
        hero_heading="Worldwide health knows no borders",
        key_figures=[("figure", {"value": "95", "label": "students"})],
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(home.pk,)), data)
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.hero_heading == "Worldwide health knows no borders"
    assert admin_client.get("/en/").content.count(b"Worldwide health knows no borders") == 1


def post_event(admin_client, tree, **overrides):
    data = page_form_data(EventPage, "Symposium", **{**EVENT_FIELDS, **overrides})
    return admin_client.post(add_url(EventPage, tree.events), data)


def test_event_that_ends_before_it_starts_is_refused_on_the_end_field(admin_client, site_tree):
    response = post_event(admin_client, site_tree, end="2030-02-03 13:00")
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    assert not EventPage.objects.filter(title="Symposium").exists()


def test_online_event_without_a_join_address_is_refused(admin_client, site_tree):
    response = post_event(admin_client, site_tree, format="online", online_url="")
    assert response.status_code == 200
    assert "online_url" in response.context["form"].errors


def test_in_person_event_needs_a_venue_or_city(admin_client, site_tree):
    response = post_event(admin_client, site_tree, format="in_person", venue_name="", city="")
    assert "venue_name" in response.context["form"].errors


def test_event_times_are_typed_in_the_event_time_zone(admin_client, site_tree):
    response = post_event(admin_client, site_tree, time_zone="Asia/Jakarta")
    assert response.status_code == 302
    event = EventPage.objects.get(title="Symposium")
    assert event.start == datetime.datetime(2030, 2, 3, 7, tzinfo=datetime.UTC)
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert b'value="2030-02-03 14:00"' in edit.content


def test_all_day_event_covers_whole_days(admin_client, site_tree):
    response = post_event(
        admin_client, site_tree, all_day="on", start="2030-06-01 10:00", end="2030-06-03 09:00"
    )
    assert response.status_code == 302
    event = EventPage.objects.get(title="Symposium")
    assert event.local_start.isoformat() == "2030-06-01T00:00:00+02:00"
    assert event.local_end.isoformat() == "2030-06-03T23:59:59+02:00"


def test_moving_an_event_into_a_series_makes_it_a_session(admin_client, site_tree):
    series = LectureSeriesPageFactory(parent=site_tree.events)
    event = EventPageFactory(parent=site_tree.events)
    assert event.series_id is None
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=(event.pk, series.pk))
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.series_id == series.pk


def test_scheduled_page_goes_live_when_its_time_comes(admin_client, site_tree):
    from django.core.management import call_command

    data = page_form_data(
        NewsPage, "Embargoed announcement", go_live_at="2030-01-01 09:00", summary="Soon"
    )
    response = admin_client.post(add_url(NewsPage, site_tree.news), data)
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Embargoed announcement")
    assert not page.live
    assert admin_client.get(site_tree.news.url).content.count(b"Embargoed announcement") == 0

    import time_machine

    with time_machine.travel(datetime.datetime(2030, 1, 1, 10, tzinfo=datetime.UTC)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_dashboard_shows_upcoming_events(admin_client, site_tree):
    EventPageFactory(parent=site_tree.events, title="Summer school in Coimbra")
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert b"Upcoming events" in response.content
    assert b"Summer school in Coimbra" in response.content


def test_snippet_and_partner_listings_have_columns_filters_and_search(admin_client, site_tree):
    PersonFactory(name="Wei Zhang", institution="Fudan University")
    PartnerPageFactory(parent=site_tree.partners, title="Makerere University", country="UG")
    people = admin_client.get(reverse("wagtailsnippets_core_person:list"), {"q": "Wei"})
    assert b"Wei Zhang" in people.content
    assert b"Fudan University" in people.content
    partners = admin_client.get(reverse("partners:index"), {"country": "UG"})
    assert partners.status_code == 200
    assert b"Makerere University" in partners.content
    assert b"Uganda" in partners.content


def test_event_listing_in_the_admin_is_newest_first_and_filterable(admin_client, site_tree):
    EventPageFactory(parent=site_tree.events, title="Earlier event")
    EventPageFactory(
        parent=site_tree.events,
        title="Later event",
        format="online",
        online_url="https://meet.example.org/later",
    )
    response = admin_client.get(reverse("events:index"))
    content = response.content.decode()
    assert content.index("Later event") < content.index("Earlier event")
    online = admin_client.get(reverse("events:index"), {"format": "online"}).content
    assert b"Later event" in online and b"Earlier event" not in online


@pytest.mark.parametrize("name", ["heading", "paragraph", "quote", "video", "call_to_action"])
def test_blocks_show_a_preview_in_the_block_picker(admin_client, name):
    from core.blocks import BodyBlock

    block = BodyBlock().child_blocks[name]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    assert block.meta.description
    rendered = block.render(block.get_preview_value())
    assert rendered.strip() and rendered in response.content.decode()


def test_content_images_need_alternative_text_or_a_decorative_mark(admin_client, site_tree):
    from core.factories import ImageFactory

    undescribed = ImageFactory(description="")
    block = {"image": undescribed.pk, "alt_text": "", "caption": "", "decorative": ""}
    data = page_form_data(ContentPage, "About us", body=[("image", block)])
    response = admin_client.post(add_url(ContentPage, site_tree.home), data)
    assert response.status_code == 200
    assert "Describe the image" in response.content.decode()
    assert not ContentPage.objects.filter(title="About us").exists()

    hero = page_form_data(ContentPage, "About us", hero_image=undescribed.pk, hero_alt_text="")
    response = admin_client.post(add_url(ContentPage, site_tree.home), hero)
    assert "hero_alt_text" in response.context["form"].errors

    decorative = page_form_data(
        ContentPage, "About us", body=[("image", {**block, "decorative": "on"})]
    )
    assert admin_client.post(add_url(ContentPage, site_tree.home), decorative).status_code == 302
    described = page_form_data(
        ContentPage, "Contact", body=[("image", {**block, "alt_text": "The reception desk"})]
    )
    assert admin_client.post(add_url(ContentPage, site_tree.home), described).status_code == 302


def test_editors_keep_wagtails_accessibility_checker_on_pages(admin_client, site_tree, client):
    page = admin_client.get(site_tree.news.url).content.decode()
    assert 'id="checker-trigger"' in page  # the userbar's content and accessibility checker
    client.logout()
    assert "checker-trigger" not in client.get(site_tree.news.url).content.decode()
