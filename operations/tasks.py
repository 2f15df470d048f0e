"""Background tasks the worker runs for every app: scheduled publishing and pruning old
results, and the advisory lock that keeps several workers from running one job twice.

They run through Wagtail's tasks framework: in the request with the immediate backend,
or queued in the database for `python manage.py run_worker` (TASKS_BACKEND=database).
"""

import logging
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection
from django_tasks import task

from translations.launch import launch_due

logger = logging.getLogger(__name__)


@contextmanager
def only_one_at_a_time(name):
    """A PostgreSQL advisory lock, so that several workers never run the same job at
    once; yields False when another holds it. Other databases have one worker."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [name])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [name])


@task()
def publish_scheduled_pages():
    """Publish pages whose go-live time has come and unpublish expired ones."""
    with only_one_at_a_time("publish_scheduled") as acquired:
        if acquired:
            call_command("publish_scheduled", verbosity=0)
            launch_due()  # translations planned to go live with their pages
        else:
            logger.info("scheduled publishing already running elsewhere")


@task()
def prune_task_results():
    """Forget results of finished tasks after 14 days, and of failed ones after 30."""
    with only_one_at_a_time("prune_task_results") as acquired:
        if acquired:
            call_command("prune_db_task_results", "--failed-min-age-days", "30", verbosity=0)
