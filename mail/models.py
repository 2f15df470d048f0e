"""The outbox: every e-mail the site sends, kept until sent or given up on."""

import base64

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One message to one recipient, sent by the worker and retried with growing waits."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # [{"filename": "event.ics", "content": "<base64>", "mimetype": "text/calendar"}, ...]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_due")]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    def attachment_files(self):
        """(filename, content bytes, mimetype) of each attachment."""
        return [
            (item["filename"], base64.b64decode(item["content"]), item["mimetype"])
            for item in self.attachments
        ]
