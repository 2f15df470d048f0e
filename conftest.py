import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import dj_database_url
import psycopg2
import pytest
from wagtail.models import Locale, Page, Site

from bench.loadtest.run import free_port
from bench.smtp import SMTPServer
from events.factories import EventIndexPageFactory
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory
from partners.factories import PartnerIndexPageFactory
from tests.databases import make_scratch_database
from tests.machine import make_events

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/globalhealth"


def pytest_configure(config):
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    params = dj_database_url.parse(url)
    try:
        psycopg2.connect(
            dbname="postgres",
            user=params["USER"],
            password=params["PASSWORD"],
            host=params["HOST"],
            port=params["PORT"] or 5432,
            connect_timeout=5,
        ).close()
    except psycopg2.OperationalError as error:
        pytest.exit(
            "The tests need PostgreSQL, which is not reachable at "
            f"{params['HOST']}:{params['PORT']} "
            f"({error.args[0].strip()}). Start a server (Debian: `pg_ctlcluster 15 main start`) "
            "or point DATABASE_URL at one, e.g. postgres://postgres@127.0.0.1:5432/globalhealth.",
            returncode=3,
        )


@pytest.fixture
def locales(db):
    from django.conf import settings

    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


@pytest.fixture
def home(db):
    """A home page as the default site's root, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    for page in root.get_children().exact_type(Page):
        page.delete()  # and with it the default site
    home = HomePageFactory(parent=root, locale=Locale.get_default())
    Site.objects.create(
        is_default_site=True, root_page=home, hostname="localhost", port=80, site_name="Test"
    )
    return home


@pytest.fixture
def site_tree(home):
    return SimpleNamespace(
        home=home,
        news=NewsIndexPageFactory(parent=home),
        events=EventIndexPageFactory(parent=home),
        partners=PartnerIndexPageFactory(parent=home),
    )


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(user)
    return client


@pytest.fixture
def scratch_database():
    database = make_scratch_database()
    yield database
    database["drop"]()


class MotoServer:
    """moto's S3 server in its own process, on a free loopback port."""

    def __init__(self):
        executable = Path(sys.executable).with_name("moto_server")
        if not executable.exists():
            pytest.fail(
                "moto_server is missing: pip install -r requirements-test.txt (moto[server])"
            )
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(  # noqa: S603
            [str(executable), "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("moto_server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def use_bucket(settings, endpoint):
    """Point the media storage at a fresh bucket at `endpoint`, as production does."""
    import boto3

    bucket = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "addressing_style": "path",
                "signature_version": "s3v4",
                "default_acl": "public-read",
                "querystring_auth": False,
                "file_overwrite": False,
                "signed_url_expiry": 120,
            },
        },
    }
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    return SimpleNamespace(client=client, bucket=bucket, endpoint=endpoint)


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3 endpoint over HTTP, shared by the session."""
    server = MotoServer()
    yield server.url
    server.stop()


@pytest.fixture
def s3_storage(s3_endpoint, settings):
    """Media stored in a fresh bucket at the S3 endpoint."""
    return use_bucket(settings, s3_endpoint)


@pytest.fixture
def s3_outage(settings):
    """Media in a bucket on an endpoint of its own, which the test may stop."""
    server = MotoServer()
    storage = use_bucket(settings, server.url)
    storage.stop = server.stop
    yield storage
    if server.process.poll() is None:
        server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from tests.browser import LAUNCH_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium, client):
    from tests.browser import Browser

    session = Browser(chromium, client)
    yield session
    session.context.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Wagtail keeps site roots and renditions there)."""
    from django.core.cache import cache

    from core.dependencies import clear_local
    from core.rate_limits import forget_waits

    cache.clear()
    clear_local()
    forget_waits()


@pytest.fixture
def events(site_tree, locales):
    """Events of every kind the machine endpoints must show or hide (tests/machine.py)."""
    return make_events(site_tree)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port, which Django's SMTP backend sends to; the
    test may stop and start it again. Received messages are in `smtp_server.messages`."""
    server = SMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
