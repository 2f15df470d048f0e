"""Background tasks of the outbox: send one e-mail; every minute, send those due again."""

from django_tasks import task

from mail import sending


@task()
def send_email(email_id):
    """Send a queued e-mail (queue_email enqueues this)."""
    sending.send(email_id)


@task()
def send_due_emails():
    """Retry the e-mails whose wait after a failure is over (run_worker, every minute).
    One query when none is due."""
    for email_id in list(sending.due().values_list("pk", flat=True)):
        sending.send(email_id)
