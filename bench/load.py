"""Throughput under gunicorn on loopback, measured with wrk, against /healthz as the ceiling.

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

from django.conf import settings
from django.core.management.base import CommandError

from news.models import NewsPage

WRK_SECONDS = 5
WRK_CONNECTIONS = 4


class Server:
    """gunicorn serving config.wsgi on 127.0.0.1:`port` with `workers` sync workers.
    The request log (one line a request) goes to /dev/null; errors are shown if it
    does not start."""

    def __init__(self, port=8099, workers=2, environment=None):
        self.url = f"http://127.0.0.1:{port}"
        self.environment = environment  # None: this process's
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]

    def __enter__(self):
        if ping(self.url + "/healthz"):
            raise CommandError(f"Something already answers on {self.url}: stop it first.")
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            self.command, stdout=subprocess.DEVNULL, stderr=self.errors, env=self.environment
        )
        for _attempt in range(100):
            if ping(self.url + "/healthz"):
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
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(  # noqa: S603 (a fixed command line)
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(latency["50"]),
        "p99": milliseconds(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
    }


def load_targets(base_url, article_url):
    """(name, path, headers, expected status and X-Cache header) of each run, the
    ceiling first."""
    session = f"Cookie: {settings.SESSION_COOKIE_NAME}=bench"
    api = "/api/v2/events/?locale=fr&upcoming=1"
    _status, headers = fetch(base_url + api)
    return [
        ("/healthz (ceiling)", "/healthz", [], (200, None)),
        ("news article, rendered", article_url, [session], (200, None)),
        ("news article, page cache", article_url, [], (200, "hit")),
        ("events API, cached answer", api, [], (200, None)),
        ("events API, unchanged: 304", api, [f"If-None-Match: {headers['ETag']}"], (304, None)),
        ("ICS feed, cached answer", "/feeds/events.ics?locale=fr", [], (200, None)),
    ]


def measure_load(base_url, article_url, out):
    """Run wrk on each target and print requests/s, p50, p99 and the share of the
    ceiling."""
    if shutil.which("wrk") is None:
        raise CommandError("wrk is missing: apt-get install wrk")
    out(
        f"\nUnder load: gunicorn, 2 workers, wrk with {WRK_CONNECTIONS} connections for "
        f"{WRK_SECONDS} s each, loopback, same machine; {load_average()}"
    )
    out(f"{'':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of ceiling':>10}")
    ceiling = None
    results = {}
    for name, path, headers, expected in load_targets(base_url, article_url):
        url = base_url + path
        header_dict = dict(header.split(": ", 1) for header in headers)
        for _warm in range(10):  # both workers fill their caches
            status, response_headers = fetch(url, header_dict)
        found = (status, response_headers.get("X-Cache"))
        if found != expected:
            raise CommandError(f"{path}: status and X-Cache {found}, expected {expected}")
        result = wrk(url, headers)
        ceiling = ceiling or result["rps"]
        results[name] = result
        errors = f"  ({result['errors']} errors)" if result["errors"] else ""
        out(
            f"{name:<28} {result['rps']:>8.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
            f"{result['rps'] / ceiling:>10.0%}{errors}"
        )
    out(
        "rendered: a session cookie, as an editor or a reader of a protected page sends, "
        "skips the page cache; page cache and cached answers: anonymous, from Redis."
    )
    return results


def bench_article_url():
    article = NewsPage.objects.live().filter(locale__language_code="en")
    article = article.filter(slug__startswith="bench-").order_by("slug").first()
    if article is None:
        raise CommandError("No benchmark pages: run manage.py bench_data first.")
    return article.get_url()
