"""An editor publishes an event with a new time, a new way to take part, a postponement
or a cancellation: everyone with a place or waiting for one gets one e-mail saying what
changed, in their language, and those with a place their calendar entry updated (same
UID, higher SEQUENCE) or withdrawn."""

import datetime

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from events.factories import EventPageFactory
from events.models import EventPage
from registrations.models import EventNotices, Registration
from registrations.tests.conftest import START, hours, text_of
from tests.admin_forms import EVENT_FIELDS, page_form_data

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/immunology-moved-online-5d2a"
NOW = START - datetime.timedelta(days=10)
# What the editor's form holds for the event fixture (14:00-16:00 in Amsterdam).
AS_PUBLISHED = {
    **EVENT_FIELDS,
    "start": "2030-03-05 14:00",
    "end": "2030-03-05 16:00",
    "format": "in_person",
    "online_url": "",
    "registration_mode": "site",
}


@pytest.fixture(autouse=True)
def ten_days_before():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sign_up(register, follow):
    def sign_up(page, email, language="en", confirm=True, **answers):
        register(page, language, email=email, **answers)
        registration = Registration.objects.get(email=email, event=page)
        if confirm:
            follow(reverse("registration_confirm", args=(registration.token,)))
        registration.refresh_from_db()
        return registration

    return sign_up


@pytest.fixture
def publish(admin_client, django_capture_on_commit_callbacks):
    """The editor changes the event in the page editor and publishes it."""

    def publish(page, **changes):
        data = page_form_data(
            EventPage, page.title, **{**AS_PUBLISHED, "slug": page.slug, **changes}
        )
        with django_capture_on_commit_callbacks(execute=True):
            answer = admin_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
        assert answer.status_code == 302, answer.context["form"].errors

    return publish


def calendar_of(message):
    [attachment] = list(message.iter_attachments())
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [entry] = calendar.walk("VEVENT")
    return str(calendar["method"]), str(entry["uid"]), int(entry["sequence"]), entry


def to(messages, registration):
    return [message for message in messages if message["To"] == registration.email]


@pytest.fixture
def people(sign_up, event, publish):
    """One place: someone holding it, someone waiting, someone who never confirmed and
    someone who gave theirs up."""
    publish(event, capacity="1")
    gave_up = sign_up(event, "gave-up@example.org")
    Registration.objects.filter(pk=gave_up.pk).update(status="cancelled")
    holder = sign_up(event, "holder@example.org")
    waiting = sign_up(event, "waiting@example.org")
    awaiting = sign_up(event, "awaiting@example.org", confirm=False)
    return holder, waiting, awaiting, gave_up


def test_a_new_time_reaches_those_with_a_place_or_waiting_once(smtp_server, event, publish, people):
    holder, waiting, awaiting, gave_up = people
    [confirmation] = [m for m in to(smtp_server.messages, holder) if m.is_multipart()]
    method, uid, sequence, _entry = calendar_of(confirmation)
    assert (method, sequence) == ("REQUEST", 0)
    before = len(smtp_server.messages)

    publish(event, capacity="1", start="2030-03-06 10:00", end="2030-03-06 12:00")

    told = smtp_server.messages[before:]
    assert sorted(m["To"] for m in told) == [holder.email, waiting.email]
    [notice] = to(told, holder)
    assert notice["Subject"] == "Changed: Immunology week"
    text = text_of(notice).replace("\r\n", "\n")
    assert "Immunology week has changed." in text
    assert (
        "When: 5 March 2030, 14:00–16:00 (Europe/Amsterdam) → "
        "6 March 2030, 10:00–12:00 (Europe/Amsterdam)"
    ) in text
    assert (
        "Your time: 5 March 2030, 16:00–18:00 (Africa/Kampala) → "
        "6 March 2030, 12:00–14:00 (Africa/Kampala)"
    ) in text
    assert f"/en/registrations/{holder.token}/" in text
    method, same_uid, sequence, entry = calendar_of(notice)
    assert (method, same_uid, sequence) == ("REQUEST", uid, 1)
    assert entry.decoded("dtstart") == datetime.datetime(2030, 3, 6, 9, tzinfo=datetime.UTC)
    [waiting_notice] = to(told, waiting)
    assert "6 March 2030, 10:00–12:00" in text_of(waiting_notice)
    assert not list(waiting_notice.iter_attachments())  # no calendar entry without a place

    # Published again with nothing registrants were told changed: nobody hears of it.
    publish(event, capacity="2", start="2030-03-06 10:00", end="2030-03-06 12:00")
    assert len(smtp_server.messages) == before + 2

    publish(event, capacity="2", start="2030-03-06 11:00", end="2030-03-06 13:00")
    [again] = to(smtp_server.messages[before + 2 :], holder)
    assert calendar_of(again)[1:3] == (uid, 2)


def test_moved_online_gives_the_address_to_those_with_a_place(smtp_server, event, publish, people):
    holder, waiting, _awaiting, _gave_up = people
    before = len(smtp_server.messages)
    online = {"format": "online", "online_url": JOIN, "venue_name": "", "city": ""}

    publish(event, capacity="1", join_link_visibility="registrants", **online)

    told = smtp_server.messages[before:]
    [notice] = to(told, holder)
    text = text_of(notice).replace("\r\n", "\n")
    assert "It now takes place online." in text
    assert f"Join online:\n{JOIN}" in text
    assert calendar_of(notice)[2] == 1
    [waiting_notice] = to(told, waiting)
    assert "It now takes place online." in text_of(waiting_notice)
    assert JOIN not in text_of(waiting_notice)  # for registrants with a place only

    publish(event, capacity="1", **{**online, "online_url": JOIN + "-b"})
    [changed] = to(smtp_server.messages[before + 2 :], holder)
    assert "The address to join online has changed." in text_of(changed)
    assert JOIN + "-b" in text_of(changed)
    assert calendar_of(changed)[2] == 2


def test_a_cancellation_withdraws_the_calendar_entry(smtp_server, event, publish, people):
    holder, waiting, _awaiting, _gave_up = people
    [confirmation] = [m for m in to(smtp_server.messages, holder) if m.is_multipart()]
    uid = calendar_of(confirmation)[1]
    before = len(smtp_server.messages)

    publish(event, capacity="1", status="cancelled")

    told = smtp_server.messages[before:]
    [notice] = to(told, holder)
    assert notice["Subject"] == "Cancelled: Immunology week"
    assert "Immunology week is cancelled." in text_of(notice)
    assert calendar_of(notice)[:3] == ("CANCEL", uid, 1)
    [waiting_notice] = to(told, waiting)
    assert waiting_notice["Subject"] == "Cancelled: Immunology week"


def test_a_postponement_is_told_and_the_new_date_later(smtp_server, event, publish, people):
    holder, _waiting, _awaiting, _gave_up = people
    before = len(smtp_server.messages)

    publish(event, capacity="1", status="postponed")
    [postponed] = to(smtp_server.messages[before:], holder)
    assert postponed["Subject"] == "Postponed: Immunology week"
    assert "We will write to you again when it has a new date." in text_of(postponed)
    assert calendar_of(postponed)[::2] == ("REQUEST", 1)

    publish(event, capacity="1", start="2030-04-02 14:00", end="2030-04-02 16:00")
    [new_date] = to(smtp_server.messages[before + 2 :], holder)
    text = text_of(new_date)
    assert "Immunology week takes place after all." in text
    assert "→ 2 April 2030, 14:00–16:00 (Europe/Amsterdam)" in text
    assert calendar_of(new_date)[::2] == ("REQUEST", 2)


def test_who_confirms_after_a_change_gets_the_current_sequence_and_so_does_a_cancel(
    smtp_server, event, publish, sign_up, follow
):
    publish(event, start="2030-03-06 10:00", end="2030-03-06 12:00")
    assert EventNotices.objects.get(event=event).sequence == 0  # nobody to tell yet
    publish(event, start="2030-03-07 10:00", end="2030-03-07 12:00")
    assert EventNotices.objects.get(event=event).sequence == 1
    registration = sign_up(event, "amina@example.org")
    assert calendar_of(smtp_server.messages[-1])[::2] == ("REQUEST", 1)

    follow(reverse("registration_cancel", args=(registration.token,)), method="post")
    assert calendar_of(smtp_server.messages[-1])[::2] == ("CANCEL", 2)


TRANSLATED = ("fr", "ar", "zh-hans")


def test_every_language_hears_once_when_the_source_is_published(
    smtp_server, event, publish, sign_up, translated_event, admin_client
):
    pages = {"en": event} | {language: translated_event(language) for language in TRANSLATED}
    people = {
        language: sign_up(page, f"{language}@example.org", language, time_zone="Asia/Shanghai")
        for language, page in pages.items()
    }
    before = len(smtp_server.messages)

    publish(event, start="2030-03-06 10:00", end="2030-03-06 12:00")
    # The translations published too, still with the old time: nobody is told twice,
    # nor told the old time again.
    for language in TRANSLATED:
        publish(pages[language])
        publish(pages[language], start="2030-03-06 10:00", end="2030-03-06 12:00")

    told = smtp_server.messages[before:]
    assert sorted(m["To"] for m in told) == sorted(r.email for r in people.values())
    for language, registration in people.items():
        [notice] = to(told, registration)
        assert notice["Content-Language"] == language
        title = pages[language].title
        with translation.override(language):
            subject = gettext("Changed: %(title)s") % {"title": title}
            changed = gettext("%(title)s has changed.") % {"title": title}
            # The language's own punctuation: "Quand :", "时间：".
            when, yours = gettext("When:"), gettext("Your time:")
            hello = gettext("Hello %(name)s,") % {"name": registration.name}
            # The times as the language writes them, not as the editor's admin does.
            new_day = date_format(datetime.date(2030, 3, 6), "DATE_FORMAT")
        assert notice["Subject"].strip() == subject
        text = text_of(notice)
        assert hello in text and changed in text
        assert f"{when} " in text and f"{yours} " in text
        assert language == "en" or when != "When:"
        assert new_day in text
        assert f"{hours(language, 10, 12)} (Europe/Amsterdam)" in text
        assert f"{hours(language, 17, 19)} (Asia/Shanghai)" in text
        assert f"/{language}/registrations/{registration.token}/" in text
        assert calendar_of(notice)[::2] == ("REQUEST", 1)


def test_an_all_day_events_days_are_the_same_for_everyone_and_never_midnights(
    smtp_server, site_tree, sign_up, publish, admin_client
):
    """Registrants far from Rome get its days as they are there, both of them, with no
    "your time" of midnight; moved to a time of day, the old days are still days."""
    rome = EventPageFactory(
        parent=site_tree.events,
        title="Rome open days",
        time_zone="Europe/Rome",
        all_day=True,
        start=datetime.datetime(2030, 3, 14, 23, tzinfo=datetime.UTC),  # 15 March in Rome
        end=datetime.datetime(2030, 3, 16, 22, 59, tzinfo=datetime.UTC),
        registration_mode="site",
    )
    registration = sign_up(rome, "amina@example.org", time_zone="America/Los_Angeles")
    assert smtp_server.messages
    for message in smtp_server.messages:
        text = text_of(message).replace("\r\n", "\n")
        assert "When: 15 March 2030 – 16 March 2030\n" in text
        assert "14 March" not in text and "Your time" not in text and "00:00" not in text

    listing = admin_client.get(reverse("registrations_admin:index")).content.decode()
    assert "15 March 2030" in listing and "14 March 2030" not in listing

    before = len(smtp_server.messages)
    moved = {"all_day": "", "time_zone": "Europe/Rome"}
    publish(rome, **moved, start="2030-03-17 10:00", end="2030-03-17 12:30")
    [notice] = to(smtp_server.messages[before:], registration)
    text = text_of(notice).replace("\r\n", "\n")
    assert "23:59" not in text and "00:00" not in text
    assert (
        "When: 15 March 2030 – 16 March 2030 → 17 March 2030, 10:00–12:30 (Europe/Rome)"
    ) in text
    assert (
        "Your time: 15 March 2030 – 16 March 2030 → 17 March 2030, 02:00–04:30 "
        "(America/Los Angeles)"
    ) in text
