"""`manage.py bench_load`: throughput under gunicorn on loopback (see bench.load)."""

from django.core.management.base import BaseCommand

from bench.load import Server, bench_article_url, measure_load, page_paths


class Command(BaseCommand):
    help = (
        "Requests/s and p50/p99 latency under gunicorn with wrk against a trivial Django view "
        "(the ceiling): each page type rendered, the page cache on Redis and in memory, "
        "/healthz, the events API (and a 304) and the ICS feed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8099, help="Loopback port (8099).")

    def handle(self, *args, port, **options):
        article_url = bench_article_url()
        with Server(port) as server:
            measure_load(server, article_url, page_paths(), self.say, port)

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()
