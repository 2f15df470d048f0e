"""Every page type on an emulated 2G link (bench/slow_link.py) at 375 px: the first text
in under 3 s, and the h1 in its final font or a metric-matched fallback from its first
paint; a web font it declares must load. Throttling needs real HTTP, so the pages come
from a server in the test's transaction (CSS and JS compressed, as production sends them)
and the media from one on MEDIA_ROOT."""

import urllib.request

import pytest

from bench.slow_link import FIRST_TEXT_BUDGET, LABEL_2G, MediaServer, measure, table
from tests.browser import LiveSite
from tests.test_browser import pages, translated  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db

LABELS = [
    "home",
    "news index",
    "article",
    "events index",
    "lecture series",
    "event",
    "partners index",
    "partner",
]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_first_text_and_heading_font_on_a_2g_link(chromium, pages, locales, settings, language):  # noqa: F811
    if language != "en":
        pages = translated(pages, locales[language])
    paths = [*zip(LABELS, (page.url for page in pages), strict=True)]
    paths.append(("search results", f"{pages[0].url}search/?q=immunology"))
    with LiveSite() as site, MediaServer(settings.MEDIA_ROOT) as media:
        urls = [(label, site.url + path) for label, path in paths]
        for _label, url in urls:
            # A reader after the first: image renditions made, templates compiled.
            urllib.request.urlopen(url).close()  # noqa: S310 (loopback)
        loads = measure(chromium, urls, (settings.MEDIA_URL, media.url))
    report = "\n".join([f"{language}, {LABEL_2G}:", *table(loads)])
    print(report)
    assert [row.label for row in loads if row.first_text >= FIRST_TEXT_BUDGET] == [], report
    assert [row.label for row in loads if not row.heading_covered] == [], report
    assert [row.label for row in loads if row.font_failed] == [], report
