"""The registrations' part of the worker's minute round (WORKER_EVERY_MINUTE)."""

from django_tasks import task

from registrations import reminders


@task()
def every_minute():
    """Queue the reminders due."""
    reminders.send_due()
