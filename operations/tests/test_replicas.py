"""Anonymous readers' pages come from the read replica; editors, forms, the admin, the
registrant's pages and the moments after a publication read the primary.

The replica here is a database of its own, a copy of the primary that `replicate()` brings
up to date, as streaming replication would; what changes on the primary afterwards is
not on the replica, as on one that lags.
"""

import contextlib
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import psycopg2
import pytest
import time_machine
from django.core.exceptions import MiddlewareNotUsed
from django.db import OperationalError, connections, router, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from core.dependencies import clear_local, epoch
from events.factories import EventPageFactory
from news.factories import NewsPageFactory
from operations.replicas import (
    PRIMARY,
    REPLICA,
    ROUTER,
    ReplicaReadsMiddleware,
    ReplicaRouter,
)

pytestmark = pytest.mark.django_db(databases=[PRIMARY, REPLICA])

ROOT = Path(__file__).resolve().parent.parent.parent


def on_server(*statements):
    """Run statements outside any database, as the server's administrator."""
    primary = connections[PRIMARY].settings_dict
    connection = psycopg2.connect(
        dbname="postgres",
        user=primary["USER"],
        password=primary["PASSWORD"],
        host=primary["HOST"],
        port=primary["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


@pytest.fixture(scope="module")
def replica_database(django_db_setup, django_db_blocker):
    """The `replica` alias on a database of its own: a copy of the test database as
    migrated, taken before any test of this module writes."""
    replica = connections[REPLICA].settings_dict
    primary_name = connections[PRIMARY].settings_dict["NAME"]
    name = f"{primary_name}_replica"
    mirrored = replica["NAME"]
    with django_db_blocker.unblock():
        # A template database may have no other connection: this thread's are closed, and
        # those that threads of earlier tests left open are ended.
        connections.close_all()
        on_server(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608 (our name)
            f"WHERE datname = '{primary_name}' AND pid <> pg_backend_pid()",
            f'CREATE DATABASE "{name}" TEMPLATE "{primary_name}"',
        )
    replica["NAME"] = name
    yield name
    with django_db_blocker.unblock():
        connections[REPLICA].close()
        replica["NAME"] = mirrored
        on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def replica(replica_database, settings):
    """The router installed, as DATABASE_REPLICA_URL does; what the test puts on the
    replica is rolled back after it, like the primary's test transaction."""
    settings.DATABASE_ROUTERS = [ROUTER]
    with transaction.atomic(using=REPLICA):
        yield
        transaction.set_rollback(True, using=REPLICA)


def replicate():
    """Make the replica hold what the primary holds now, row for row."""
    primary, replica = connections[PRIMARY], connections[REPLICA]
    tables = [
        primary.ops.quote_name(table)
        for table in primary.introspection.django_table_names(only_existing=True)
    ]
    with primary.cursor() as reading, replica.cursor() as writing:
        writing.execute(f"TRUNCATE {', '.join(tables)}")
        for table in tables:
            reading.execute(f"SELECT array_agg(copied::text) FROM {table} AS copied")  # noqa: S608
            rows = reading.fetchone()[0]
            if rows:
                writing.execute(
                    f"INSERT INTO {table} SELECT (copied.line::{table}).* "  # noqa: S608
                    "FROM unnest(%s::text[]) AS copied(line)",
                    [rows],
                )


@contextlib.contextmanager
def queries():
    """The queries made on the primary and on the replica inside the block."""
    with (
        CaptureQueriesContext(connections[PRIMARY]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        yield SimpleNamespace(primary=primary, replica=replica)


def a_minute_later():
    """Past the lag guard of the purges made while the test built its pages."""
    return time_machine.travel(time.time() + 60)


@pytest.fixture
def article(site_tree, replica):
    """An article on both databases, whose title then changed on the primary only (no
    purge: the replica has not caught up yet)."""
    article = NewsPageFactory(parent=site_tree.news, title="Measles campaign begins")
    replicate()
    Page.objects.filter(pk=article.pk).update(title="Measles campaign postponed")
    article.url  # noqa: B018 - the site's root paths are cached, as after the first request
    epoch()  # so is the next expiry time, which the first request after a change looks up
    return article


@pytest.fixture
def editor_client(django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client = Client()
    client.force_login(editor)
    return client


def test_an_anonymous_reader_gets_the_page_from_the_replica(client, article):
    url = article.url
    with a_minute_later(), queries() as made:
        response = client.get(url)
    assert response.status_code == 200
    assert b"Measles campaign begins" in response.content
    assert len(made.replica) > 0
    assert len(made.primary) == 0


def test_a_head_request_reads_the_replica_too(client, article):
    url = article.url
    with a_minute_later(), queries() as made:
        assert client.head(url).status_code == 200
    assert len(made.replica) > 0
    assert len(made.primary) == 0


def test_a_signed_in_editor_reads_the_primary(editor_client, article):
    url = article.url
    with a_minute_later(), queries() as made:
        response = editor_client.get(url)
    assert b"Measles campaign postponed" in response.content
    assert len(made.replica) == 0


def test_a_form_sent_to_a_page_reads_the_primary(client, article):
    url = article.url
    with a_minute_later(), queries() as made:
        response = client.post(url)
    assert b"Measles campaign postponed" in response.content
    assert len(made.replica) == 0


def test_the_admin_reads_the_primary_even_signed_out(client, article):
    with a_minute_later(), queries() as made:
        assert client.get("/admin/login/").status_code == 200
    assert len(made.replica) == 0


def test_the_registration_form_reads_the_primary(client, site_tree, locales, replica):
    replicate()
    event = EventPageFactory(  # not on the replica yet
        parent=site_tree.events,
        title="Immunology week",
        start=datetime.datetime(2030, 3, 5, 13, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2030, 3, 5, 15, 0, tzinfo=datetime.UTC),
        registration_mode="site",
    )
    with a_minute_later(), queries() as made:
        response = client.get(f"/en/registrations/event/{event.pk}/")
    assert response.status_code == 200
    assert b"Immunology week" in response.content
    assert len(made.replica) == 0


def test_just_after_a_publication_readers_get_the_primary_until_the_replica_caught_up(
    client, article, settings
):
    settings.DATABASE_REPLICA_LAG_SECONDS = 10
    url, index_url = article.url, article.get_parent().url
    with a_minute_later() as moment:
        article.refresh_from_db()
        article.title = "Measles campaign postponed to May"
        article.save_revision().publish()  # the page cache is purged
        clear_local()  # as on another server: only the shared epoch tells of the purge
        with queries() as made:
            response = client.get(url)
        assert b"Measles campaign postponed to May" in response.content
        assert len(made.replica) == 0

        moment.shift(11)
        with queries() as made:
            assert client.get(index_url).status_code == 200
        assert len(made.replica) > 0
        assert len(made.primary) == 0


def test_a_request_reads_the_primary_from_its_first_write_on(rf, site_tree, replica):
    def view(request):
        before = router.db_for_read(Page)
        Locale.objects.filter(language_code="none").update(language_code="none")
        return HttpResponse(f"{before} then {router.db_for_read(Page)}")

    with a_minute_later():
        response = ReplicaReadsMiddleware(view)(rf.get("/en/"))
    assert response.content.decode() == f"{REPLICA} then {PRIMARY}"


def test_commands_and_the_worker_read_the_primary(replica):
    with a_minute_later(), queries() as made:
        Page.objects.count()
    assert len(made.replica) == 0
    assert len(made.primary) == 1


def test_migrations_run_on_the_primary_and_objects_from_both_relate(site_tree, replica):
    replicate()
    routing = ReplicaRouter()
    assert routing.allow_migrate(PRIMARY, "wagtailcore")
    assert not routing.allow_migrate(REPLICA, "wagtailcore")
    from_replica = Page.objects.using(REPLICA).get(pk=site_tree.news.pk)
    assert routing.allow_relation(site_tree.home, from_replica)


def test_without_the_router_nothing_is_routed():
    with pytest.raises(MiddlewareNotUsed):
        ReplicaReadsMiddleware(HttpResponse)
    assert router.db_for_read(Page) == PRIMARY


SHOW_DATABASES = (
    "from django.conf import settings; "
    "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, "
    "settings.DATABASES.get('replica', {}).get('HOST'), "
    "settings.DATABASES.get('replica', {}).get('CONN_MAX_AGE'), "
    "settings.DATABASES.get('replica', {}).get('OPTIONS', {}).get('connect_timeout'))"
)


def production_settings(**environment):
    """What production's settings make of the environment (manage.py in a process)."""
    kept = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_"))
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SHOW_DATABASES],
        cwd=ROOT,
        env={
            **kept,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key",
            "DATABASE_URL": "postgres://site@db.example.org:5432/site",
            "ALLOWED_HOSTS": "www.example.org",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_replica_and_its_router_come_only_with_database_replica_url():
    assert production_settings() == ["['default']", "[]", "None", "None", "None"]
    assert production_settings(
        DATABASE_REPLICA_URL="postgres://site@replica.example.org:5432/site"
    ) == [
        "['default',",
        "'replica']",
        f"['{ROUTER}']",
        "replica.example.org",
        "60",
        "5",
    ]


def test_a_transaction_the_request_began_reads_the_primary(rf, site_tree, replica):
    def view(request):
        outside = router.db_for_read(Page)
        with transaction.atomic():
            inside = router.db_for_read(Page)
        return HttpResponse(f"{outside} {inside} {router.db_for_read(Page)}")

    with a_minute_later():
        response = ReplicaReadsMiddleware(view)(rf.get("/en/"))
    assert response.content.decode() == f"{REPLICA} {PRIMARY} {REPLICA}"


def test_documents_read_the_primary(client, replica):
    with a_minute_later(), queries() as made:
        assert client.get("/documents/999999/missing.pdf").status_code == 404
    assert len(made.replica) == 0


def test_a_replica_out_of_reach_sends_readers_to_the_primary_for_a_while(
    client, article, settings, monkeypatch, caplog
):
    import operations.replicas as replicas

    monkeypatch.setattr(replicas, "_unreachable_until", 0.0)
    replica = connections[REPLICA]
    with a_minute_later() as moment:
        # As psycopg answers once the replica's server has gone away (the test's own
        # connection stays as it is, inside the test's transaction).
        def refused():
            raise OperationalError('connection to server at "replica", port 5432 failed')

        monkeypatch.setattr(replica, "ensure_connection", refused)
        with caplog.at_level("WARNING", logger="operations.replicas"):
            first = client.get(article.url)
            second = client.get(article.url + "?page=1")
        assert first.status_code == second.status_code == 200
        assert b"Measles campaign postponed" in first.content  # the primary's title
        assert b"Measles campaign postponed" in second.content
        assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1
        moment.shift(replicas.REPLICA_RETRY_SECONDS + 1)
        assert replicas.replica_reachable() is False  # tried again, still down
