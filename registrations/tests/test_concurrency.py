"""Places are never given out twice: many people following their links at the same moment,
through a running server that answers each request in its own thread and database
connection, get exactly as many places as there are."""

import datetime
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import factory
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connection, transaction
from wagtail.models import Locale, Page

from events.models import EventPage
from mail.models import OutgoingEmail
from registrations.factories import RegistrationFactory
from registrations.models import Registration

pytestmark = pytest.mark.django_db

PLACES = 25
PEOPLE = 40
DOMAIN = "concurrency.example.org"


def committed(work):
    """Run `work` in a thread of its own, on a connection of its own that commits, outside
    the test's transaction (which the server's connections cannot see into)."""
    result = {}

    def run():
        try:
            with transaction.atomic():
                result["value"] = work()
        except Exception as error:  # noqa: BLE001 - raised again in the test's thread
            result["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


SLOW_WRITES = """
CREATE FUNCTION slow_registration_write() RETURNS trigger AS $$
BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER slow_registration_write BEFORE UPDATE ON registrations_registration
FOR EACH ROW EXECUTE FUNCTION slow_registration_write();
"""
FAST_WRITES = """
DROP TRIGGER IF EXISTS slow_registration_write ON registrations_registration;
DROP FUNCTION IF EXISTS slow_registration_write();
"""


def make_event_and_registrations():
    root = Page.get_first_root_node()
    start = datetime.datetime(2030, 5, 4, 9, tzinfo=datetime.UTC)
    event = root.add_child(
        instance=EventPage(
            title="Crowded lecture",
            slug="crowded-lecture-concurrency",
            locale=Locale.get_default(),
            start=start,
            end=start + datetime.timedelta(hours=1),
            format="online",
            online_url="https://meet.example.org/crowded",
            registration_mode="site",
            capacity=PLACES,
        )
    )
    registrations = RegistrationFactory.create_batch(
        PEOPLE, event=event, email=factory.Sequence(lambda n: f"person-{n}@{DOMAIN}")
    )
    # A busy database: every change of a registration takes 50 ms, so that confirmations
    # overlap between counting the places and saving, where a missing lock would show.
    with connection.cursor() as cursor:
        cursor.execute(SLOW_WRITES)
    return event.pk, [registration.token for registration in registrations]


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
    event_id, tokens = committed(make_event_and_registrations)
    try:
        with ThreadedSite() as site:

            def confirm(token):
                url = f"{site.url}/en/registrations/confirm/{token}/"
                with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 (loopback)
                    return answer.status

            with ThreadPoolExecutor(max_workers=8) as pool:
                statuses = list(pool.map(confirm, tokens))

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
    finally:

        def clean_up():
            with connection.cursor() as cursor:
                cursor.execute(FAST_WRITES)
            EventPage.objects.get(pk=event_id).delete()
            OutgoingEmail.objects.filter(recipient__endswith=f"@{DOMAIN}").delete()

        committed(clean_up)
