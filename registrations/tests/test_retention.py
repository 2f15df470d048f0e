"""Registrants' personal data goes once the retention period after their event is over;
the counts stay. The worker's minute round does it, with time frozen here."""

import datetime

import pytest
import time_machine
from django.utils import translation

from registrations.factories import RegistrationFactory
from registrations.models import Registration
from registrations.retention import anonymize_after_retention
from registrations.tasks import every_minute
from registrations.tests.admin_helpers import admin_url, series_with_sessions

from .conftest import START

pytestmark = pytest.mark.django_db
END = START + datetime.timedelta(hours=2)


def test_personal_data_is_anonymized_after_the_retention_period(event, client, settings):
    settings.REGISTRATION_RETENTION_DAYS = 90
    kept = RegistrationFactory(
        event=event, status="confirmed", attended=True, answers=[{"question": "Q", "answer": "A"}]
    )
    personal_page = f"/en/registrations/{kept.token}/"
    assert client.get(personal_page).status_code == 200

    with time_machine.travel(END + datetime.timedelta(days=89), tick=False):
        every_minute.enqueue()  # the worker's minute round
    kept.refresh_from_db()
    assert kept.anonymized_at is None and kept.email

    with time_machine.travel(END + datetime.timedelta(days=91), tick=False):
        every_minute.enqueue()  # the worker's minute round
    gone = Registration.objects.get(pk=kept.pk)
    assert (gone.name, gone.email, gone.institution, gone.answers, gone.time_zone) == (
        "",
        "",
        "",
        [],
        "",
    )
    # What the reports count is still there; the personal link leads nowhere.
    assert (gone.country, gone.role, gone.status, gone.attended) == (
        "UG",
        "student",
        "confirmed",
        True,
    )
    assert gone.anonymized_at is not None
    assert client.get(personal_page).status_code == 404
    assert str(gone) == "Anonymized registration"


def test_every_translation_of_the_event_and_many_registrants_are_covered(
    event, translated_event, settings
):
    settings.REGISTRATION_RETENTION_DAYS = 30
    french = translated_event("fr")
    RegistrationFactory.create_batch(3, event=event, status="confirmed")
    RegistrationFactory.create_batch(2, event=french, status="waiting")
    with time_machine.travel(END + datetime.timedelta(days=31), tick=False):
        assert anonymize_after_retention() == (5, 0)
        assert anonymize_after_retention() == (0, 0)  # done once
    assert not Registration.objects.exclude(email="").exists()
    assert Registration.objects.for_event(event).count() == 5


def test_a_registration_never_confirmed_is_deleted_after_a_week(event, settings):
    settings.REGISTRATION_UNCONFIRMED_DAYS = 7
    with time_machine.travel(START - datetime.timedelta(days=30), tick=False):
        stale = RegistrationFactory(event=event)
        confirmed = RegistrationFactory(event=event, status="confirmed")
    with time_machine.travel(START - datetime.timedelta(days=25), tick=False):
        fresh = RegistrationFactory(event=event)
    with time_machine.travel(START - datetime.timedelta(days=22), tick=False):
        assert anonymize_after_retention() == (0, 1)
    remaining = set(Registration.objects.values_list("pk", flat=True))
    assert remaining == {confirmed.pk, fresh.pk}
    assert stale.pk not in remaining


def test_nothing_due_costs_one_query_each(event, django_assert_num_queries):
    RegistrationFactory.create_batch(3, event=event, status="confirmed")
    with django_assert_num_queries(2):
        assert anonymize_after_retention() == (0, 0)


def test_a_series_is_forgotten_once_its_last_session_is_and_still_counts_each_person_once(
    site_tree, settings, admin_client
):
    settings.REGISTRATION_RETENTION_DAYS = 30
    series, (first, second) = series_with_sessions(site_tree)
    second.start, second.end = (
        second.start + datetime.timedelta(days=60),
        second.end + datetime.timedelta(days=60),
    )
    second.save()
    for session in (first, second):
        RegistrationFactory(event=session, email="amina@example.org", status="confirmed")
    alone = RegistrationFactory(event=first, email="budi@example.org", status="confirmed")

    # The first session is past its retention, the second not: only who registered for the
    # first alone is forgotten; Amina's registrations wait for her last session.
    with time_machine.travel(first.end + datetime.timedelta(days=31), tick=False):
        assert anonymize_after_retention() == (1, 0)
    alone.refresh_from_db()
    assert (
        alone.anonymized_at and Registration.objects.filter(email="amina@example.org").count() == 2
    )

    with time_machine.travel(second.end + datetime.timedelta(days=31), tick=False):
        assert anonymize_after_retention() == (2, 0)
    amina = Registration.objects.filter(event__in=[first, second]).exclude(pk=alone.pk)
    assert {r.email for r in amina} == {""} and len({r.batch for r in amina}) == 1

    with translation.override("en"):
        report = admin_client.get(admin_url("report", series)).content.decode()
    assert "2 confirmed participants" in report
