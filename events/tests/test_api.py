"""The events API (/api/v2/events/): live public events, their filters, 400s naming the
bad parameter, conditional answers, read-only."""

import pytest
import time_machine

from events.factories import EventPageFactory
from tests.machine import NOW, api, at, titles

pytestmark = pytest.mark.django_db


@time_machine.travel(NOW, tick=False)
def test_api_lists_live_public_events_with_their_fields(client, events):
    response = api(client, upcoming="true")
    assert titles(response) == [
        "Session",
        "Hosted",
        "Cancelled",
        "Summer school",
        "Jakarta symposium",
        "After DST",
    ]
    item = next(i for i in response.json()["items"] if i["title"] == "Session")
    assert item["start"] == "2030-03-25T14:00:00+01:00"
    assert item["time_zone"] == "Europe/Amsterdam"
    assert item["online"] is True and item["venue"] is None
    assert "secret-room" not in response.content.decode()  # never the join address
    assert item["series"]["slug"] == "immunology-week"
    assert item["topics"] == [{"slug": "vaccines", "name": "Vaccines"}]
    assert item["url"].startswith("http://localhost/en/")
    assert item["ics_url"] == f"http://testserver/feeds/events/{events['session'].pk}.ics"
    assert item["translations"] == {"en": item["url"]}
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]


@time_machine.travel(NOW, tick=False)
def test_api_filters(client, events):
    assert titles(api(client, partner="makerere")) == ["Hosted"]
    assert titles(api(client, series="immunology-week")) == ["Session"]
    assert titles(api(client, topic="vaccines")) == ["Session"]
    assert titles(api(client, format="online")) == ["Session"]
    assert titles(api(client, past="1")) == ["Past"]
    window = {"start_after": "2030-03-27T20:00:00+01:00", "start_before": "2030-03-30"}
    assert titles(api(client, **window)) == [
        "Summer school",
        "Jakarta symposium",
    ]
    page = api(client, limit=2, offset=1).json()
    assert page["meta"] == {"total_count": 7, "limit": 2, "offset": 1, "locale": "en"}
    assert len(page["items"]) == 2


@time_machine.travel(NOW, tick=False)
def test_unchanged_answers_are_304_and_publishing_changes_them(client, events, site_tree):
    first = api(client)
    etag = first["ETag"]
    assert client.get("/api/v2/events/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    EventPageFactory(parent=site_tree.events, title="New", start=at(30), end=at(30, 16))
    events["hosted"].save_revision().publish()
    second = api(client)
    assert second["ETag"] != etag
    events["hosted"].unpublish()
    assert "Hosted" not in titles(api(client))


def test_other_api_endpoints_are_read_only(client, events):
    for path in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
        assert client.get(path).status_code == 200
    assert client.post("/api/v2/events/", {}).status_code == 405
