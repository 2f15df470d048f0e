"""A reader registers for an event on the site: the form, the e-mailed link, the place
and its calendar invitation, and what robots and bad input get."""

import datetime
import time

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core import signing

from events.factories import EventPageFactory
from events.models import EventPage
from registrations.forms import SHOWN_AT_SALT, shown_at_value
from registrations.models import Registration
from registrations.tests.conftest import START, answers, form_url, link_in, text_of

pytestmark = pytest.mark.django_db


def test_an_event_registering_on_the_site_links_to_its_form_in_english(client, event):
    page = client.get(event.url)
    assert f'href="{form_url(event)}"'.encode() in page.content

    form = client.get(form_url(event))
    assert form.status_code == 200
    html = form.content.decode()
    assert 'lang="en"' in html
    for name in ("name", "email", "institution", "country", "role", "time_zone", "consent"):
        assert f'name="{name}"' in html
    assert 'data-browser-zone=""' in html
    assert '<option value="Europe/Amsterdam" selected>' in html
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html


def test_the_form_in_arabic_is_right_to_left_and_in_arabic(client, translated_event):
    arabic = translated_event("ar")
    form = client.get(form_url(arabic, "ar"))
    assert form.status_code == 200
    html = form.content.decode()
    assert 'dir="rtl"' in html
    assert "منطقتك الزمنية" in html  # "Your time zone"
    assert "أوافق على حفظ تسجيلي" in html  # the consent


def test_an_event_registering_elsewhere_has_no_form(client, site_tree):
    external = EventPageFactory(
        parent=site_tree.events, registration_url="https://forms.example.org/immunology"
    )
    page = client.get(external.url)
    assert b"https://forms.example.org/immunology" in page.content
    assert form_url(external).encode() not in page.content
    assert client.get(form_url(external)).status_code == 404


def test_registering_confirming_and_the_calendar_invitation(
    smtp_server, settings, register, follow, event
):
    settings.DEFAULT_FROM_EMAIL = "Global Health Partnerships <events@example.org>"
    answer = register(event)
    assert answer.status_code == 302
    assert "Check your e-mail" in follow(answer.url).content.decode()
    [request] = smtp_server.messages
    assert request["To"] == "amina@example.org"
    assert request["Content-Language"] == "en"
    assert request["Subject"] == "Confirm your registration: Immunology week"
    text = text_of(request)
    assert "5 March 2030, 14:00–16:00 (Europe/Amsterdam)" in text
    assert "16:00–18:00 (Africa/Kampala)" in text
    registration = Registration.objects.get()
    assert registration.status == "awaiting"
    assert link_in(request).endswith(f"/en/registrations/confirm/{registration.token}/")

    published = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=3)
    EventPage.objects.filter(pk=registration.event_id).update(last_published_at=published)
    personal_page = follow(follow(link_in(request)).url)
    assert "Confirmed" in personal_page.content.decode()
    [_request, confirmed] = smtp_server.messages
    assert confirmed["Subject"] == "Registration confirmed: Immunology week"
    [attachment] = list(confirmed.iter_attachments())
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert str(calendar["method"]) == "REQUEST"
    [entry] = calendar.walk("VEVENT")
    assert str(entry["uid"]) == f"registration-{registration.pk}@testserver"
    assert entry["sequence"] == 0
    assert str(entry["attendee"]) == "mailto:amina@example.org"
    assert str(entry["organizer"]) == "mailto:events@example.org"
    assert entry.decoded("dtstart") == START
    # Stamped when the message was made, not when the page was last published.
    made = entry.decoded("dtstamp")
    assert abs(made - datetime.datetime.now(tz=datetime.UTC)) < datetime.timedelta(minutes=1)

    follow(link_in(request))  # the link followed again
    assert Registration.objects.get().status == "confirmed"
    assert len(smtp_server.messages) == 2


def test_the_same_address_twice_gets_the_same_answer_and_one_registration(
    smtp_server, register, event
):
    first = register(event)
    second = register(event, email="Amina@Example.org", name="Someone else")
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Registration.objects.count() == 1
    assert [link_in(m) for m in smtp_server.messages] == [link_in(smtp_server.messages[0])] * 2


@pytest.mark.parametrize(
    "changes",
    [{"website": "https://spam.example.com"}, {"shown_at": "forged"}],
    ids=["honeypot filled", "unsigned time"],
)
def test_robots_get_the_same_answer_and_nothing_is_stored(smtp_server, register, event, changes):
    person = register(event, email="person@example.org")
    robot = register(event, **changes)
    assert robot.status_code == 302 and robot.url == person.url
    assert list(Registration.objects.values_list("email", flat=True)) == ["person@example.org"]
    assert len(smtp_server.messages) == 1


def test_a_form_sent_within_seconds_is_asked_again_with_nothing_lost(smtp_server, register, event):
    """A browser that fills the form in lets a person send it at once: they are asked to
    send it again (never told an e-mail is coming when none is), and it then goes."""
    hurried = register(
        event,
        email="budi@ui.example.org",
        name="Budi Santoso",
        shown_at=shown_at_value(time.time() - 1),
    )
    assert hurried.status_code == 200
    assert not Registration.objects.exists() and smtp_server.messages == []
    html = BeautifulSoup(hurried.content, "html.parser")
    summary = html.select_one("[data-error-summary]")
    assert "send the form again" in summary.get_text()
    assert summary.has_attr("autofocus")
    assert html.select_one("#id_name")["value"] == "Budi Santoso"
    assert html.select_one("#id_email")["value"] == "budi@ui.example.org"
    assert html.select_one("#id_consent").has_attr("checked")
    shown_again = signing.loads(html.select_one("[name=shown_at]")["value"], salt=SHOWN_AT_SALT)
    assert shown_again > time.time() - 5  # the form counts from now

    sent_again = register(event, email="budi@ui.example.org", name="Budi Santoso")
    assert sent_again.status_code == 302
    assert Registration.objects.filter(email="budi@ui.example.org").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Amina\r\nBcc: everyone@example.org"}, "name"),
        ({"email": "amina@example.org\nBcc: everyone@example.org"}, "email"),
        ({"name": "A" * 201}, "name"),
        ({"institution": "Makerere\x00University"}, "institution"),
        ({"institution": "M" * 5000}, "institution"),
        ({"email": "a" * 250 + "@example.org"}, "email"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"consent": ""}, "consent"),
    ],
)
def test_bad_input_is_answered_with_form_errors(register, event, changes, field):
    answer = register(event, **changes)
    assert answer.status_code == 200
    assert field in answer.context["form"].errors
    assert Registration.objects.count() == 0
    # The error is tied to its field for screen readers, and listed in the summary.
    html = BeautifulSoup(answer.content, "html.parser")
    error = html.select_one(f"#id_{field}_error")
    assert error is not None and error.get_text(strip=True)
    assert f"id_{field}_error" in html.select_one(f"#id_{field}")["aria-describedby"].split()
    assert html.select_one(f'[data-error-summary] a[href="#id_{field}"]') is not None


def test_a_zone_the_browser_names_outside_the_common_list_is_accepted(register, event):
    register(event, time_zone="Pacific/Chatham")
    assert Registration.objects.get().time_zone == "Pacific/Chatham"


@pytest.mark.parametrize("token", ["unknown", "x" * 43, "%00" * 43, "a%0D%0Ab" * 10])
def test_unknown_tokens_are_not_found(client, token):
    assert client.get(f"/en/registrations/confirm/{token}/").status_code == 404
    assert client.get(f"/en/registrations/{token}/").status_code == 404
    assert client.post(f"/en/registrations/{token}/cancel/").status_code == 404


def test_registering_again_once_confirmed_leads_back_to_the_registration(
    smtp_server, register, follow, event
):
    register(event)
    follow(link_in(smtp_server.messages[0]))
    sent = len(smtp_server.messages)

    register(event)

    [again] = smtp_server.messages[sent:]
    personal_page = follow(follow(link_in(again)).url)
    assert "Confirmed" in personal_page.content.decode()
    assert Registration.objects.get().status == "confirmed"
    assert len(smtp_server.messages) == sent + 1


@pytest.mark.parametrize("event_id", ["0", "99999999999999999999999"])
def test_unknown_events_have_no_form(client, event_id):
    assert client.get(f"/en/registrations/event/{event_id}/").status_code == 404
    assert client.post(f"/en/registrations/event/{event_id}/", answers()).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"registration_deadline": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)},
        {"status": "cancelled"},
        {"status": "postponed"},
    ],
    ids=["deadline passed", "cancelled", "postponed"],
)
def test_a_closed_registration_has_no_button_and_no_form(client, event, change):
    for name, value in change.items():
        setattr(event, name, value)
    event.save_revision().publish()
    assert form_url(event).encode() not in client.get(event.url).content
    assert client.get(form_url(event)).status_code == 404
