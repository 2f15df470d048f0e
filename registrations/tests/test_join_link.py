"""A registrant with a place at an online event finds its join address on their own page
from REGISTRATION_JOIN_LINK_MINUTES before the start until the end, whoever else sees it;
before then the page says when it will appear. Nobody without a place sees it there."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from registrations.models import Registration
from registrations.tests.conftest import START

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/immunology-for-registrants-7c41"
MINUTE = datetime.timedelta(minutes=1)
END = START + datetime.timedelta(hours=2)
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
    """Register with the form and follow the e-mailed link (or not), three days before."""

    def sign_up(event, email, confirm=True):
        with time_machine.travel(BEFORE, tick=False):
            register(event, email=email, name=email.split("@")[0])
            registration = Registration.objects.get(email=email)
            if confirm:
                follow(reverse("registration_confirm", args=(registration.token,)))
        registration.refresh_from_db()
        return registration

    return sign_up


def personal_page(client, registration, at):
    with time_machine.travel(at, tick=False):
        answer = client.get(reverse("registration", args=(registration.token,)))
    assert answer.status_code == 200
    return answer.content.decode()


@pytest.mark.parametrize("visibility", ["registrants", "public"])
def test_the_address_shows_from_30_minutes_before_the_start_until_the_end(
    client, sign_up, online_event, visibility
):
    online_event.join_link_visibility = visibility
    online_event.save_revision().publish()
    registration = sign_up(online_event, "amina@example.org")
    assert registration.status == "confirmed"

    for moment in (BEFORE, START - 30 * MINUTE - MINUTE):
        page = personal_page(client, registration, moment)
        assert "Taking part online" in page
        assert JOIN not in page
    for moment in (START - 30 * MINUTE, START, END - MINUTE):
        page = personal_page(client, registration, moment)
        assert f'href="{JOIN}"' in page, moment
    page = personal_page(client, registration, END + MINUTE)
    assert JOIN not in page and "Taking part online" not in page


def test_before_then_the_page_says_when_in_the_registrants_zone(client, sign_up, online_event):
    registration = sign_up(online_event, "amina@example.org")  # Africa/Kampala, UTC+3
    page = personal_page(client, registration, START - datetime.timedelta(hours=5))
    assert "The address to join online appears here from" in page
    # 13:00 UTC is 16:00 in Kampala: half an hour before.
    assert '<time datetime="2030-03-05T15:30:00+03:00">' in page


def test_the_minutes_are_a_setting(client, settings, sign_up, online_event):
    settings.REGISTRATION_JOIN_LINK_MINUTES = 10
    registration = sign_up(online_event, "amina@example.org")
    assert JOIN not in personal_page(client, registration, START - 11 * MINUTE)
    assert JOIN in personal_page(client, registration, START - 10 * MINUTE)


def test_without_a_place_there_is_no_address(client, sign_up, online_event):
    online_event.capacity = 1
    online_event.save_revision().publish()
    gave_up = sign_up(online_event, "gave-up@example.org")
    with time_machine.travel(BEFORE, tick=False):
        client.post(reverse("registration_cancel", args=(gave_up.token,)))
    holder = sign_up(online_event, "holder@example.org")
    waiting = sign_up(online_event, "waiting@example.org")
    awaiting = sign_up(online_event, "awaiting@example.org", confirm=False)
    statuses = [
        Registration.objects.get(pk=r.pk).status for r in (gave_up, holder, waiting, awaiting)
    ]
    assert statuses == ["cancelled", "confirmed", "waiting", "awaiting"]

    assert JOIN in personal_page(client, holder, START - MINUTE)
    for registration in (gave_up, waiting, awaiting):
        page = personal_page(client, registration, START - MINUTE)
        assert JOIN not in page and "Taking part online" not in page


def test_a_cancelled_or_in_person_event_shows_none(client, sign_up, online_event):
    registration = sign_up(online_event, "amina@example.org")
    online_event.status = "cancelled"
    online_event.save_revision().publish()
    assert "Taking part online" not in personal_page(client, registration, START - MINUTE)

    online_event.status = "scheduled"
    online_event.format = "in_person"
    online_event.save_revision().publish()
    assert "Taking part online" not in personal_page(client, registration, START - MINUTE)


def test_the_event_page_never_shows_a_registrants_only_address(client, sign_up, online_event):
    sign_up(online_event, "amina@example.org")
    with time_machine.travel(START + MINUTE, tick=False):
        page = client.get(online_event.url).content.decode()
    assert online_event.title in page
    assert JOIN not in page
