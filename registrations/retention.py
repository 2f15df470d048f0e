"""Keeping registrants' personal data no longer than needed: the worker anonymizes the
registrations of events that ended REGISTRATION_RETENTION_DAYS ago, and deletes those whose
e-mailed link was never followed (the address was never shown to be theirs)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from registrations.models import Registration

BATCH = 500


def anonymize_after_retention(now=None):
    """Anonymize what is due; returns (anonymized, deleted). One query when nothing is."""
    now = now or timezone.now()
    unconfirmed = Registration.objects.filter(
        status=Registration.Status.AWAITING_CONFIRMATION,
        created__lt=now - timedelta(days=settings.REGISTRATION_UNCONFIRMED_DAYS),
        anonymized_at__isnull=True,
    )
    _total, by_model = unconfirmed.delete()
    deleted = by_model.get(Registration._meta.label, 0)
    due = Registration.objects.filter(
        anonymized_at__isnull=True,
        event__end__lt=now - timedelta(days=settings.REGISTRATION_RETENTION_DAYS),
    )
    anonymized = 0
    while batch := list(due.order_by("pk")[:BATCH]):
        for registration in batch:
            registration.anonymize()
        anonymized += len(batch)
    return anonymized, deleted
