"""Throughput under gunicorn on loopback, measured with wrk, against a trivial Django view
(bench.trivial) served the same way in the same run as the ceiling.

`Server` starts gunicorn (two workers, this process's environment) for as long as the
benchmark needs it; `bench_pages` also loads its pages in Chromium through it.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation

from bench.texts import SLUG_PREFIX, TEXT
from events.models import EventIndexPage, EventPage, LectureSeriesPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from partners.models import PartnerIndexPage, PartnerPage

WRK_SECONDS = 5
WRK_THREADS = 2
WRK_CONNECTIONS = 16


class Server:
    """gunicorn serving config.wsgi on 127.0.0.1:`port` with `workers` sync workers.
    The request log (one line a request) goes to /dev/null; errors are shown if it
    does not start."""

    def __init__(self, port=8099, workers=2, environment=None, application="config.wsgi"):
        self.url = f"http://127.0.0.1:{port}"
        self.environment = environment  # None: this process's
        self.health = "/trivial" if application.startswith("bench.trivial") else "/healthz"
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            application,
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]

    def __enter__(self):
        if ping(self.url + self.health):
            raise CommandError(f"Something already answers on {self.url}: stop it first.")
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            self.command, stdout=subprocess.DEVNULL, stderr=self.errors, env=self.environment
        )
        for _attempt in range(100):
            if ping(self.url + self.health):
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        self.errors.seek(0)
        raise CommandError("gunicorn did not start:\n" + self.errors.read().decode()[-2000:])

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def ping(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def fetch(url, headers=None):
    """(status, headers) of a GET on the benchmark server."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:  # 304 and errors
        return error.code, error.headers


def load_average():
    """Other work on the machine skews every figure: say how busy it was."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, headers=(), seconds=WRK_SECONDS, connections=WRK_CONNECTIONS):
    """{"rps", "p50", "p99", "errors"} of a wrk run (latencies in ms)."""
    command = [
        *("wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"),
        "--latency",
    ]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(  # noqa: S603 (a fixed command line)
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(latency["50"]),
        "p99": milliseconds(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
    }


def cached_targets(base_url, article_url):
    """(name, path, headers, expected status and X-Cache header) of the answers served
    from the caches."""
    api = "/api/v2/events/?locale=fr&upcoming=1"
    _status, headers = fetch(base_url + api)
    return [
        ("/healthz", "/healthz", [], (200, None)),
        ("news article, page cache", article_url, [], (200, "hit")),
        ("events API, cached answer", api, [], (200, "hit")),
        ("events API, unchanged: 304", api, [f"If-None-Match: {headers['ETag']}"], (304, "hit")),
        ("ICS feed, cached answer", "/feeds/events.ics?locale=fr", [], (200, "hit")),
    ]


def run(base_url, path, headers, expected):
    """Warm both workers up, check the answer is the one meant, then run wrk."""
    url = base_url + path
    header_dict = dict(header.split(": ", 1) for header in headers)
    for _warm in range(10):  # both workers fill their caches
        status, response_headers = fetch(url, header_dict)
    found = (status, response_headers.get("X-Cache"))
    if expected is not None and found != expected:
        raise CommandError(f"{path}: status and X-Cache {found}, expected {expected}")
    return wrk(url, headers)


def trivial_ceiling(port):
    """Requests/s of a trivial Django view (bench.trivial) under the same gunicorn."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.trivial"}
    with Server(port, environment=environment, application="bench.trivial:application") as trivial:
        return run(trivial.url, "/trivial", [], (200, None))


def measure_load(server, article_url, pages, out, port):
    """The throughput tables: the trivial view of this run as the ceiling; each page type
    rendered (a session cookie skips the page cache) and the cached answers, with their
    share of the ceiling; then a page-cache hit with the cache in each process's memory
    instead of Redis. `pages`: (kind, path) of each page type. Returns the results."""
    if shutil.which("wrk") is None:
        raise CommandError("wrk is missing: apt-get install wrk")
    out(
        f"\nUnder load: gunicorn, 2 sync workers, wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} for "
        f"{WRK_SECONDS} s each, loopback, same machine; {load_average()}"
    )
    # The ceiling is the better of two runs, before and after the others: the machine's
    # other work moves every figure, and a low ceiling would flatter the shares.
    trivial = [trivial_ceiling(port + 1)]
    rows = []  # a heading (str) or (name, result)
    session = f"Cookie: {settings.SESSION_COOKIE_NAME}=bench"
    rows.append("Rendered, no page cache (a session cookie, as an editor sends):")
    for kind, path in pages:
        rows.append((f"  {kind}", run(server.url, path, [session], (200, None))))
    rows.append("From the caches (Redis, shared by the workers, with each process's layer):")
    for name, path, headers, expected in cached_targets(server.url, article_url):
        rows.append((f"  {name}", run(server.url, path, headers, expected)))
    local = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    with Server(port + 2, environment=local) as in_memory:
        result = run(in_memory.url, article_url, [], (200, "hit"))
    rows.append(("  news article, page cache in memory (no Redis)", result))
    trivial.append(trivial_ceiling(port + 1))
    best = max(trivial, key=lambda result: result["rps"])
    ceiling = best["rps"]
    out(f"{'':<48} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of ceiling':>10}")
    results = {}
    for row in [("trivial Django view (ceiling)", best), *rows]:
        if isinstance(row, str):
            out(row)
            continue
        name, result = row
        results[name] = result
        errors = f"  ({result['errors']} errors)" if result["errors"] else ""
        out(
            f"{name:<48} {result['rps']:>8.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
            f"{result['rps'] / ceiling:>10.1%}{errors}"
        )
    out(
        f"of ceiling: the share of the trivial view's requests/s, the better of two runs "
        f"({trivial[0]['rps']:.0f} and {trivial[1]['rps']:.0f}) in this one. The page types "
        "are those of the table above, in English."
    )
    return results


def targets(code):
    """(kind, URL, machine endpoint?) of every kind of page in the language `code`: the
    generated pages where there are some, the demo's otherwise."""
    bench = {"locale__language_code": code, "slug__startswith": SLUG_PREFIX}
    in_locale = {"locale__language_code": code}
    upcoming = EventPage.objects.live().filter(**bench, start__gt=timezone.now())
    pages = [
        ("home", HomePage.objects.filter(**in_locale).first()),
        ("news index", NewsIndexPage.objects.filter(**in_locale).first()),
        ("news article", NewsPage.objects.live().filter(**bench).order_by("slug").first()),
        ("event index", EventIndexPage.objects.filter(**in_locale).first()),
        ("event", upcoming.filter(hero_image__isnull=False).order_by("start").first()),
        ("lecture series", LectureSeriesPage.objects.live().filter(**in_locale).first()),
        ("partner index", PartnerIndexPage.objects.filter(**in_locale).first()),
        ("partner", PartnerPage.objects.live().filter(**bench).order_by("slug").first()),
    ]
    missing = [kind for kind, page in pages if page is None]
    if missing:
        raise CommandError(f"No {', '.join(missing)} in {code!r}: run manage.py bench_data.")
    found = [(kind, page.get_url(), False) for kind, page in pages]
    with translation.override(code):
        term = TEXT[code]["subjects"][0].lower()
        found.append(("search", f"{reverse('search')}?q={quote(term)}", False))
    found.append(("API events list", f"/api/v2/events/?locale={code}&upcoming=1", True))
    found.append(("ICS feed", f"/feeds/events.ics?locale={code}", True))
    return found


def page_paths(code="en"):
    """(kind, path) of each kind of page (not the machine endpoints) in `code`."""
    return [(kind, url) for kind, url, machine in targets(code) if not machine]


def bench_article_url():
    article = NewsPage.objects.live().filter(locale__language_code="en")
    article = article.filter(slug__startswith="bench-").order_by("slug").first()
    if article is None:
        raise CommandError("No benchmark pages: run manage.py bench_data first.")
    return article.get_url()
