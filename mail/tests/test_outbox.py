"""The outbox against a real SMTP server: what arrives, what happens when the server is
down, and when the site gives up."""

import datetime
import io

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mail.models import OutgoingEmail
from mail.outbox import queue_email
from mail.tasks import send_due_emails, send_email

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """queue_email as a request calls it: the task is enqueued when the transaction commits."""

    def queue_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return queue_email(*args, **kwargs)

    return queue_and_commit


def run_worker():
    call_command("run_worker", "--once", stdout=io.StringIO())


def invitation():
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Global Health Partnerships//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "immunology-week@example.org")
    event.add("summary", "Immunology week")
    event.add("dtstart", START)
    event.add("dtend", START + datetime.timedelta(hours=2))
    event.add("dtstamp", START)
    calendar.add_component(event)
    return calendar.to_ical()


def reload(email):
    return OutgoingEmail.objects.get(pk=email.pk)


def test_a_queued_email_arrives_with_its_calendar_invitation(smtp_server, queue, settings):
    settings.DEFAULT_FROM_EMAIL = "Global Health Partnerships <events@example.org>"

    email = queue(
        "amina@example.org",
        "Inscription confirmée : semaine d'immunologie",
        "Vous êtes inscrite.",
        html="<p>Vous êtes <strong>inscrite</strong>.</p>",
        attachments=[("immunology-week.ics", invitation(), "text/calendar")],
        language="fr",
    )

    [message] = smtp_server.messages
    assert message["Subject"] == "Inscription confirmée : semaine d'immunologie"
    assert message["From"] == "Global Health Partnerships <events@example.org>"
    assert message["To"] == "amina@example.org"
    assert message["Content-Language"] == "fr"
    assert message.get_body(("plain",)).get_content().strip() == "Vous êtes inscrite."
    assert "<strong>inscrite</strong>" in message.get_body(("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "immunology-week.ics"
    assert attachment.get_content_type() == "text/calendar"
    content = attachment.get_content()
    calendar = icalendar.Calendar.from_ical(content if isinstance(content, bytes) else content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Immunology week"
    assert event.decoded("dtstart") == START
    sent = reload(email)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, "")
    assert sent.sent_at is not None and sent.next_attempt_at is None


def test_queueing_stores_a_row_and_a_task_and_talks_to_no_mail_server(
    smtp_server, queue, queued_tasks
):
    email = queue("amina@example.org", "Reminder", "The lecture starts tomorrow.")

    assert smtp_server.messages == []
    assert reload(email).status == "queued"
    task = DBTaskResult.objects.get(task_path="mail.tasks.send_email")
    assert (task.status, task.args_kwargs["args"]) == ("READY", [email.pk])

    run_worker()

    [message] = smtp_server.messages
    assert message["Subject"] == "Reminder"
    assert reload(email).status == "sent"


def test_a_server_outage_is_retried_after_1_then_2_minutes_by_the_worker(
    smtp_server, queue, queued_tasks
):
    smtp_server.stop()
    with time_machine.travel(START, tick=False) as clock:
        email = queue("amina@example.org", "Reminder", "The lecture starts tomorrow.")
        run_worker()
        waiting = reload(email)
        assert (waiting.status, waiting.attempts) == ("queued", 1)
        assert "ConnectionRefusedError" in waiting.last_error
        assert waiting.next_attempt_at == START + datetime.timedelta(minutes=1)

        clock.shift(datetime.timedelta(seconds=59))
        run_worker()  # not due yet
        assert reload(email).attempts == 1

        clock.shift(datetime.timedelta(seconds=1))
        run_worker()
        waiting = reload(email)
        assert waiting.attempts == 2
        assert waiting.next_attempt_at == START + datetime.timedelta(minutes=3)

        smtp_server.start()
        clock.shift(datetime.timedelta(minutes=2))
        run_worker()

    [message] = smtp_server.messages
    assert message["Subject"] == "Reminder"
    sent = reload(email)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 3, "")


def test_the_waits_double_until_the_site_gives_up(smtp_server, queue, settings):
    settings.EMAIL_MAX_ATTEMPTS = 6
    smtp_server.stop()
    waits = []
    with time_machine.travel(START, tick=False) as clock:
        email = queue("amina@example.org", "Reminder", "The lecture starts tomorrow.")
        while (email := reload(email)).status == "queued":
            waits.append(email.next_attempt_at - timezone.now())
            clock.move_to(email.next_attempt_at)
            send_due_emails.call()

    assert [wait.total_seconds() / 60 for wait in waits] == [1, 2, 4, 8, 16]
    assert (email.status, email.attempts, email.next_attempt_at) == ("failed", 6, None)
    assert "ConnectionRefusedError" in email.last_error


def test_a_worker_round_with_nothing_due_is_one_query(queue, django_assert_num_queries):
    with time_machine.travel(START, tick=False):
        OutgoingEmail.objects.create(
            recipient="amina@example.org",
            subject="Reminder",
            text="Tomorrow.",
            next_attempt_at=START + datetime.timedelta(minutes=4),
        )
        with django_assert_num_queries(1):
            send_due_emails.call()


@pytest.mark.parametrize(
    ("to", "subject"),
    [
        ("amina@example.org\nBcc: everyone@example.org", "Reminder"),
        ("amina@example.org", "Reminder\r\nBcc: everyone@example.org"),
        ("amina@example.org", "Reminder\nBcc: everyone@example.org"),
    ],
)
def test_a_line_break_in_recipient_or_subject_is_refused(to, subject):
    with pytest.raises(ValueError, match="must be one line"):
        queue_email(to, subject, "Tomorrow.")
    assert not OutgoingEmail.objects.exists()


def test_something_that_is_not_an_address_is_refused():
    with pytest.raises(ValueError, match="Not an e-mail address"):
        queue_email("amina at example.org", "Reminder", "Tomorrow.")


def test_a_header_injection_written_past_the_outbox_is_never_sent(smtp_server):
    email = OutgoingEmail.objects.create(
        recipient="amina@example.org",
        subject="Reminder\nBcc: everyone@example.org",
        text="Tomorrow.",
        next_attempt_at=datetime.datetime.now(datetime.UTC),
    )

    send_email.call(email.pk)

    assert smtp_server.messages == []
    refused = reload(email)
    assert refused.status == "failed"
    assert refused.last_error.startswith("BadHeaderError")
