"""How well search answers what readers type: the queries of `quality.json` (drawn
from the demo content), each with the page that must be among the first five results, run
through the search page as a reader would. Used by the tests and by `make bench`."""

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page

QUERIES = Path(__file__).with_name("quality.json")
TOP = 5


@dataclass
class LocaleQuality:
    code: str
    found: int = 0
    misses: list = field(default_factory=list)
    times_ms: list = field(default_factory=list)

    @property
    def total(self):
        return self.found + len(self.misses)

    @property
    def share(self):
        return self.found / self.total if self.total else 0.0

    @property
    def median_ms(self):
        return statistics.median(self.times_ms) if self.times_ms else 0.0


def quality_queries():
    return json.loads(QUERIES.read_text(encoding="utf-8"))["locales"]


def expected_paths(slug, code):
    """The paths a reader in `code` may be sent to for the demo page `slug`: its
    translation, or the English page where it has none."""
    english = Page.objects.filter(locale__language_code="en", slug=slug).first()
    if english is None:
        return set()
    pages = Page.objects.filter(
        translation_key=english.translation_key, locale__language_code__in=[code, "en"]
    )
    return {urlsplit(page.get_url()).path for page in pages}


def result_paths(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [urlsplit(a["href"]).path for a in html.select(".search-results h2 a")]


def measure(codes=None, client=None, runs=1, clear_cache=True):
    """Run every quality query of `codes` (all locales by default) `runs` times; return
    a LocaleQuality per locale. The cache is cleared before each query unless the
    client's requests bypass it anyway."""
    client = client or Client()
    report = []
    for code, queries in quality_queries().items():
        if codes and code not in codes:
            continue
        quality = LocaleQuality(code)
        for item in queries:
            for _run in range(runs):
                if clear_cache:
                    cache.clear()  # time the search, not a cached answer
                started = time.perf_counter()
                response = client.get(f"/{code}/search/", {"q": item["query"]})
                quality.times_ms.append((time.perf_counter() - started) * 1000)
            top = result_paths(response)[:TOP]
            if response.status_code == 200 and expected_paths(item["expect"], code) & set(top):
                quality.found += 1
            else:
                quality.misses.append(item["query"])
        report.append(quality)
    return report


def table(report):
    lines = [f"{'locale':8} {'in top 5':>10} {'share':>6} {'median ms':>10}"]
    for quality in report:
        lines.append(
            f"{quality.code:8} {quality.found:>4} of {quality.total:<3} "
            f"{quality.share:>6.0%} {quality.median_ms:>10.1f}"
        )
    return "\n".join(lines)
