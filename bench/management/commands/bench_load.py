"""`manage.py bench_load`: throughput under gunicorn on loopback (see bench.load)."""

from django.core.management.base import BaseCommand

from bench.load import Server, bench_article_url, measure_load


class Command(BaseCommand):
    help = (
        "Requests/s and p50/p99 latency under gunicorn with wrk: /healthz (the ceiling), "
        "a rendered and a cached news article, the events API (and a 304) and the ICS feed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8099, help="Loopback port (8099).")

    def handle(self, *args, port, **options):
        article_url = bench_article_url()
        with Server(port) as server:
            measure_load(server.url, article_url, self.say)

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()
