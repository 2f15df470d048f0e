"""A load test to run before a release: many readers at once on a realistic mix of pages,
search, API, embed and feeds in several languages, against gunicorn under production
settings; then the same readers while a few hostile addresses flood the site with
requests no cache can answer. It fails when any reader's request failed (or the readers'
p99 passed 100 ms under the flood), so a release can wait for the fix."""

import json
import os
import shutil
import signal
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.load import load_average
from bench.loadtest.flood import flood_figures, flood_table, patterns, populations, readers_spared
from bench.loadtest.mix import LOCALES, mix
from bench.loadtest.report import (
    memory,
    memory_rows,
    server_log,
    settled_memory,
    summary,
    table,
    wrk_figures,
)
from bench.loadtest.run import (
    FLOOD_SCRIPT,
    SCRIPT,
    WRK_THREADS,
    ProductionServer,
    Wrk,
    free_port,
    run_together,
    warm_up,
    wrk,
)
from core.dependencies import purge_everything

from .bench_data import Command as BenchData

READERS = 2000  # addresses the readers come from (X-Forwarded-For)
FLOOD_ADDRESSES = 4  # addresses the flood comes from


def stop_on_sigterm(_signum, _frame):
    """`kill` or a CI timeout: leave through the `with` block, which stops gunicorn."""
    raise SystemExit(143)


class Command(BaseCommand):
    help = (
        "Load test: many readers at once (wrk) on a weighted mix of pages, search, API, "
        "embed and feeds in several languages, under gunicorn with production settings. "
        "Reports requests/s, errors, latency, each kind of URL and the memory of the "
        "gunicorn processes; exits non-zero on any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=60, help="Seconds (60).")
        parser.add_argument("--users", type=int, default=32, help="Open connections (32).")
        parser.add_argument(
            "--flood-users",
            type=int,
            default=32,
            help="Connections of the hostile flood that follows (32; 0: no flood).",
        )
        parser.add_argument(
            "--locales",
            default=",".join(LOCALES),
            help=f"Languages in the mix (default {','.join(LOCALES)}).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", 2)),
            help="gunicorn workers (WEB_CONCURRENCY, else 2, as in the Docker image).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("GUNICORN_THREADS", 4)),
            help="Threads per worker (GUNICORN_THREADS, else 4, as in the Docker image).",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(tempfile.gettempdir()) / "globalhealth-loadtest",
            help="Folder for loadtest.json, the URL list and the server's logs.",
        )
        parser.add_argument(
            "--load-demo",
            action="store_true",
            help="Load the demo content first unless it is there (on the load test's own "
            "database only).",
        )

    def handle(  # noqa: PLR0915 (one run, told step by step)
        self, *args, duration, users, flood_users, locales, workers, threads, output, **options
    ):
        self.check_environment()
        if options["load_demo"] and not BenchData.demo_complete(
            [code for code, _name in settings.LANGUAGES]
        ):
            self.say("The demo content is missing: loading it first (a few minutes).")
            call_command("load_demo_content", stdout=self.stdout)
        codes = [code.strip() for code in locales.split(",") if code.strip()]
        targets, missing = mix(codes)
        if not targets:
            raise CommandError(f"No live home page in {locales}: nothing to request.")
        if missing:
            self.say(f"Left out, for want of a live home page: {', '.join(missing)}")
        output.mkdir(parents=True, exist_ok=True)
        url_list = output / "urls.tsv"
        url_list.write_text("".join(target.line() + "\n" for target in targets))
        flood_list = output / "flood.tsv"
        flood_list.write_text("".join(line + "\n" for line in patterns(targets)))
        run = {
            "duration": duration,
            "users": users,
            "wrk_threads": min(WRK_THREADS, users),
            "gunicorn": {"workers": workers, "threads": threads},
            "settings": settings.SETTINGS_MODULE,
            "locales": [code for code in codes if code not in missing],
            "urls": len(targets),
            "load_average_before": load_average(),
        }
        signal.signal(signal.SIGTERM, stop_on_sigterm)
        try:
            with ProductionServer(free_port(), workers, threads, output) as server:
                master = server.process.pid
                self.say(
                    f"Load test: {duration} s, {users} users (wrk, {run['wrk_threads']} "
                    f"threads) on {len(targets)} URLs in {', '.join(run['locales'])}; gunicorn "
                    f"{workers} workers x {threads} threads at {server.url}, "
                    f"{settings.SETTINGS_MODULE}"
                )
                self.say(f"Before: {run['load_average_before']}")
                start = settled_memory(master, workers)
                purge_everything()  # as after a publish: nothing cached
                seconds, failed = warm_up(server.url, targets, workers * threads, READERS)
                run["warm_up"] = {"seconds": seconds, "failed": failed}
                self.say(
                    f"Warm-up: each URL once, {workers * threads} at a time, in {seconds:.0f} s"
                    + (f"; {len(failed)} failed: {', '.join(failed[:10])}" if failed else "")
                )
                self.check_running(server)
                before = memory(master)
                peak = dict(before)

                def sample():
                    self.check_running(server)
                    for pid, size in memory(master).items():
                        peak[pid] = max(size, peak.get(pid, 0))

                log_start = server.access_log.stat().st_size
                output_text = wrk(server.url, url_list, duration, users, sample, READERS)
                log_end = server.access_log.stat().st_size
                after = memory(master)
                if flood_users:
                    self.say(
                        f"Hostile flood: {flood_users} connections from {FLOOD_ADDRESSES} "
                        f"addresses, each request made afresh, while {users} readers replay "
                        f"the mix, {duration} s"
                    )
                    readers_text, flood_text = run_together(
                        [
                            Wrk(server.url, duration, users, SCRIPT, (url_list, READERS)),
                            Wrk(
                                server.url,
                                duration,
                                flood_users,
                                FLOOD_SCRIPT,
                                (flood_list, FLOOD_ADDRESSES),
                            ),
                        ],
                        sample,
                    )
        except KeyboardInterrupt:
            raise CommandError("Interrupted: gunicorn stopped.") from None
        run["load_average_after"] = load_average()
        with server.access_log.open("rb") as log:
            log.seek(log_start)  # the warm-up before, what wrk left in flight after
            kinds, failing = server_log(
                log.read(log_end - log_start).decode(errors="replace").splitlines(), targets
            )
        report = summary(
            wrk_figures(output_text),
            kinds,
            failing,
            targets,
            memory_rows(master, start, before, peak, after),
            run,
        )
        if flood_users:
            report["flood"] = populations(wrk_figures(readers_text), flood_figures(flood_text))
        (output / "loadtest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        for line in table(report):
            self.say(line)
        if flood_users:
            for line in flood_table(report["flood"]):
                self.say(line)
        self.say(f"After: {run['load_average_after']}")
        self.say(f"Figures: {output / 'loadtest.json'}; URL list and server logs beside it.")
        failed_answers = sum(failure["count"] for failure in failing)
        if failed:
            raise CommandError(
                f"{len(failed)} URLs failed in the warm-up ({', '.join(failed[:5])}): see "
                f"{server.error_log}."
            )
        if report["errors"]["total"] or failed_answers:
            raise CommandError(
                f"{report['errors']['total']} errors seen by wrk, {failed_answers} failed "
                f"answers in the server's log: see the failing URLs above and "
                f"{server.error_log}."
            )
        if flood_users and not readers_spared(report["flood"]):
            raise CommandError(
                "Under the flood, the readers had errors or a p99 over the bar: see above."
            )
        if flood_users and report["flood"]["flood"]["errors"]:
            raise CommandError(
                f"The flood got {report['flood']['flood']['errors']} server errors or "
                f"timeouts: see {server.error_log}."
            )

    def check_environment(self):
        """What the figures would be worthless without."""
        if shutil.which("wrk") is None:
            raise CommandError("wrk is missing: apt-get install wrk")
        if settings.SETTINGS_MODULE != "config.settings.production":
            raise CommandError(
                "Run it under production settings (DJANGO_SETTINGS_MODULE="
                "config.settings.production); `make loadtest` sets the whole environment."
            )
        if settings.SECURE_SSL_REDIRECT:
            raise CommandError(
                "Set SECURE_SSL_REDIRECT=false: on loopback without HTTPS every request "
                "would only be redirected."
            )
        if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
            raise CommandError(
                "Set REDIS_URL (e.g. redis://127.0.0.1:6379/8): production caches in Redis."
            )
        if settings.AXES_IPWARE_PROXY_COUNT != 1:
            raise CommandError(
                "Set AXES_IPWARE_PROXY_COUNT=1: wrk plays the load balancer that names each "
                "reader's and each flooding client's address in X-Forwarded-For."
            )
        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            raise CommandError(
                "No collected static files: run manage.py collectstatic with the same settings."
            )

    @staticmethod
    def check_running(server):
        if server.process.poll() is not None:
            raise CommandError(f"gunicorn stopped: see {server.error_log}")

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()
