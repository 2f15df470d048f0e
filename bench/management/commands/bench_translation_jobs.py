"""The translation overview on the benchmark data set, and bulk jobs on 100 pages × 7
languages run by two real workers (bench.translation_jobs)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import translation_jobs
from bench.load import load_average


class Command(BaseCommand):
    help = (
        "Time the translation overview (queries, render time) and bulk translation jobs "
        "(create, machine-translate) on PAGES new pages × every language with WORKERS "
        "workers: wall time, tasks, peak database connections. Needs TASKS_BACKEND=database "
        "and MACHINE_TRANSLATOR=test (or a DeepL key)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=100)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, pages, workers, **options):
        if settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None:
            raise CommandError("Set MACHINE_TRANSLATOR=test (offline) or DEEPL_API_KEY.")
        say = self.stdout.write
        say(f"Translation control room ({load_average()})")
        try:
            translation_jobs.overview(say)
            translation_jobs.bulk(say, pages, workers)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
