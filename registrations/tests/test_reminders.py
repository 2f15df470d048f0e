"""Reminders before an event: the worker's minute round e-mails everyone with a place
REGISTRATION_REMINDER_HOURS before the start, in their language, with both times, the
join address and their own link; each reminder once, however often the round runs."""

import datetime
import io
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events.factories import EventPageFactory
from mail.models import OutgoingEmail
from registrations import reminders
from registrations.models import Registration, SentReminder
from registrations.tests.conftest import START, hours, text_of
from registrations.tests.parallel import committed, crowded_event

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/immunology-reminders-2b8e"
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)
BEFORE = START - datetime.timedelta(days=3)


@pytest.fixture
def online_event(event):
    event.format = "online"
    event.online_url = JOIN
    event.join_link_visibility = "registrants"
    event.save_revision().publish()
    return event


@pytest.fixture
def sign_up(register, follow):
    """Register with the form on the page in `language` and follow the e-mailed link."""

    def sign_up(page, email, language="en", at=BEFORE, **answers):
        with time_machine.travel(at, tick=False):
            register(page, language, email=email, **answers)
            registration = Registration.objects.get(email=email, event=page)
            follow(reverse("registration_confirm", args=(registration.token,)))
        registration.refresh_from_db()
        return registration

    return sign_up


@pytest.fixture
def worker(smtp_server, django_capture_on_commit_callbacks):
    """One minute round of the worker at `moment`; the messages it sent."""

    def run(moment):
        before = len(smtp_server.messages)
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("run_worker", "--once", stdout=io.StringIO())
        return smtp_server.messages[before:]

    return run


@pytest.mark.parametrize(
    ("language", "hello"),
    [("en", "Hello"), ("fr", "Bonjour"), ("ar", "مرحبًا"), ("zh-hans", "您好")],
)
def test_a_reminder_a_day_and_an_hour_before_in_the_registrants_language(
    sign_up, worker, translated_event, online_event, language, hello
):
    page = online_event if language == "en" else translated_event(language)
    registration = sign_up(page, "amina@example.org", language, time_zone="Asia/Shanghai")
    assert registration.status == "confirmed"

    assert worker(START - 24 * HOUR - MINUTE) == []
    [day_before] = worker(START - 24 * HOUR)
    assert worker(START - 24 * HOUR + MINUTE) == []
    assert worker(START - 2 * HOUR) == []
    [hour_before] = worker(START - HOUR + 30 * MINUTE)
    assert worker(START - 10 * MINUTE) == []

    with translation.override(language):
        subject = gettext("Reminder: %(title)s") % {"title": page.title}
        sentence = gettext("A reminder: %(title)s starts soon, and you have a place.") % {
            "title": page.title
        }
        # Each label with the language's own colon: "Quand :", "时间：".
        join_label, when, yours = gettext("Join online:"), gettext("When:"), gettext("Your time:")
        where, online = gettext("Where:"), gettext("Online")
    for message in (day_before, hour_before):
        assert message["To"] == "amina@example.org"
        assert message["Content-Language"] == language
        assert message["Subject"].strip() == subject
        text = text_of(message).replace("\r\n", "\n")
        assert hello in text and sentence in text
        assert f"{when} " in text and f"{yours} " in text
        assert language == "en" or when != "When:"
        assert f"{hours(language, 14, 16)} (Europe/Amsterdam)" in text
        assert f"{hours(language, 21, 23)} (Asia/Shanghai)" in text
        assert f"{where} {online}" in text
        assert f"{join_label}\n{JOIN}" in text  # for registrants only, and they are one
        assert f"/{language}/registrations/{registration.token}/" in text
    assert SentReminder.objects.filter(registration=registration).count() == 2


def test_the_reminder_of_a_public_hybrid_event_has_its_address_and_in_person_none(
    sign_up, worker, online_event, site_tree
):
    online_event.format = "hybrid"
    online_event.venue_name = "Lecture hall 1"
    online_event.join_link_visibility = "public"
    online_event.save_revision().publish()
    in_person = EventPageFactory(
        parent=site_tree.events,
        title="Bench skills",
        start=START,
        end=START + 2 * HOUR,
        registration_mode="site",
    )
    sign_up(online_event, "amina@example.org")
    sign_up(in_person, "amina@example.org")

    messages = {message["Subject"]: text_of(message) for message in worker(START - HOUR)}

    assert JOIN in messages["Reminder: Immunology week"]
    assert "Where: Lecture hall 1, Leiden, Netherlands" in messages["Reminder: Immunology week"]
    assert "Join online" not in messages["Reminder: Bench skills"]
    assert "Where: Lecture hall 1, Leiden, Netherlands" in messages["Reminder: Bench skills"]


def test_only_those_with_a_place_of_a_scheduled_event_are_reminded(
    sign_up, worker, online_event, follow
):
    online_event.capacity = 1
    online_event.save_revision().publish()
    holder = sign_up(online_event, "holder@example.org")
    waiting = sign_up(online_event, "waiting@example.org")
    gave_up = sign_up(online_event, "gave-up@example.org")
    with time_machine.travel(BEFORE, tick=False):
        follow(reverse("registration_cancel", args=(gave_up.token,)), method="post")
    assert Registration.objects.get(pk=waiting.pk).status == "waiting"

    [reminder] = worker(START - 24 * HOUR)
    assert reminder["To"] == holder.email

    online_event.status = "postponed"
    online_event.save_revision().publish()  # they are told, and not reminded
    assert not [m for m in worker(START - HOUR) if m["Subject"].startswith("Reminder")]


def test_someone_registering_after_a_reminders_moment_gets_only_the_next(
    sign_up, worker, online_event
):
    sign_up(online_event, "late@example.org", at=START - 10 * HOUR)
    assert worker(START - 10 * HOUR + MINUTE) == []
    [reminder] = worker(START - HOUR)
    assert reminder["To"] == "late@example.org"


@pytest.mark.parametrize(
    ("back_at", "hours"),
    [(START - 20 * HOUR, [24]), (START - 30 * MINUTE, [1])],
)
def test_a_worker_back_after_a_stop_sends_the_one_reminder_missed(
    sign_up, worker, online_event, back_at, hours
):
    registration = sign_up(online_event, "amina@example.org")
    assert len(worker(back_at)) == 1
    assert worker(back_at + MINUTE) == []
    sent = SentReminder.objects.filter(registration=registration)
    assert list(sent.values_list("hours_before", flat=True)) == hours


def test_an_event_moved_later_is_reminded_of_again(
    sign_up, worker, online_event, django_capture_on_commit_callbacks
):
    sign_up(online_event, "amina@example.org")
    assert len(worker(START - 24 * HOUR)) == 1
    later = START + 48 * HOUR
    with (
        time_machine.travel(START - 23 * HOUR, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        online_event.start, online_event.end = later, later + 2 * HOUR
        online_event.save_revision().publish()

    assert worker(START - HOUR) == []  # the old start's reminder is no longer due
    [reminder] = worker(later - 24 * HOUR)
    assert reminder["Subject"] == "Reminder: Immunology week"
    assert SentReminder.objects.filter(hours_before=24).count() == 2


def test_the_hours_are_a_setting(settings, sign_up, worker, online_event):
    settings.REGISTRATION_REMINDER_HOURS = [48]
    sign_up(online_event, "amina@example.org", at=START - 5 * 24 * HOUR)
    assert len(worker(START - 48 * HOUR)) == 1
    assert worker(START - 24 * HOUR) == worker(START - HOUR) == []


DOMAIN = "reminders.example.org"


def test_two_workers_at_the_same_moment_send_each_reminder_once():
    """Two workers, each on a connection of its own, run the round at the same moment."""
    crowd = crowded_event(
        DOMAIN,
        20,
        # Each claim takes 50 ms: both workers list everyone before either has claimed much.
        "registrations_sentreminder",
        "INSERT",
        title="Crowded webinar",
        slug="crowded-webinar-reminders",
        start=START,
        end=START + 2 * HOUR,
        online_url=JOIN,
    )
    with crowd as (event_id, registrations):
        committed(
            lambda: Registration.objects.filter(event_id=event_id).update(
                status="confirmed", confirmed_at=BEFORE
            )
        )
        counts = []
        ready = threading.Barrier(2)

        def round_of_a_worker():
            try:
                ready.wait()
                counts.append(reminders.send_due(START - 24 * HOUR))
            finally:
                connection.close()

        threads = [threading.Thread(target=round_of_a_worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        def outcome():
            claims = SentReminder.objects.filter(registration__event_id=event_id)
            emails = OutgoingEmail.objects.filter(recipient__endswith=f"@{DOMAIN}")
            return claims.count(), sorted(emails.values_list("recipient", flat=True))

        claims, recipients = committed(outcome)
    assert sum(counts) == claims == 20
    assert len(recipients) == len(set(recipients)) == 20  # one each
