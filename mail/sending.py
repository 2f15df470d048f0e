"""Hand one queued e-mail to Django's mail backend, and decide what a failure means."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from mail.models import OutgoingEmail

logger = logging.getLogger(__name__)


def backoff(attempts):
    """How long to wait after the `attempts`-th failure: 1, 2, 4, 8, 16... minutes."""
    return timedelta(minutes=2 ** (attempts - 1))


def due():
    """Queued e-mails whose next attempt is due, oldest first."""
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at")


def send(email_id):
    """Send the e-mail if it is still due. The row stays locked while the server is
    talked to, so a second worker skips it rather than sending it twice."""
    with transaction.atomic():
        email = due().select_for_update(skip_locked=True).filter(pk=email_id).first()
        if email is None:
            return
        email.attempts += 1
        try:
            message(email).send()
        except (smtplib.SMTPException, OSError) as error:  # the server or the way to it
            failed(email, error)
        except Exception as error:
            # A message Django refuses to build (BadHeaderError: a header with a line
            # break) will be refused on every attempt: give up now, and say why.
            give_up(email, error)
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.next_attempt_at = None
            email.last_error = ""
        email.save()


def message(email):
    """The message a stored e-mail stands for, from DEFAULT_FROM_EMAIL."""
    mail = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.recipient],
        headers=email.headers,
    )
    if email.html:
        mail.attach_alternative(email.html, "text/html")
    for filename, content, mimetype in email.attachment_files():
        mail.attach(filename, content, mimetype)
    return mail


def failed(email, error):
    """Wait longer before the next attempt, or give up after EMAIL_MAX_ATTEMPTS."""
    if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        give_up(email, error)
        return
    email.last_error = describe(error)
    email.next_attempt_at = timezone.now() + backoff(email.attempts)
    logger.warning(
        "e-mail %s not sent (attempt %s), retrying at %s: %s",
        email.pk,
        email.attempts,
        email.next_attempt_at.isoformat(timespec="seconds"),
        email.last_error,
    )


def give_up(email, error):
    email.status = OutgoingEmail.Status.FAILED
    email.last_error = describe(error)
    email.next_attempt_at = None
    logger.error("e-mail %s failed after %s attempt(s): %s", email.pk, email.attempts, error)


def describe(error):
    return f"{type(error).__name__}: {error}"[:2000]
