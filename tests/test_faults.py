"""Fault drills on the real server: gunicorn serves a site whose PostgreSQL and Redis are
reached through relays the test cuts and restores. Database down: a 503 maintenance
page with Retry-After, /readyz says why, and the site recovers by itself. Cache down:
pages are still served. (Object storage down: tests/test_storage_outage.py.)"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from bs4 import BeautifulSoup

from bench.loadtest.run import free_port
from tests.databases import make_scratch_database, run_with_database
from tests.faults import Relay

ROOT = Path(__file__).resolve().parent.parent

MAKE_SITE = """
from wagtail.models import Locale, Page, Site
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory
root = Page.get_first_root_node()
for page in root.get_children():
    page.delete()
home = HomePageFactory(parent=root, locale=Locale.get_default(), title="Fault drill")
news = NewsIndexPageFactory(parent=home)
NewsPageFactory(parent=news, title="Article that stays readable")
Site.objects.create(is_default_site=True, root_page=home, hostname="localhost", site_name="Drill")
"""


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    """The site under gunicorn, its database and cache behind relays (one for the module:
    each test restores what it cut)."""
    scratch_database = make_scratch_database()
    tmp_path = tmp_path_factory.mktemp("drill")
    manage = [sys.executable, "manage.py"]
    run_with_database([*manage, "migrate", "-v0"], scratch_database["url"], tmp_path / "media")
    run_with_database(
        [*manage, "shell", "-v0", "-c", MAKE_SITE], scratch_database["url"], tmp_path / "media"
    )
    redis.Redis(host="127.0.0.1", port=6379, db=9).flushdb()  # no pages of an earlier drill
    database = Relay(scratch_database["server"]["port"])
    cache = Relay(6379)
    port = free_port()
    auth = scratch_database["url"].split("//", 1)[1].split("@", 1)[0]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{auth}@127.0.0.1:{database.port}/{scratch_database['name']}",
        "REDIS_URL": f"redis://127.0.0.1:{cache.port}/9",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603
            [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
            + ["--threads", "2", "--timeout", "30"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"{base}/healthz", timeout=10)
            break
        except requests.RequestException:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("gunicorn did not start:\n" + log.read_text()[-3000:])
    yield type("Drill", (), {"url": base, "database": database, "cache": cache, "log": log})
    server.terminate()
    server.wait(timeout=10)
    database.cut()
    cache.cut()
    scratch_database["drop"]()


def get(drill, path, **kwargs):
    return requests.get(drill.url + path, timeout=15, allow_redirects=False, **kwargs)


def test_database_outage_gives_a_maintenance_page_and_the_site_recovers_by_itself(drill):
    assert get(drill, "/en/").status_code == 200
    assert get(drill, "/readyz").json()["status"] == "ok"

    drill.database.cut()
    try:
        # Answers never made before (a page of the news listing not asked for yet); the
        # home page is kept whatever parameter it does not read is added.
        for path in ("/en/news/", "/en/news/?page=1", "/api/v2/events/", "/feeds/news.xml"):
            response = get(drill, path)
            assert response.status_code == 503, (path, response.status_code, response.headers)
            assert response.headers["Retry-After"] == "30", path
            assert response.headers["Cache-Control"] == "no-store", path
            assert "Traceback" not in response.text and "psycopg" not in response.text, path
        assert get(drill, "/en/?page=2").status_code == 200  # from the cache
        page = BeautifulSoup(get(drill, "/en/news/").text, "html.parser")
        assert page.h1.get_text() == "Back in a moment"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        ready = get(drill, "/readyz")
        assert ready.status_code == 503
        assert ready.json()["down"] == {"database": "OperationalError"}
        assert get(drill, "/healthz").status_code == 200  # the process itself is fine
    finally:
        drill.database.restore()
    deadline = time.monotonic() + 20
    while (status := get(drill, "/en/news/").status_code) != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status == 200, "the site did not recover after the database came back"
    assert "Article that stays readable" in get(drill, "/en/news/").text
    assert get(drill, "/readyz").status_code == 200
    # Answers cached before the outage were served from the cache throughout.
    assert get(drill, "/en/").status_code == 200


def test_cache_outage_still_serves_pages(drill):
    assert get(drill, "/en/news/").status_code == 200
    drill.cache.cut()
    started = time.monotonic()
    for path in ("/en/", "/en/news/?fresh=1", "/api/v2/events/", "/feeds/news.xml"):
        response = get(drill, path)
        assert response.status_code == 200, (path, response.status_code)
    assert "Article that stays readable" in get(drill, "/en/news/").text
    assert time.monotonic() - started < 10, "pages crawl while the cache is down"
    ready = get(drill, "/readyz")
    assert ready.status_code == 503
    assert ready.json()["down"] == {"cache": "ConnectionError"}

    drill.cache.restore()
    assert get(drill, "/readyz").status_code == 200
