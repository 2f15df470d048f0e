"""What the tests of parallel work share: work committed on a connection of its own (which
other connections can see, unlike the test's transaction), a slowed-down table where a
missing lock would show, and a committed event with its registrants, removed afterwards."""

import threading
from contextlib import contextmanager

import factory
from django.db import connection, transaction
from wagtail.models import Locale, Page

from events.models import EventPage
from mail.models import OutgoingEmail
from registrations.factories import RegistrationFactory


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


def _slow_sql(table, operation):
    name = f"slow_{table}_{operation.lower()}"
    slow = f"""
CREATE FUNCTION {name}() RETURNS trigger AS $$
BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER {name} BEFORE {operation} ON {table}
FOR EACH ROW EXECUTE FUNCTION {name}();
"""
    fast = f"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}();"
    return slow, fast


@contextmanager
def crowded_event(domain, people, table, operation, **fields):
    """A committed online event (its `fields` as given) with `people` registrants at
    `domain`, while every `operation` (UPDATE, INSERT) on `table` takes 50 ms: parallel
    requests overlap between reading and writing. Yields (event id, registrations);
    everything is removed afterwards."""
    slow, fast = _slow_sql(table, operation)

    def make():
        event = Page.get_first_root_node().add_child(
            instance=EventPage(
                locale=Locale.get_default(),
                format="online",
                registration_mode="site",
                **fields,
            )
        )
        registrations = RegistrationFactory.create_batch(
            people, event=event, email=factory.Sequence(lambda n: f"person-{n}@{domain}")
        )
        with connection.cursor() as cursor:
            cursor.execute(slow)
        return event.pk, registrations

    event_id, registrations = committed(make)
    try:
        yield event_id, registrations
    finally:

        def clean_up():
            with connection.cursor() as cursor:
                cursor.execute(fast)
            EventPage.objects.get(pk=event_id).delete()
            OutgoingEmail.objects.filter(recipient__endswith=f"@{domain}").delete()

        committed(clean_up)
