"""An editor reads an event's or a series' registrations in the admin, filters them, marks
attendance and writes to the confirmed registrants."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.factories import EventPageFactory
from mail.models import OutgoingEmail
from partners.factories import PartnerPageFactory
from registrations.factories import RegistrationFactory
from registrations.models import Registration
from registrations.tests.admin_helpers import admin_url, registrations, series_with_sessions


@pytest.fixture
def started(event):
    """The event, begun half an hour ago: attendance can be marked."""
    event.start = timezone.now() - datetime.timedelta(minutes=30)
    event.end = event.start + datetime.timedelta(hours=2)
    event.save_revision().publish()
    return event


pytestmark = pytest.mark.django_db


def rows_of(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        " ".join(row.get_text(" ", strip=True).split())
        for row in soup.select("table.registrations-table tbody tr")
    ]


def test_the_listing_gathers_every_translation_of_the_event(admin_client, event, translated_event):
    french = translated_event("fr")
    RegistrationFactory(event=event, name="Amina Nakato", email="amina@example.org")
    RegistrationFactory(event=french, name="Chloé Martin", email="chloe@example.org")
    RegistrationFactory(event=EventPageFactory(parent=event.get_parent()), name="Elsewhere")

    for page in (event, french):
        rows = rows_of(admin_client.get(admin_url("listing", page)))
        assert len(rows) == 2
        assert any("Amina Nakato" in row and "amina@example.org" in row for row in rows)
        assert any("Chloé Martin" in row for row in rows)
        assert not any("Elsewhere" in row for row in rows)


def test_a_series_gathers_its_sessions_and_names_the_session(admin_client, site_tree):
    series, (first, second) = series_with_sessions(site_tree)
    RegistrationFactory(event=first, name="Budi Santoso")
    RegistrationFactory(event=second, name="Li Wei")

    rows = rows_of(admin_client.get(admin_url("listing", series)))

    assert len(rows) == 2
    assert any("Budi Santoso" in row and "Session 1" in row for row in rows)
    assert any("Li Wei" in row and "Session 2" in row for row in rows)


def test_an_anonymized_registration_shows_as_anonymized(admin_client, event):
    registration = RegistrationFactory(event=event, name="Amina Nakato", country="UG")
    registration.anonymize()

    (row,) = rows_of(admin_client.get(admin_url("listing", event)))

    assert "Anonymized" in row
    assert "Amina" not in row
    assert "Uganda" in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=amina", {"Amina Nakato"}),
        ("q=LI@example", {"Li Wei"}),
        ("q=makerere", {"Amina Nakato"}),
        ("q=Pasteur", {"Li Wei"}),
        ("status=waiting", {"Budi Santoso"}),
        ("status=cancelled", {"Fatima Zahra"}),
        ("attended=yes", {"Li Wei"}),
        ("attended=no&status=confirmed", {"Amina Nakato"}),
        ("role=researcher", {"Budi Santoso"}),
        ("country=ID", {"Budi Santoso"}),
        ("country=ID&role=student", set()),
        ("", {"Amina Nakato", "Budi Santoso", "Li Wei", "Fatima Zahra"}),
    ],
)
def test_search_and_filters(admin_client, event, site_tree, query, expected):
    pasteur = PartnerPageFactory(parent=site_tree.partners, title="Institut Pasteur")
    RegistrationFactory(
        event=event, name="Amina Nakato", institution="Makerere University", status="confirmed"
    )
    RegistrationFactory(
        event=event,
        name="Budi Santoso",
        institution="Universitas Indonesia",
        country="ID",
        role="researcher",
        status="waiting",
    )
    RegistrationFactory(
        event=event,
        name="Li Wei",
        email="li@example.org",
        institution="",
        partner=pasteur,
        country="CN",
        status="confirmed",
        attended=True,
    )
    RegistrationFactory(
        event=event, name="Fatima Zahra", institution="Mohammed V", status="cancelled", country="MA"
    )

    rows = rows_of(admin_client.get(admin_url("listing", event, query)))

    names = {"Amina Nakato", "Budi Santoso", "Li Wei", "Fatima Zahra"}
    assert {name for name in names if any(name in row for row in rows)} == expected
    assert len(rows) == len(expected)


def test_a_filter_that_makes_no_sense_shows_nothing(admin_client, event):
    RegistrationFactory(event=event)

    response = admin_client.get(admin_url("listing", event, "status=everyone"))

    assert "No registrations match." in response.content.decode()
    assert not rows_of(response)


def test_the_listing_has_pages_of_50_and_keeps_the_filters(admin_client, event):
    registrations(event, 55, status="confirmed")
    registrations(event, 3, status="waiting")

    first = admin_client.get(admin_url("listing", event, "status=confirmed"))
    second = admin_client.get(admin_url("listing", event, "status=confirmed&p=2"))

    assert len(rows_of(first)) == 50
    assert len(rows_of(second)) == 5
    assert b"status=confirmed&amp;p=2" in first.content


def test_the_listing_makes_as_many_queries_for_50_rows_as_for_5(admin_client, site_tree):
    series, (first, second) = series_with_sessions(site_tree)
    partner = PartnerPageFactory(parent=site_tree.partners)
    registrations(first, 3, partner=partner)
    registrations(second, 2, answers=[{"question": "Diet", "answer": "none"}])
    admin_client.get(admin_url("listing", series))  # the admin's own first-request lookups

    with CaptureQueriesContext(connection) as few:
        assert len(rows_of(admin_client.get(admin_url("listing", series)))) == 5
    registrations(first, 25, partner=partner)
    registrations(second, 20, country="ID")
    with CaptureQueriesContext(connection) as many:
        assert len(rows_of(admin_client.get(admin_url("listing", series)))) == 50

    assert len(many) == len(few)


def test_listing_queries_stay_within_budget(admin_client, event, django_assert_max_num_queries):
    registrations(event, 40)
    admin_client.get(admin_url("listing", event))
    with django_assert_max_num_queries(25):
        admin_client.get(admin_url("listing", event))


def test_marking_one_row_and_then_the_ticked_rows(admin_client, started):
    event = started
    one, two, three = registrations(event, 3, status="confirmed")
    other = RegistrationFactory(event=EventPageFactory(parent=event.get_parent()))
    url = admin_url("attendance", event)
    listing = admin_url("listing", event, "status=confirmed")

    response = admin_client.post(url, {"registration": one.pk, "attended": "1", "next": listing})
    assert response.status_code == 302
    assert response["Location"] == listing
    assert list(Registration.objects.filter(attended=True)) == [one]

    admin_client.post(url, {"registration": [two.pk, three.pk, other.pk], "attended": "1"})
    assert set(Registration.objects.filter(attended=True)) == {one, two, three}

    admin_client.post(url, {"registration": [one.pk, two.pk], "attended": "0"})
    assert set(Registration.objects.filter(attended=True)) == {three}


def test_only_confirmed_registrations_are_marked_and_only_once_the_event_began(admin_client, event):
    (confirmed,) = registrations(event, 1, status="confirmed")
    (awaiting,) = registrations(event, 1, status="awaiting")
    (waiting,) = registrations(event, 1, status="waiting")
    url = admin_url("attendance", event)
    chosen = [confirmed.pk, awaiting.pk, waiting.pk]

    before = admin_client.post(url, {"registration": chosen, "attended": "1"}, follow=True)
    assert not Registration.objects.filter(attended=True).exists()
    messages = [str(m) for m in before.context["messages"]]
    assert "Marked as attended: 0." in messages and "Not marked: 3." in messages[-1]
    listing = BeautifulSoup(admin_client.get(admin_url("listing", event)).content, "html.parser")
    assert not listing.select("button[form=attendance-one-1]")  # no row offers it yet

    event.start = timezone.now() - datetime.timedelta(minutes=30)
    event.save_revision().publish()
    admin_client.post(url, {"registration": chosen, "attended": "1"})
    assert list(Registration.objects.filter(attended=True)) == [confirmed]
    listing = BeautifulSoup(admin_client.get(admin_url("listing", event)).content, "html.parser")
    assert listing.select("button[form=attendance-one-1]") == []  # none left to mark


def test_attendance_is_a_post_with_csrf(django_user_model, started):
    event = started
    registration = RegistrationFactory(event=event, status="confirmed")
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("csrf", "c@example.org", "x"))
    url = admin_url("attendance", event)

    assert client.get(url).status_code == 405
    assert client.post(url, {"registration": registration.pk, "attended": "1"}).status_code == 403
    registration.refresh_from_db()
    assert not registration.attended

    page = client.get(admin_url("listing", event))
    token = BeautifulSoup(page.content, "html.parser").select_one(
        "#attendance-one-1 input[name=csrfmiddlewaretoken]"
    )["value"]
    response = client.post(
        url, {"registration": registration.pk, "attended": "1", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended


def test_an_offsite_next_address_is_not_followed(admin_client, event):
    registration = RegistrationFactory(event=event)
    response = admin_client.post(
        admin_url("attendance", event),
        {"registration": registration.pk, "attended": "1", "next": "https://evil.example/"},
    )
    assert response["Location"] == admin_url("listing", event)


def test_the_message_goes_once_to_each_confirmed_registrant(
    admin_client, site_tree, django_capture_on_commit_callbacks
):
    series, (first, second) = series_with_sessions(site_tree)
    RegistrationFactory(event=first, email="amina@example.org", status="confirmed", language="fr")
    RegistrationFactory(event=second, email="Amina@example.org", status="confirmed")
    RegistrationFactory(event=second, email="li@example.org", status="confirmed")
    RegistrationFactory(event=second, email="budi@example.org", status="waiting")
    RegistrationFactory(event=first, email="fatima@example.org", status="cancelled")
    RegistrationFactory(event=first, status="confirmed").anonymize()
    url = admin_url("message", series)

    form = admin_client.get(url)
    assert "Recipients, the confirmed registrants: 2." in " ".join(form.content.decode().split())

    with django_capture_on_commit_callbacks():
        response = admin_client.post(url, {"subject": "Room change", "text": "Room 2 tomorrow."})

    assert response.status_code == 302
    sent = OutgoingEmail.objects.order_by("recipient")
    assert [(e.recipient, e.subject, e.text) for e in sent] == [
        ("amina@example.org", "Room change", "Room 2 tomorrow."),
        ("li@example.org", "Room change", "Room 2 tomorrow."),
    ]
    assert sent[0].headers == {"Content-Language": "fr"}


@pytest.mark.parametrize("subject", ["Room\nchange", "Room\r\nBcc: all@example.org"])
def test_a_subject_with_a_line_break_is_refused(admin_client, event, subject):
    RegistrationFactory(event=event, status="confirmed")

    response = admin_client.post(admin_url("message", event), {"subject": subject, "text": "Hi"})

    assert response.status_code == 200
    assert response.context["form"].errors["subject"]
    assert not OutgoingEmail.objects.exists()


def test_the_event_page_header_and_listing_offer_the_registrations(admin_client, site_tree):
    series, (session, _second) = series_with_sessions(site_tree)
    elsewhere = EventPageFactory(parent=site_tree.events, registration_mode="external")

    def links(url):
        soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
        return {a["href"].split("?")[0] for a in soup.select("a[href*='/admin/registrations/']")}

    assert admin_url("listing", session) in links(
        reverse("wagtailadmin_pages:edit", args=(session.pk,))
    )
    assert admin_url("listing", series) in links(
        reverse("wagtailadmin_pages:edit", args=(series.pk,))
    )
    assert admin_url("listing", elsewhere) not in links(
        reverse("wagtailadmin_pages:edit", args=(elsewhere.pk,))
    )
    explorer = links(reverse("wagtailadmin_explore", args=(site_tree.events.pk,)))
    assert admin_url("listing", series) in explorer
    assert admin_url("listing", elsewhere) not in explorer


def test_the_menu_lists_events_with_registrations(admin_client, event, translated_event):
    french = translated_event("fr")
    RegistrationFactory(event=french, status="confirmed")
    quiet = EventPageFactory(parent=event.get_parent(), registration_mode="site")

    response = admin_client.get(reverse("registrations_admin:index"))

    soup = BeautifulSoup(response.content, "html.parser")
    listed = [a["href"] for a in soup.select("table a[href$='/']")]
    assert admin_url("listing", event) in listed  # the event in the default language
    assert admin_url("listing", french) not in listed
    assert admin_url("listing", quiet) not in listed
    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("registrations_admin:index") in menu


def test_other_pages_have_no_registrations(admin_client, site_tree):
    assert admin_client.get(admin_url("listing", site_tree.news)).status_code == 404


def test_the_menu_links_a_session_to_its_series(admin_client, site_tree):
    series, (session, _second) = series_with_sessions(site_tree)
    RegistrationFactory(event=session)

    page = admin_client.get(reverse("registrations_admin:index")).content.decode()

    assert admin_url("listing", session) in page
    assert admin_url("listing", series) in page
    assert admin_url("report", session) in page
