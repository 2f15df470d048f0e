"""Registrants' data is for those who edit the event: editors and moderators see it;
translators and partner liaisons, who edit other things, never do, through any view."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from events.models import EventPage
from mail.models import OutgoingEmail
from registrations.factories import RegistrationFactory
from registrations.models import Registration
from registrations.tests.admin_helpers import admin_url, create_groups, member_of

pytestmark = pytest.mark.django_db

EDITORS, MODERATORS, LIAISONS, FRENCH = (
    "Editors",
    "Moderators",
    "Partner liaisons",
    "Translators (fr)",
)
READING_VIEWS = ["listing", "export_csv", "export_xlsx", "report", "message"]


@pytest.fixture
def pages(event, translated_event):
    """The event in English and French, a registration through each; then the groups."""
    french = translated_event("fr")
    RegistrationFactory(event=event, name="Amina Nakato", status="confirmed")
    RegistrationFactory(event=french, name="Chloé Martin", status="confirmed")
    create_groups()
    return {"en": event, "fr": french}


def assert_sees_everything(client, page):
    for view in READING_VIEWS:
        assert client.get(admin_url(view, page)).status_code == 200, view
    listing = client.get(admin_url("listing", page)).content.decode()
    assert "Amina Nakato" in listing
    assert "Chloé Martin" in listing


def assert_refused(client, page):
    for view in READING_VIEWS:
        response = client.get(admin_url(view, page))
        assert response.status_code == 404, view
        assert b"Amina Nakato" not in response.content
    registration = Registration.objects.get(name="Amina Nakato")
    response = client.post(
        admin_url("attendance", page), {"registration": registration.pk, "attended": "1"}
    )
    assert response.status_code == 404
    response = client.post(admin_url("message", page), {"subject": "Hello", "text": "Hi"})
    assert response.status_code == 404
    registration.refresh_from_db()
    assert not registration.attended
    assert not OutgoingEmail.objects.exists()


def menu_has_registrations(client):
    return (
        reverse("registrations_admin:index")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_see_the_registrations(client, django_user_model, pages, group):
    client.force_login(member_of(django_user_model, group))

    for page in pages.values():
        assert_sees_everything(client, page)
    began = timezone.now() - datetime.timedelta(minutes=5)  # attendance is marked once begun
    EventPage.objects.filter(pk=pages["en"].pk).update(start=began)
    response = client.post(
        admin_url("attendance", pages["en"]),
        {"registration": Registration.objects.get(name="Amina Nakato").pk, "attended": "1"},
    )
    assert response.status_code == 302
    assert Registration.objects.get(name="Amina Nakato").attended
    assert menu_has_registrations(client)
    assert client.get(reverse("registrations_admin:index")).status_code == 200


@pytest.mark.parametrize("groups", [[LIAISONS], [FRENCH], [FRENCH, LIAISONS]])
def test_translators_and_partner_liaisons_never_see_registrants(
    client, django_user_model, pages, groups
):
    client.force_login(member_of(django_user_model, *groups))

    for page in pages.values():
        assert_refused(client, page)
    assert not menu_has_registrations(client)
    assert client.get(reverse("registrations_admin:index")).status_code == 404


def test_a_translator_editing_the_french_event_gets_no_registrations_button(
    client, django_user_model, pages
):
    client.force_login(member_of(django_user_model, FRENCH))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(pages["fr"].pk,)))

    assert edit.status_code == 200  # the translator edits the page...
    assert b"/admin/registrations/" not in edit.content  # ...but not its registrants


def test_an_editor_who_also_translates_still_sees_the_registrations(
    client, django_user_model, pages
):
    client.force_login(member_of(django_user_model, EDITORS, FRENCH))

    assert_sees_everything(client, pages["fr"])


def test_a_group_that_edits_only_the_news_sees_no_registrations(
    client, django_user_model, pages, site_tree
):
    group = Group.objects.create(name="News desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=site_tree.news, permission=Permission.objects.get(codename="change_page")
    )
    client.force_login(member_of(django_user_model, "News desk"))

    for page in pages.values():
        assert_refused(client, page)
    assert not menu_has_registrations(client)
    assert client.get(reverse("registrations_admin:index")).status_code == 404


def test_a_group_that_edits_the_events_sees_them_and_lists_only_them(
    client, django_user_model, pages, site_tree
):
    group = Group.objects.create(name="Events desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=site_tree.events,
        permission=Permission.objects.get(codename="change_page"),
    )
    client.force_login(member_of(django_user_model, "Events desk"))

    assert_sees_everything(client, pages["en"])
    assert client.get(admin_url("listing", pages["fr"])).status_code == 404  # French tree
    index = client.get(reverse("registrations_admin:index")).content.decode()
    assert admin_url("listing", pages["en"]) in index
