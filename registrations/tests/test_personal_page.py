"""The registrant's own page, through the e-mailed link: their time zone, and deleting
their data; and the form refusing what could hide headers or fill the database."""

import pytest

from partners.factories import PartnerPageFactory
from registrations.factories import RegistrationFactory
from registrations.models import Registration, RegistrationQuestion
from registrations.tests.conftest import link_in, sessions_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(smtp_server, register, follow, event):
    register(event)
    follow(link_in(smtp_server.messages[0]))
    return Registration.objects.get()


def test_changing_the_time_zone_changes_the_next_e_mails(smtp_server, follow, client, confirmed):
    page = client.get(f"/en/registrations/{confirmed.token}/").content.decode()
    assert '<option value="Africa/Kampala" selected>' in page

    answer = client.post(
        f"/en/registrations/{confirmed.token}/time-zone/", {"time_zone": "Asia/Shanghai"}
    )

    assert answer.status_code == 302
    assert Registration.objects.get().time_zone == "Asia/Shanghai"
    saved = follow(answer.url).content.decode()
    assert "Saved: our next e-mails give the times in Asia/Shanghai." in saved
    follow(f"/en/registrations/{confirmed.token}/cancel/", method="post")
    assert "21:00–23:00 (Asia/Shanghai)" in text_of(smtp_server.messages[-1])


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Asia/Shanghai\r\nBcc: x@example.org", ""])
def test_an_unknown_time_zone_is_refused(client, confirmed, zone):
    answer = client.post(f"/en/registrations/{confirmed.token}/time-zone/", {"time_zone": zone})
    assert answer.status_code == 200
    assert "time_zone" in answer.context["zone_form"].errors
    assert Registration.objects.get().time_zone == "Africa/Kampala"


def test_the_time_zone_needs_a_post(client, confirmed):
    assert client.get(f"/en/registrations/{confirmed.token}/time-zone/").status_code == 405


def test_deleting_my_data_asks_first_then_frees_the_place_and_forgets(
    smtp_server, follow, client, event, confirmed
):
    event.capacity = 1
    event.save_revision().publish()
    waiting = RegistrationFactory(event=event)
    follow(f"/en/registrations/confirm/{waiting.token}/")
    assert Registration.objects.get(pk=waiting.pk).status == "waiting"
    sent = len(smtp_server.messages)
    delete_url = f"/en/registrations/{confirmed.token}/delete/"

    asking = client.get(delete_url)
    assert asking.status_code == 200
    assert 'method="post"' in asking.content.decode()
    assert Registration.objects.get(pk=confirmed.pk).anonymized_at is None

    done = follow(delete_url, method="post")

    assert done.status_code == 200
    assert "deleted" in done.content.decode()
    gone = Registration.objects.get(pk=confirmed.pk)
    assert gone.status == "cancelled" and gone.anonymized_at
    assert (gone.name, gone.email, gone.institution, gone.answers) == ("", "", "", [])
    assert gone.country == "UG" and gone.role == "student"  # what the reports count
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    [promoted] = smtp_server.messages[sent:]  # nothing more to the deleted address
    assert promoted["To"] == waiting.email
    assert client.get(f"/en/registrations/{confirmed.token}/").status_code == 404
    assert client.get(f"/en/registrations/confirm/{confirmed.token}/").status_code == 404


def test_deleting_my_data_covers_every_session_registered_together(
    smtp_server, series_post, follow, client, series
):
    series_post(series)
    follow(link_in(smtp_server.messages[0]))
    first = Registration.objects.order_by("event__start").first()

    asking = client.get(f"/en/registrations/{first.token}/delete/").content.decode()
    assert all(s.title in asking for s in sessions_of(series))
    follow(f"/en/registrations/{first.token}/delete/", method="post")

    assert Registration.objects.filter(anonymized_at__isnull=True).count() == 0
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}


def test_the_time_zone_changes_for_every_session_registered_together(
    smtp_server, series_post, follow, client, series
):
    series_post(series)
    token = Registration.objects.first().token
    client.post(f"/en/registrations/{token}/time-zone/", {"time_zone": "Asia/Shanghai"})
    assert set(Registration.objects.values_list("time_zone", flat=True)) == {"Asia/Shanghai"}


TEN_KB = "x" * 10_000


@pytest.fixture
def partner(site_tree):
    return PartnerPageFactory(parent=site_tree.partners)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Amina\r\nBcc: everyone@example.org"}, "name"),
        ({"name": TEN_KB}, "name"),
        ({"email": TEN_KB + "@example.org"}, "email"),
        ({"institution": "Makerere\r\nBcc: everyone@example.org"}, "institution"),
        ({"institution": TEN_KB}, "institution"),
        ({"question_1": "Vegetarian\r\nBcc: everyone@example.org"}, "question_1"),
        ({"question_1": TEN_KB}, "question_1"),
        ({"question_2": "Fine\x00\x1b[2J"}, "question_2"),
        ({"question_2": TEN_KB}, "question_2"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"time_zone": "Europe/Amsterdam\r\n"}, "time_zone"),
        ({"time_zone": TEN_KB}, "time_zone"),
        ({"country": "XX"}, "country"),
        ({"country": TEN_KB}, "country"),
        ({"role": "emperor"}, "role"),
        ({"partner": "999999"}, "partner"),
    ],
)
def test_header_injection_and_oversized_input_get_form_errors(
    register, event, partner, changes, field
):
    RegistrationQuestion.objects.create(page=event, label="Dietary needs")
    RegistrationQuestion.objects.create(page=event, label="Anything else?", kind="long_text")

    answer = register(event, **changes)

    assert answer.status_code == 200
    assert field in answer.context["form"].errors
    assert Registration.objects.count() == 0
