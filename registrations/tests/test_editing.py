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
