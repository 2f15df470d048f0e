"""The background worker: runs queued tasks, and every minute queues the jobs listed in
WORKER_EVERY_MINUTE (publishing scheduled pages, retrying e-mails due again, registrants'
reminders)."""

import logging
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string
from django_tasks import task_backends
from django_tasks.utils import get_random_id
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from operations.tasks import prune_task_results

logger = logging.getLogger(__name__)
DAY = 24 * 60 * 60


class Command(BaseCommand):
    help = (
        "Run background tasks (with TASKS_BACKEND=database); every minute publish scheduled "
        "pages and retry e-mails due again, until stopped. --once does one round and exits "
        "(for cron jobs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Publish scheduled pages, retry due e-mails, run every queued task, then exit.",
        )
        parser.add_argument(
            "--schedule-every",
            type=int,
            default=60,
            help="Seconds between rounds of scheduled publishing and e-mail retries (default: 60).",
        )

    def handle(self, *, once, schedule_every, verbosity, **options):
        queued = isinstance(task_backends["default"], DatabaseBackend)
        if verbosity:
            mode = "queued in the database" if queued else "run at once (immediate backend)"
            self.stdout.write(f"Worker started: tasks {mode}.")
        if once:
            self.every_minute()
            ran = self.run_queue() if queued else 0
            if verbosity:
                self.stdout.write(f"Done: scheduled pages published, {ran} queued task(s) run.")
            return
        scheduler = threading.Thread(
            target=self.schedule, args=(schedule_every, queued), daemon=True, name="scheduler"
        )
        scheduler.start()
        if queued:
            worker = self.worker(batch=False)
            worker.configure_signals()
            worker.run()
        else:
            scheduler.join()

    @staticmethod
    def worker(*, batch):
        return Worker(
            queue_names=["*"],
            interval=1,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            worker_id=get_random_id(),
        )

    def run_queue(self):
        """Run every task that is ready, then return how many ran (one round, as from
        cron: no sleeping, no connection recycling)."""
        worker = self.worker(batch=True)
        tasks = DBTaskResult.objects.ready().filter(backend_name=worker.backend_name)
        ran = 0
        while True:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is None:
                    return ran
                task_result.claim(worker.worker_id)
            worker.run_task(task_result)
            ran += 1

    @staticmethod
    def every_minute():
        """The jobs of each round, as WORKER_EVERY_MINUTE lists them."""
        for path in settings.WORKER_EVERY_MINUTE:
            import_string(path).enqueue()

    @staticmethod
    def schedule(every, queued):
        """Scheduled publishing and e-mail retries every `every` seconds; old task results
        pruned daily."""
        last_pruned = None
        while True:
            try:
                Command.every_minute()
                if queued and (last_pruned is None or time.monotonic() - last_pruned > DAY):
                    prune_task_results.enqueue()
                    last_pruned = time.monotonic()
            except Exception:  # a database blip must not stop the schedule
                logger.exception("could not queue the scheduled tasks")
            time.sleep(every)
