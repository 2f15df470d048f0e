"""The page cache's hit rate in the minute after one publish.

Readers request a sample of the site's pages (the homes and indexes of every language, and
articles, events and partners at random, the first ones more often, as readers do) from
a warm cache; an editor republishes the latest English article; readers go on for a
minute. Counted from each answer's `X-Cache`. The same minute follows a purge of
everything, which is what any publish did while the caches were keyed on one global
content version.
"""

import http.client
import itertools
import random
import threading
import time
import urllib.parse

from django.core.management.base import CommandError
from wagtail.models import Page

from bench.texts import SLUG_PREFIX
from core.dependencies import purge_everything
from events.models import EventIndexPage, EventPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from partners.models import PartnerIndexPage, PartnerPage

SAMPLE = 1200
CLIENTS = 8
ZIPF_EXPONENT = 0.8


def sample_paths(size=SAMPLE, seed=2026):
    """The homes and indexes in every language, then pages at random, most read first."""
    chosen = random.Random(seed)  # noqa: S311 (a sample, not a secret)
    paths = []
    for model in (HomePage, NewsIndexPage, EventIndexPage, PartnerIndexPage):
        paths += [page.url for page in model.objects.live().order_by("locale_id")]
    pool = []
    for model in (NewsPage, EventPage, PartnerPage):
        pages = model.objects.live().filter(slug__startswith=SLUG_PREFIX)
        pool += list(pages.values_list("pk", flat=True))
    chosen.shuffle(pool)
    wanted = pool[: max(size - len(paths), 0)]
    urls = {page.pk: page.url for page in Page.objects.filter(pk__in=wanted).specific()}
    paths += [urls[pk] for pk in wanted if urls.get(pk)]
    return paths


class Readers:
    """`CLIENTS` threads requesting paths on persistent connections; counts X-Cache."""

    def __init__(self, base_url, paths):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.paths = paths
        self.counts = {}
        self.lock = threading.Lock()

    def _run(self, picks, deadline):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        counts = {}
        for path in picks:
            if deadline is not None and time.monotonic() > deadline:
                break
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            outcome = response.getheader("X-Cache") or f"status {response.status}"
            if response.status != 200:
                outcome = f"status {response.status}"
            counts[outcome] = counts.get(outcome, 0) + 1
        connection.close()
        with self.lock:
            for outcome, number in counts.items():
                self.counts[outcome] = self.counts.get(outcome, 0) + number

    def run(self, picks, deadline=None):
        """Request each path of `picks` (an iterator shared by the threads) once, or until
        `deadline`; the counts of X-Cache values."""
        self.counts = {}
        shared = _Shared(picks)
        threads = [
            threading.Thread(target=self._run, args=(shared, deadline)) for _ in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return dict(self.counts)


class _Shared:
    """One iterator read by several threads."""

    def __init__(self, items):
        self.items = iter(items)
        self.lock = threading.Lock()

    def __iter__(self):
        return self

    def __next__(self):
        with self.lock:
            return next(self.items)


def zipf_picks(paths, seed=6):
    """Endless picks of `paths`, the first ones most often (Zipf, exponent 0.8)."""
    chosen = random.Random(seed)  # noqa: S311 (a sample, not a secret)
    weights = list(
        itertools.accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(paths)))
    )
    while True:
        yield from chosen.choices(paths, cum_weights=weights, k=1000)


def minute_after(readers, paths, change, seconds):
    """Warm every path, make the change, then read for `seconds`: (hit rate, counts)."""
    readers.run(paths)  # every page rendered once, or already cached
    warm = readers.run(paths)
    if warm.get("hit", 0) < len(paths) * 0.99:
        raise CommandError(f"The cache did not warm up: {warm}")
    change()
    counts = readers.run(zipf_picks(paths), deadline=time.monotonic() + seconds)
    total = sum(counts.values())
    return counts.get("hit", 0) / total if total else 0, counts


def republish_latest_article():
    article = NewsPage.objects.live().filter(locale__language_code="en").order_by("-pk")
    article = article.filter(slug__startswith=SLUG_PREFIX).first()
    article.save_revision().publish()


def measure_hit_rate(base_url, out, seconds=60):
    paths = sample_paths()
    readers = Readers(base_url, paths)
    out(
        f"\nPage cache in the minute after one publish: {len(paths)} pages in every language "
        f"(homes and indexes, then articles, events and partners at random, Zipf "
        f"{ZIPF_EXPONENT}), {CLIENTS} readers, {seconds} s each, Redis"
    )
    rows = [
        ("purged by what it showed", republish_latest_article),
        ("everything purged (one global version, as before)", purge_everything),
    ]
    results = {}
    for name, change in rows:
        rate, counts = minute_after(readers, paths, change, seconds)
        results[name] = {"hit_rate": rate, **counts}
        requests = sum(counts.values())
        others = {k: v for k, v in counts.items() if k not in ("hit", "miss")}
        extra = f", {others}" if others else ""
        out(
            f"  {name:<52} hit rate {rate:>6.1%} of {requests} requests "
            f"({counts.get('miss', 0)} rendered{extra})"
        )
    return results
