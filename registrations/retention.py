"""Keeping registrants' personal data no longer than needed: the worker anonymizes the
registrations of events that ended REGISTRATION_RETENTION_DAYS ago, and deletes those whose
e-mailed link was never followed (the address was never shown to be theirs)."""

import uuid
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
    cutoff = now - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    due = Registration.objects.filter(anonymized_at__isnull=True, event__end__lt=cutoff)
    anonymized = 0
    for person in _people(due.select_related("event__series").order_by("pk")):
        if _has_sessions_to_come(person, cutoff):
            continue
        together = uuid.uuid4()  # the reports go on counting them once
        for registration in person:
            registration.batch = together
            registration.anonymize(also=["batch"])
        anonymized += len(person)
    return anonymized, deleted


def _people(registrations):
    """The registrations due, grouped per person: one address's registrations for the
    sessions of one series together, any other registration alone."""
    groups = {}
    for registration in registrations.iterator(chunk_size=BATCH):
        series = registration.event.series
        key = (series.translation_key, registration.email) if series else registration.pk
        groups.setdefault(key, []).append(registration)
    return groups.values()


def _has_sessions_to_come(person, cutoff):
    """True while the same address has a session of the same series not yet due: a series
    is forgotten once its last session has been over for the retention period."""
    series = person[0].event.series
    if series is None:
        return False
    return Registration.objects.filter(
        anonymized_at__isnull=True,
        email=person[0].email,
        event__series__translation_key=series.translation_key,
        event__end__gte=cutoff,
    ).exists()
