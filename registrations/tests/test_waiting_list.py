"""Places, the waiting list and cancelling, as registrants see them in their e-mail, in
their own language."""

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext as _

from registrations.factories import RegistrationFactory
from registrations.models import Registration
from registrations.tests.conftest import form_url, hours, link_in, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(event):
    event.capacity = 2
    event.save_revision().publish()
    return event


def confirm_all(follow, registrations):
    for registration in registrations:
        follow(f"/{registration.language}/registrations/confirm/{registration.token}/")


def test_two_places_and_three_confirmations_leave_one_waiting(smtp_server, follow, full_event):
    first, second, third = RegistrationFactory.create_batch(3, event=full_event)
    confirm_all(follow, [first, second, third])
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "confirmed", third.pk: "waiting"}
    waiting_mail = smtp_server.messages[-1]
    assert waiting_mail["To"] == third.email
    assert "number 1 on the waiting list" in text_of(waiting_mail)
    assert not list(waiting_mail.iter_attachments())
    page = follow(f"/en/registrations/{third.token}/").content.decode()
    assert "You are number 1 on the waiting list." in page


def test_cancelling_a_place_gives_it_to_the_first_in_line(smtp_server, follow, full_event):
    first, second, third, fourth = RegistrationFactory.create_batch(4, event=full_event)
    confirm_all(follow, [first, second, third, fourth])
    before = len(smtp_server.messages)

    answer = follow(f"/en/registrations/{first.token}/cancel/", method="post")
    assert answer.status_code == 302

    assert Registration.objects.get(pk=first.pk).status == "cancelled"
    assert Registration.objects.get(pk=third.pk).status == "confirmed"
    assert Registration.objects.get(pk=fourth.pk).status == "waiting"
    cancelled, promoted = smtp_server.messages[before:]
    assert cancelled["To"] == first.email
    [withdrawn] = icalendar.Calendar.from_ical(
        next(cancelled.iter_attachments()).get_content()
    ).walk("VEVENT")
    calendar = icalendar.Calendar.from_ical(next(cancelled.iter_attachments()).get_content())
    assert str(calendar["method"]) == "CANCEL"
    assert str(withdrawn["uid"]) == f"registration-{first.pk}@testserver"
    assert withdrawn["sequence"] == 1
    assert promoted["To"] == third.email
    assert "A place became free" in text_of(promoted)
    invitation = icalendar.Calendar.from_ical(next(promoted.iter_attachments()).get_content())
    assert str(invitation["method"]) == "REQUEST"


def test_cancelling_asks_first(client, full_event):
    registration = RegistrationFactory(event=full_event, status="confirmed")
    asking = client.get(f"/en/registrations/{registration.token}/cancel/")
    assert asking.status_code == 200
    html = BeautifulSoup(asking.content, "html.parser")
    assert html.select_one("form[method=post] button[type=submit]")
    assert "first person on the waiting list" in html.get_text()
    keep = html.select_one(f'a[href="/en/registrations/{registration.token}/"]')
    assert keep is not None
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        ("fr", "Confirmez votre inscription : ", "Suivez ce lien pour confirmer"),
        ("zh-hans", "请确认您的报名：", "请点击此链接确认"),
        ("ar", "أكِّد تسجيلك: ", "يُرجى اتباع هذا الرابط"),
    ],
)
def test_emails_are_in_the_language_of_the_page(
    smtp_server, register, follow, translated_event, language, subject, sentence
):
    page = translated_event(language)
    register(page, language, time_zone="Asia/Shanghai")
    [message] = smtp_server.messages
    assert message["Content-Language"] == language
    assert message["Subject"].strip() == subject + page.title
    text = text_of(message)
    assert sentence in text
    assert f"{hours(language, 14, 16)} (Europe/Amsterdam)" in text
    assert f"{hours(language, 21, 23)} (Asia/Shanghai)" in text
    assert f"/{language}/registrations/confirm/" in link_in(message)

    follow(link_in(message))
    confirmed = smtp_server.messages[-1]
    assert confirmed["Content-Language"] == language
    assert Registration.objects.get().language == language


def test_the_form_says_before_sending_that_the_places_are_taken(client, full_event):
    def notice():
        html = BeautifulSoup(client.get(form_url(full_event)).content, "html.parser")
        return html.select_one(".registration-full")

    RegistrationFactory(event=full_event, status="confirmed")
    assert notice() is None  # one place left
    RegistrationFactory(event=full_event, status="confirmed")
    assert "you join the waiting list" in notice().get_text()


@pytest.mark.parametrize("language", ["fr", "zh-hans", "ar"])
def test_waiting_promoted_and_cancelled_emails_are_in_the_registrants_language(
    smtp_server, follow, translated_event, language
):
    """Every e-mail of the waiting list speaks the registrant's language, with its
    calendar entry named in it too."""
    page = translated_event(language)
    page.capacity = 1
    page.save_revision().publish()
    first, second = RegistrationFactory.create_batch(2, event=page, language=language)
    confirm_all(follow, [first, second])
    waiting = smtp_server.messages[-1]
    before = len(smtp_server.messages)
    follow(f"/{language}/registrations/{first.token}/cancel/", method="post")
    cancelled, promoted = smtp_server.messages[before:]

    with translation.override(language):
        subjects = {
            "waiting": _("On the waiting list: %(title)s"),
            "cancelled": _("Registration cancelled: %(title)s"),
            "promoted": _("Registration confirmed: %(title)s"),
        }
    for name, message in (("waiting", waiting), ("cancelled", cancelled), ("promoted", promoted)):
        assert message["Content-Language"] == language, name
        assert not subjects[name].startswith(("On the", "Registration")), "not translated"
        assert message["Subject"].strip() == subjects[name] % {"title": page.title}, name
        assert page.title in text_of(message), name
        if name != "cancelled":  # their personal page, in their language
            assert f"/{language}/registrations/" in text_of(message), name
    for message, method in ((cancelled, "CANCEL"), (promoted, "REQUEST")):
        calendar = icalendar.Calendar.from_ical(next(message.iter_attachments()).get_content())
        [entry] = calendar.walk("VEVENT")
        assert str(calendar["method"]) == method
        assert str(entry["summary"]) == page.title
