"""Places are never given out twice: many people following their links at the same moment,
through a running server that answers each request in its own thread and database
connection, get exactly as many places as there are."""

import datetime
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from registrations.models import Registration
from registrations.tests.parallel import committed, crowded_event

pytestmark = pytest.mark.django_db

PLACES = 25
PEOPLE = 40
DOMAIN = "concurrency.example.org"


class ThreadedSite:
    """The site over HTTP on a free loopback port, each request in a thread and database
    connection of its own, as several gunicorn workers would answer them."""

    def __enter__(self):
        self.server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
        self.server.set_app(WSGIHandler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def test_forty_people_confirming_at_once_for_25_places(smtp_server):
    start = datetime.datetime(2030, 5, 4, 9, tzinfo=datetime.UTC)
    crowd = crowded_event(
        DOMAIN,
        PEOPLE,
        # Every change of a registration takes 50 ms: confirmations overlap between
        # counting the places and saving, where a missing lock would show.
        "registrations_registration",
        "UPDATE",
        title="Crowded lecture",
        slug="crowded-lecture-concurrency",
        start=start,
        end=start + datetime.timedelta(hours=1),
        online_url="https://meet.example.org/crowded",
        capacity=PLACES,
    )
    with crowd as (event_id, registrations), ThreadedSite() as site:

        def confirm(registration):
            url = f"{site.url}/en/registrations/confirm/{registration.token}/"
            with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 (loopback)
                return answer.status

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(confirm, registrations))

        def outcome():
            registrations = Registration.objects.filter(event_id=event_id)
            waiting = registrations.waiting_in_line()
            return registrations.confirmed().count(), [r.waiting_position() for r in waiting]

        confirmed, positions = committed(outcome)
    assert statuses == [200] * PEOPLE
    assert confirmed == PLACES
    assert positions == list(range(1, PEOPLE - PLACES + 1))
    subjects = [message["Subject"] for message in smtp_server.messages]
    assert subjects.count("Registration confirmed: Crowded lecture") == PLACES
    assert subjects.count("On the waiting list: Crowded lecture") == PEOPLE - PLACES
