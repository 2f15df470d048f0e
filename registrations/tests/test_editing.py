"""An editor opens registration on the site through the page editor."""

import pytest

from events.models import EventPage
from tests.admin_forms import EVENT_FIELDS, add_url, page_form_data, preview_url

pytestmark = pytest.mark.django_db


def test_an_editor_opens_registration_with_the_form_for_25_places(admin_client, site_tree):
    fields = {**EVENT_FIELDS, "registration_mode": "site", "capacity": "25"}
    data = page_form_data(EventPage, "Immunology week", **fields)

    preview = admin_client.post(preview_url(EventPage, site_tree.events), data)
    assert preview.json() == {"is_valid": True, "is_available": True}
    assert admin_client.get(preview_url(EventPage, site_tree.events)).status_code == 200

    assert admin_client.post(add_url(EventPage, site_tree.events), data).status_code == 302
    event = EventPage.objects.get(title="Immunology week")
    assert (event.registration_mode, event.capacity, event.registration_url) == ("site", 25, "")
    page = admin_client.get(event.url).content.decode()
    assert f'href="/en/registrations/event/{event.pk}/"' in page


def test_an_editor_adds_a_question_and_readers_are_asked_it(admin_client, site_tree, client):
    question = {
        "label": "Which degree programme are you in?",
        "kind": "choice",
        "choices": "Master's\nPhD",
        "required": "on",
    }
    fields = {**EVENT_FIELDS, "registration_mode": "site", "registration_questions": [question]}
    data = page_form_data(EventPage, "Immunology week", **fields)

    assert admin_client.post(add_url(EventPage, site_tree.events), data).status_code == 302
    event = EventPage.objects.get(title="Immunology week")
    form = client.get(f"/en/registrations/event/{event.pk}/").content.decode()
    assert "Which degree programme are you in?" in form and "PhD" in form


def test_a_choice_question_needs_its_choices(admin_client, site_tree):
    question = {"label": "Which programme?", "kind": "choice", "choices": "PhD"}
    fields = {**EVENT_FIELDS, "registration_mode": "site", "registration_questions": [question]}
    data = page_form_data(EventPage, "Immunology week", **fields)

    response = admin_client.post(add_url(EventPage, site_tree.events), data)
    assert response.status_code == 200  # the editor again, with the error
    assert "Give at least two choices, one per line." in response.content.decode()
    assert not EventPage.objects.filter(title="Immunology week").exists()
