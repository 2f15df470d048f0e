"""The registrations' part of the worker's minute round (WORKER_EVERY_MINUTE)."""

from django_tasks import task

from operations.tasks import only_one_at_a_time
from registrations import reminders, retention


@task()
def every_minute():
    """Queue the reminders due; anonymize and delete what the retention periods say (one
    worker at a time)."""
    reminders.send_due()
    with only_one_at_a_time("registration_retention") as acquired:
        if acquired:
            retention.anonymize_after_retention()
