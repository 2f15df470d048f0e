"""The translation control room at scale: the overview over the whole benchmark site, and
bulk jobs (create, then machine-translate) on 100 pages × 7 languages run by real workers.

The pages are made for the run and removed after it, so the data set stays as it was.
"""

import os
import statistics
import subprocess
import sys
import threading
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from news.models import NewsIndexPage, NewsPage
from translations import jobs
from translations.models import Job, JobItem
from translations.overview import source_pages

SLUG_PREFIX = "bench-translate-"


def overview(say, runs=5):
    """Render time and queries of the overview, whole site and one section."""
    user, _created = get_user_model().objects.get_or_create(
        username="bench-translator", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    url = reverse("translation_overview")
    news = NewsIndexPage.objects.filter(locale=Locale.get_default()).first()
    pages = source_pages(Locale.get_default()).count()
    say(f"Translation overview: {pages} pages in the default language × 7 languages")
    for label, params in (
        ("whole site, first 50 rows", {}),
        ("whole site, page 20", {"p": 20}),
        ("news section", {"section": news.pk}),
        ("whole site, 'source changed' only", {"state": "changed"}),
    ):
        times = []
        for _run in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url, params, HTTP_HOST="localhost")
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"the overview answered {response.status_code}")
        say(
            f"  {label:36} {len(queries.captured_queries):3} queries, "
            f"median {statistics.median(times):6.0f} ms, max {max(times):6.0f} ms"
        )


def make_pages(count):
    index = NewsIndexPage.objects.filter(locale=Locale.get_default()).first()
    pages = []
    for number in range(count):
        page = NewsPage(
            title=f"Core facility exchange week {number}",
            slug=f"{SLUG_PREFIX}{number}",
            summary="Technicians from partner core facilities meet in Leiden for a week",
            publication_date=timezone.localdate(),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def remove_pages():
    for page in Page.objects.filter(slug__startswith=SLUG_PREFIX, depth__gt=1).order_by("-depth"):
        if Page.objects.filter(pk=page.pk).exists():
            page.delete()
    Job.objects.filter(items__page__isnull=True).delete()


class ConnectionWatch:
    """The peak number of connections to this database while it runs (pg_stat_activity)."""

    def __init__(self):
        self.peak = 0
        self.stopped = threading.Event()

    def __enter__(self):
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()
        return self

    def watch(self):
        from django.db import connections

        with connections["default"].cursor() as cursor:
            while not self.stopped.is_set():
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                )
                self.peak = max(self.peak, cursor.fetchone()[0])
                time.sleep(0.05)
        connections["default"].close()

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()


class Workers:
    """`count` `run_worker` processes with this process's environment."""

    def __init__(self, count):
        self.count = count

    def __enter__(self):
        self.processes = [
            subprocess.Popen(  # noqa: S603 (a fixed command line)
                [sys.executable, "manage.py", "run_worker", "--verbosity", "0"],
                stdout=subprocess.DEVNULL,
                env={**os.environ, "TASKS_BACKEND": "database"},
            )
            for _worker in range(self.count)
        ]
        return self

    def __exit__(self, *exc_info):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


def run_job(action, pages, locales, user, say, timeout=1800):
    """Start a job as the overview does and wait for the workers to finish it."""
    with ConnectionWatch() as watch:
        started = time.perf_counter()
        job = jobs.start(action, pages, locales, user)
        while not Job.objects.filter(pk=job.pk, finished_at__isnull=False).exists():
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"the {action} job did not finish in {timeout} s")
            time.sleep(0.2)
        seconds = time.perf_counter() - started
    outcomes = dict(JobItem.objects.filter(job=job).values_list("status").annotate(n=Count("id")))
    say(
        f"  {job.get_action_display():44} {seconds:6.1f} s wall, {len(pages)} tasks, "
        f"{sum(outcomes.values())} items {outcomes}, peak {watch.peak} database connections"
    )
    return job


def bulk(say, pages_count=100, workers=2):
    from django.conf import settings

    if "DatabaseBackend" not in settings.TASKS["default"]["BACKEND"]:
        raise RuntimeError("run with TASKS_BACKEND=database: the jobs go to real workers")
    remove_pages()
    user = get_user_model().objects.get(username="bench-translator")
    locales = list(Locale.objects.exclude(pk=Locale.get_default().pk))
    say(
        f"Bulk jobs: {pages_count} pages × {len(locales)} languages, {workers} workers, "
        f"machine translator {settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR['CLASS']}"
    )
    pages = make_pages(pages_count)
    try:
        with Workers(workers):
            run_job(Job.CREATE, pages, locales, user, say)
            run_job(Job.MACHINE, pages, locales, user, say)
    finally:
        remove_pages()
