"""Each kind of page of the benchmark data set in English and Arabic: queries, median and
cold render time in-process, HTML bytes, and the bytes a phone downloads on a first visit;
the first text and heading font on an emulated 2G link (`bench.slow_link`); then
throughput under gunicorn (`bench_load`) and which page is slowest, and why.
"""

import cProfile
import logging
import pstats
import statistics
import time
from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from bench.chromium import CHROMIUM, LAUNCH_ARGS, PHONE, media_route
from bench.hit_rate import measure_hit_rate
from bench.load import (
    Server,
    bench_article_url,
    fetch,
    load_average,
    measure_load,
    page_paths,
    targets,
)
from bench.slow_link import LABEL_2G, MediaServer, measure, table
from caching.http_cache import _key as cache_key  # to delete one cached answer
from core.dependencies import forget_stored, purge_everything
from events.models import EventPage
from news.models import NewsPage
from partners.models import PartnerPage
from search import quality as search_quality


@dataclass
class Measurement:
    kind: str
    code: str
    url: str
    machine: bool  # API or feed: cached per answer, not a page to load in a browser
    queries: int = 0
    sql_ms: float = 0
    slowest_sql: tuple = (0, "")
    median: float = 0
    cold: float = 0
    html_bytes: int = 0
    first_load: int | None = None


class Command(BaseCommand):
    help = (
        "Queries, median and cold render time, HTML and first-load bytes of each kind of "
        "page (English and Arabic, benchmark data set), throughput under gunicorn, and the "
        "slowest page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=10, help="Timed renders per page (10).")
        parser.add_argument(
            "--locales", default="en,ar", help="Languages to measure (default en,ar)."
        )
        parser.add_argument("--port", type=int, default=8099, help="Loopback port (8099).")
        parser.add_argument(
            "--search-only",
            action="store_true",
            help="Only the search-quality table (every language): share found, median time.",
        )
        parser.add_argument(
            "--no-server",
            action="store_true",
            help="Only the in-process measurements: no browser, no wrk.",
        )

    def handle(self, *args, runs, locales, port, no_server, search_only, **options):
        logging.getLogger("requests").setLevel(logging.WARNING)
        codes = locales.split(",")
        site = Site.objects.get(is_default_site=True)
        self.host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        self.runs = runs
        if search_only:
            self.search_quality()
            return
        self.say(
            f"Rendering {len(codes) * 11} pages {runs + 2} times each "
            f"({', '.join(codes)}; {NewsPage.objects.count()} news articles, "
            f"{EventPage.objects.count()} events, {PartnerPage.objects.count()} partners)"
        )
        self.say(f"Before: {load_average()}")
        started = time.perf_counter()
        results = [self.measure(code, *target) for code in codes for target in targets(code)]
        phases = [f"in-process {time.perf_counter() - started:.0f} s"]
        if no_server:
            self.table(results, codes)
        else:
            article_url = bench_article_url()
            with Server(port) as server:
                self.say(f"Loading the pages in Chromium at 375 px through {server.url}")
                started = time.perf_counter()
                self.first_loads(server.url, results)
                phases.append(f"browser {time.perf_counter() - started:.0f} s")
                self.table(results, codes)
                started = time.perf_counter()
                with Server(port + 1, application="bench.compressed_wsgi") as compressed:
                    self.slow_link(compressed.url, results)
                phases.append(f"slow link {time.perf_counter() - started:.0f} s")
                started = time.perf_counter()
                measure_load(server, article_url, page_paths(), self.say, port)
                phases.append(f"wrk {time.perf_counter() - started:.0f} s")
                started = time.perf_counter()
                measure_hit_rate(server.url, self.say)
                phases.append(f"hit rate {time.perf_counter() - started:.0f} s")
        self.verdict(results)
        started = time.perf_counter()
        self.search_quality()
        phases.append(f"search quality {time.perf_counter() - started:.0f} s")
        self.say("")
        self.say(f"After: {load_average()}. Took: {', '.join(phases)}.")

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    def search_quality(self):
        """The queries of search/quality.json in every language, three times each:
        the share whose page is in the first five, and the median time of the answer."""
        self.say("")
        self.say("Search quality (search/quality.json), answers rendered in-process:")
        report = search_quality.measure(client=self.client(), runs=3, clear_cache=False)
        self.say(search_quality.table(report))
        for quality in report:
            if quality.misses:
                self.say(f"  {quality.code} not in the first five: {', '.join(quality.misses)}")

    # --------------------------------------------------------------- in-process
    def client(self):
        """A client whose session cookie bypasses the anonymous page cache."""
        client = Client(HTTP_HOST=self.host)
        client.cookies[settings.SESSION_COOKIE_NAME] = "bench"
        return client

    def render(self, client, url, machine):
        """GET `url` as rendered for a reader, without the cache of whole answers: for the
        API and the feed, the cached answer is deleted first. Returns the response and
        the time taken in ms."""
        if machine:
            request = RequestFactory(HTTP_HOST=self.host).get(url)
            forget_stored(f"response:{cache_key(request)}")
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return response, elapsed

    def measure(self, code, kind, url, machine):
        client = self.client()
        self.render(client, url, machine)  # renditions made, per-version lookups cached
        with CaptureQueriesContext(connection) as queries:
            response, _elapsed = self.render(client, url, machine)
        sql = [(float(query["time"]) * 1000, query["sql"]) for query in queries.captured_queries]
        timings = [self.render(client, url, machine)[1] for _run in range(self.runs)]
        cold = []
        for _run in range(self.runs):
            purge_everything()  # no kept part either: the first render after a site-wide change
            cold.append(self.render(client, url, machine)[1])
        return Measurement(
            kind=kind,
            code=code,
            url=url,
            machine=machine,
            queries=len(sql),
            sql_ms=sum(ms for ms, _sql in sql),
            slowest_sql=max(sql, default=(0, "")),
            median=statistics.median(timings),
            cold=statistics.median(cold),
            html_bytes=len(response.content),
        )

    # ------------------------------------------------------------------ browser
    def first_loads(self, base_url, results):
        """Bytes of every response (encoded body: as sent) for a first visit with an empty
        cache on a 375 px phone screen (device pixel ratio 2), until the network is idle.
        Media are read from MEDIA_ROOT, as a bucket or CDN would serve them."""
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for result in results:
                if result.machine:
                    continue
                context = browser.new_context(**PHONE)
                context.route(*media_route())
                page = context.new_page()
                responses = []
                page.on("response", lambda response, found=responses: found.append(response))
                answer = page.goto(base_url + result.url, wait_until="networkidle")
                if answer is None or answer.status != 200:
                    raise CommandError(f"{result.url} answered {answer and answer.status}")
                result.first_load = sum(body_bytes(response) for response in responses)
                context.close()
            browser.close()
        for result in results:
            if result.machine:  # the server's answer, cached or not, is the same size
                _status, headers = fetch(base_url + result.url)
                result.first_load = int(headers.get("Content-Length") or result.html_bytes)

    def slow_link(self, base_url, results):
        """First text and the h1's final font of every page on the emulated 2G link, one
        first visit each, after `first_loads` (renditions made, page cache warm)."""
        from playwright.sync_api import sync_playwright

        kinds = list(dict.fromkeys(r.kind for r in results))
        pages = sorted((r for r in results if not r.machine), key=lambda r: kinds.index(r.kind))
        with sync_playwright() as playwright, MediaServer(settings.MEDIA_ROOT) as media:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            # Media as a bucket would send them, but through Chromium's network stack:
            # answers fulfilled by Playwright would not be throttled.
            loads = measure(
                browser,
                [(f"{r.kind}, {r.code}", base_url + r.url) for r in pages],
                (settings.MEDIA_URL, media.url) if settings.MEDIA_URL.startswith("/") else None,
            )
            browser.close()
        self.say("")
        self.say(f"Slow link ({LABEL_2G}), a first visit in Chromium at 375 px, one run each:")
        for line in table(loads):
            self.say(line)
        self.say(
            "Times in ms from the start of the navigation: first text is First Contentful "
            "Paint; h1 in final font, the h1's first paint in the font it ends in (the web "
            "font's swap if that comes later). CSS and JS are gzipped, as production sends them "
            "(the load KB column counts them uncompressed)."
        )

    # ------------------------------------------------------------------- report
    def table(self, results, codes):
        by_key = {(r.kind, r.code): r for r in results}
        kinds = list(dict.fromkeys(r.kind for r in results))
        columns = f"{'queries':>7} {'median':>7} {'cold':>7} {'HTML KB':>8} {'load KB':>8}"
        width = len(columns)
        self.say("")
        self.say(f"{'':<16}" + "   ".join(f"{f' {code} ':-^{width}}" for code in codes))
        self.say(f"{'page':<16}" + "   ".join(columns for _code in codes))
        for kind in kinds:
            cells = []
            for code in codes:
                r = by_key[(kind, code)]
                load = f"{r.first_load / 1024:>8.0f}" if r.first_load is not None else f"{'':>8}"
                cells.append(
                    f"{r.queries:>7} {r.median:>7.1f} {r.cold:>7.1f} {r.html_bytes / 1024:>8.1f} "
                    + load
                )
            self.say(f"{kind:<16}" + "   ".join(cells))
        self.say(
            "Median times in ms, in-process, of "
            f"{self.runs} renders without the page or answer cache: put together from the kept "
            "parts and lookups (median; queries are this render's), and cold, after a purge of "
            "everything. load KB: every response of a first visit in Chromium at 375 px, images "
            "included; for the API and the feed, the answer."
        )
        self.say("Pages: " + "  ".join(unquote(r.url) for r in results if r.code == codes[0]))

    def verdict(self, results):
        slowest = max(results, key=lambda r: r.median)
        share = slowest.sql_ms / slowest.median if slowest.median else 0
        packages, functions = self.profile(slowest)
        ranked = sorted(packages.items(), key=lambda item: -item[1])
        total = sum(packages.values()) or 1
        self.say("")
        self.say(
            f"Slowest: {slowest.kind} ({slowest.code}), {slowest.median:.0f} ms median, "
            f"{unquote(slowest.url)}"
        )
        if share >= 0.5:
            reason = (
                f"the database: {slowest.queries} queries take {share:.0%} of the time, the "
                f"slowest {slowest.slowest_sql[0]:.0f} ms"
            )
        else:
            package, seconds = ranked[0]
            path = " -> ".join(name for name, _ms in functions[:2])
            reason = (
                f"Python, not the database ({slowest.queries} queries, {share:.0%} of the "
                f"time): {seconds / total:.0%} of it in {package}, called from {path}; "
                f"the answer is {slowest.html_bytes / 1024:.0f} KB"
            )
        self.say(f"Main reason: {reason}.")
        self.say(
            f"  Database: {slowest.queries} queries, {slowest.sql_ms:.0f} ms; the slowest "
            f"({slowest.slowest_sql[0]:.1f} ms): {shorten(slowest.slowest_sql[1])}"
        )
        self.say("  One render profiled (the profiler slows it down), own time by package:")
        for package, seconds in ranked[:6]:
            self.say(f"    {seconds / total:>4.0%}  {package}")
        self.say("  The project's functions that take longest (cumulative ms, profiled):")
        for name, ms in functions:
            self.say(f"    {ms:>6.0f}  {name}")
        coldest = max(results, key=lambda r: r.cold)
        self.say(
            f"The slowest cold render, {coldest.kind} ({coldest.code}), profiled after a purge "
            "of everything: the 15 functions with the most own time (ms; calls):"
        )
        for name, ms, calls in self.cold_profile(coldest):
            self.say(f"    {ms:>6.1f}  {calls:>6}  {name}")

    def profiled(self, result, cold=False):
        """pstats' figures of one render of `result`'s page (`cold`: after a purge of
        everything)."""
        client = self.client()
        if cold:
            purge_everything()
        profiler = cProfile.Profile()
        profiler.runcall(self.render, client, result.url, result.machine)
        return pstats.Stats(profiler).stats

    def cold_profile(self, result, top=15):
        """[(function, own ms, calls)] of one render after a purge of everything."""
        base = str(settings.BASE_DIR) + "/"
        rows = []
        for (filename, line, function), (_cc, calls, own, _cum, _callers) in self.profiled(
            result, cold=True
        ).items():
            where = filename.split("site-packages/", 1)[-1].removeprefix(base)
            name = function if filename == "~" else f"{where}:{line} {function}"
            rows.append((shorten(name, 110), own * 1000, calls))
        return sorted(rows, key=lambda row: -row[1])[:top]

    def profile(self, result):
        """Own time per package ({name: seconds}) and the project's most expensive
        functions, from one profiled render. Time in C functions (str, re, the database
        driver) counts for the package that called them."""
        stats = self.profiled(result)
        base = str(settings.BASE_DIR) + "/"
        # What every request passes through: the bench's own call and the middleware.
        wrappers = (
            "bench/",
            "accounts/two_factor/middleware.py",
            "core/middleware.py",
            "caching/http_cache.py",
            "operations/health.py",
            "operations/replicas.py",
            "operations/request_log.py",
            "operations/security.py",
        )

        def package_of(filename, function):
            if filename == "~":
                return "psycopg2 (waiting for PostgreSQL)" if "psycopg2" in function else None
            if "site-packages/" in filename:
                parts = filename.split("site-packages/", 1)[1].split("/")
                return ".".join(parts[:2]) if parts[0] == "django" else parts[0]
            if filename.startswith(base):
                return filename.removeprefix(base)
            return "Python standard library"

        packages, functions = {}, []
        for (filename, line, function), (_cc, _nc, own, cumulative, callers) in stats.items():
            package = package_of(filename, function)
            if package is None:  # a C function: its time goes to its callers
                for (caller_file, _l, caller_function), caller_stats in callers.items():
                    caller = package_of(caller_file, caller_function) or "C"
                    packages[caller] = packages.get(caller, 0) + caller_stats[2]
                continue
            packages[package] = packages.get(package, 0) + own
            project = filename.startswith(base) and "site-packages/" not in filename
            if project and not package.startswith(wrappers):
                functions.append((f"{package}:{line} {function}", cumulative * 1000))
        functions.sort(key=lambda item: -item[1])
        return packages, functions[:8]


def body_bytes(response):
    """The encoded size of a response's body; its decoded length when the browser does
    not report one (answers fulfilled from MEDIA_ROOT)."""
    size = response.request.sizes().get("responseBodySize", 0)
    if size > 0:
        return size
    try:
        return len(response.body())
    except Exception:  # a redirect or an aborted request has no body
        return 0


def shorten(sql, length=160):
    sql = " ".join(sql.split())
    return sql if len(sql) <= length else sql[: length - 1] + "…"
