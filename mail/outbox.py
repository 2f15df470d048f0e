"""Queue an e-mail: the caller's request stores a row and enqueues its sending, no more."""

import base64

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from mail.models import OutgoingEmail
from mail.tasks import send_email


def queue_email(to, subject, text, html=None, attachments=(), language=None):
    """Store an e-mail to `to` and enqueue its sending once the transaction commits.

    `attachments` are (filename, content, mimetype) with content as bytes or str;
    `language` (a language code) becomes the Content-Language header. A recipient or
    subject with a line break is refused with ValueError: it could add headers.
    """
    for name, value in (("recipient", to), ("subject", subject), ("language", language or "")):
        if "\n" in value or "\r" in value:
            raise ValueError(f"The {name} of an e-mail must be one line")
    try:
        validate_email(to)
    except ValidationError:
        raise ValueError(f"Not an e-mail address: {to!r}") from None
    email = OutgoingEmail.objects.create(
        recipient=to,
        subject=subject,
        text=text,
        html=html or "",
        attachments=[_stored(*attachment) for attachment in attachments],
        headers={"Content-Language": language} if language else {},
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: send_email.enqueue(email.pk))
    return email


def send_again(email):
    """Queue a failed e-mail again, for an attempt now and a fresh count of attempts."""
    email.status = OutgoingEmail.Status.QUEUED
    email.attempts = 0
    email.next_attempt_at = timezone.now()
    email.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: send_email.enqueue(email.pk))


def _stored(filename, content, mimetype):
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "content": base64.b64encode(content).decode("ascii"),
        "mimetype": mimetype,
    }
