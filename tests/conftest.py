import os
from types import SimpleNamespace

import dj_database_url
import psycopg2
import pytest
from wagtail.models import Locale, Page, Site

from events.factories import EventIndexPageFactory
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory
from partners.factories import PartnerIndexPageFactory

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
