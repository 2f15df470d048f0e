"""A reader registers for a lecture series: every session or the chosen ones, with one
e-mail and one link, and one page to see and cancel them."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from events.factories import EventPageFactory
from registrations.models import Registration
from registrations.tests.conftest import (
    link_in,
    series_form_url,
    sessions_of,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_the_series_page_has_a_register_button_while_a_session_is_open(client, series):
    page = client.get(series.url).content.decode()
    assert f'href="{series_form_url(series)}"' in page

    for session in sessions_of(series):
        session.registration_mode = "external"
        session.registration_url = "https://forms.example.org/"
        session.save_revision().publish()
    assert series_form_url(series) not in client.get(series.url).content.decode()
    assert client.get(series_form_url(series)).status_code == 404


def test_the_form_lists_the_open_sessions_all_ticked(client, series):
    first, second, third = sessions_of(series)
    third.registration_deadline = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    third.save_revision().publish()

    form = client.get(series_form_url(series))

    assert form.status_code == 200
    html = form.content.decode()
    for session in (first, second):
        assert f'name="sessions" value="{session.pk}"' in html
    assert f'value="{third.pk}"' not in html
    boxes = re.findall(r'<input type="checkbox" name="sessions"[^>]*>', html)
    assert len(boxes) == 2 and all(" checked" in box for box in boxes)
    for name in ("name", "email", "institution", "country", "role", "time_zone", "consent"):
        assert f'name="{name}"' in html


def test_registering_for_every_session_with_one_e_mail_and_one_link(
    smtp_server, series_post, follow, series
):
    answer = series_post(series)

    assert answer.status_code == 302
    assert "Check your e-mail" in follow(answer.url).content.decode()
    registrations = list(Registration.objects.order_by("event__start"))
    assert [r.event for r in registrations] == sessions_of(series)
    assert len({r.batch for r in registrations}) == 1 and registrations[0].batch
    assert {r.status for r in registrations} == {"awaiting"}
    [request] = smtp_server.messages
    assert request["Subject"] == "Confirm your registration: Cutting-edge immunology"
    text = text_of(request)
    for title in ("Session 1", "Session 2", "Session 3"):
        assert title in text

    personal_page = follow(follow(link_in(request)).url)

    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
    html = personal_page.content.decode()
    for title in ("Session 1", "Session 2", "Session 3"):
        assert title in html
    assert html.count("/cancel/") == 3 and "/cancel-all/" in html
    placed = smtp_server.messages[1:]
    assert len(placed) == 3 and all(
        m["Subject"].startswith("Registration confirmed") for m in placed
    )


def test_chosen_sessions_only_and_each_by_its_own_capacity(
    smtp_server, series_post, follow, series
):
    first, second, third = sessions_of(series)
    second.capacity = 1
    second.save_revision().publish()
    series_post(series, email="early@example.org", sessions=[str(second.pk)])
    follow(link_in(smtp_server.messages[-1]))

    series_post(series, sessions=[str(first.pk), str(second.pk)])
    follow(link_in(smtp_server.messages[-1]))

    # The form marks the full session before anyone sends it.
    form = BeautifulSoup(follow(series_form_url(series)).content, "html.parser")
    marked = [box.find_parent("label") for box in form.select("input[name=sessions]")]
    assert ["Full: you join the waiting list" in str(label) for label in marked] == [
        False,
        True,
        False,
    ]
    mine = Registration.objects.filter(email="amina@example.org")
    assert dict(mine.values_list("event", "status")) == {
        first.pk: "confirmed",
        second.pk: "waiting",
    }
    page = follow(f"/en/registrations/{mine.first().token}/").content.decode()
    assert "You are number 1 on the waiting list." in page


def test_cancelling_one_session_or_all(smtp_server, series_post, follow, series):
    series_post(series)
    follow(link_in(smtp_server.messages[0]))
    first, second, third = Registration.objects.order_by("event__start")

    # From the first session's page, cancel the second: back on the same page, told which.
    answer = follow(
        f"/en/registrations/{second.token}/cancel/", method="post", data={"back": first.token}
    )
    assert answer.status_code == 302 and answer.url.startswith(f"/en/registrations/{first.token}/")
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "cancelled", third.pk: "confirmed"}
    page = BeautifulSoup(follow(answer.url).content, "html.parser")
    assert page.select_one(".notice[role=status]").get_text(strip=True) == (
        "Your registration for “Session 2” is cancelled."
    )
    assert str(page).count("/cancel/") == 2

    asking = follow(f"/en/registrations/{first.token}/cancel-all/")
    assert asking.status_code == 200 and "Session 3" in asking.content.decode()
    answer = follow(f"/en/registrations/{first.token}/cancel-all/", method="post")
    assert answer.status_code == 302
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    told = BeautifulSoup(follow(answer.url).content, "html.parser")
    assert "Your registrations are cancelled." in told.select_one(".notice").get_text()


def test_registering_again_for_more_sessions_gives_one_page_for_all(
    smtp_server, series_post, follow, series
):
    first, second, third = sessions_of(series)
    series_post(series, sessions=[str(first.pk)])
    follow(link_in(smtp_server.messages[-1]))
    series_post(series, email="AMINA@example.org", sessions=[str(first.pk), str(second.pk)])
    request = smtp_server.messages[-1]
    text = text_of(request)
    assert "Please follow this link to confirm your registration for this session:" in text
    assert "Session 1" in text and "Already confirmed." in text

    page = follow(follow(link_in(request)).url).content.decode()
    assert "Session 1" in page and "Session 2" in page and "Session 3" not in page
    assert page.count("/cancel/") == 2
    assert Registration.objects.filter(email="amina@example.org").count() == 2


@pytest.mark.parametrize(
    "sessions",
    [[], ["999999"], ["not-a-number"], "elsewhere", "closed"],
    ids=["none", "unknown", "not a number", "another series' session", "closed session"],
)
def test_sessions_must_be_open_and_of_the_series(site_tree, series_post, series, sessions):
    if sessions == "elsewhere":
        sessions = [str(EventPageFactory(parent=site_tree.events, registration_mode="site").pk)]
    elif sessions == "closed":
        closed = sessions_of(series)[0]
        closed.status = "cancelled"
        closed.save_revision().publish()
        sessions = [str(closed.pk)]

    answer = series_post(series, sessions=sessions)

    assert answer.status_code == 200
    assert "sessions" in answer.context["form"].errors
    assert Registration.objects.count() == 0


def test_already_registered_sessions_keep_their_registration(
    smtp_server, register, series_post, follow, series
):
    first = sessions_of(series)[0]
    register(first)
    follow(link_in(smtp_server.messages[0]))

    series_post(series)

    assert Registration.objects.count() == 3
    assert Registration.objects.get(event=first).status == "confirmed"
    follow(link_in(smtp_server.messages[-1]))
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}


def test_a_draft_series_has_no_form(client, series):
    series.unpublish()
    assert client.get(series_form_url(series)).status_code == 404
