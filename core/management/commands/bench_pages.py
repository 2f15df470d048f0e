"""Render the main pages repeatedly and report queries and median time per page."""

import logging
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from events.models import EventIndexPage, EventPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from partners.models import PartnerIndexPage, PartnerPage


class Command(BaseCommand):
    help = "Query count and median render time of the home, index and detail pages (demo content)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="Renders per page (default 20).")
        parser.add_argument("--locale", default="en", help="Language to measure (default en).")

    def handle(self, *args, runs, locale, **options):
        logging.getLogger("requests").setLevel(logging.WARNING)
        if not HomePage.objects.exists():
            self.stdout.write("No content yet: loading the demo content first.")
            call_command("load_demo_content", stdout=self.stdout)
        site = Site.objects.get(is_default_site=True)
        host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        client = Client(HTTP_HOST=host)
        # A session cookie bypasses the anonymous page cache: measure real renders.
        client.cookies[settings.SESSION_COOKIE_NAME] = "bench"
        cached = Client(HTTP_HOST=host)
        in_locale = {"locale__language_code": locale}
        pages = [
            ("home", HomePage.objects.filter(**in_locale).first()),
            ("news index", NewsIndexPage.objects.filter(**in_locale).first()),
            ("event index", EventIndexPage.objects.filter(**in_locale).first()),
            ("partner index", PartnerIndexPage.objects.filter(**in_locale).first()),
            ("news article", NewsPage.objects.live().filter(**in_locale).first()),
            ("event", EventPage.objects.live().filter(**in_locale).first()),
            ("partner", PartnerPage.objects.live().filter(**in_locale).first()),
        ]
        header = f"{'page':<15} {'url':<55} {'queries':>7} {'median ms':>10} {'cached ms':>10}"
        self.stdout.write(header)
        for name, page in pages:
            url = page.get_url()
            client.get(url)  # renditions and caches warm
            timings = []
            for _run in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                query_count = len(queries)  # before the next request resets the log
                if response.status_code != 200:
                    self.stderr.write(f"{url} answered {response.status_code}")
            median = statistics.median(timings)
            cached.get(url)
            hits = []
            for _run in range(runs):
                started = time.perf_counter()
                cached.get(url)
                hits.append((time.perf_counter() - started) * 1000)
            hit = statistics.median(hits)
            self.stdout.write(f"{name:<15} {url:<55} {query_count:>7} {median:>10.1f} {hit:>10.1f}")
