"""Reminders before an event starts, REGISTRATION_REMINDER_HOURS before it (24 and 1 by
default), to everyone with a place, sent by the worker's minute round.

Each reminder has its window: from its moment until the next reminder's (or the start).
A round sends the reminder whose window it is in, so a worker that was stopped sends
the one missed reminder when it comes back, never several, and never one whose window
has closed. Someone who confirmed after a reminder's moment gets only the later ones:
the confirmation told them all. A reminder is claimed by inserting its SentReminder row
before its e-mail is queued, so two workers never send one twice; an event moved to a
new start gets its reminders again."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import EventPage, EventStatus, RegistrationMode
from registrations import emails
from registrations.models import Registration, SentReminder, in_step, source_event


def current_reminder(start, now):
    """The hours before `start` of the reminder whose window `now` is in, or None."""
    passed = [
        hours
        for hours in settings.REGISTRATION_REMINDER_HOURS
        if start - timedelta(hours=hours) <= now
    ]
    if now >= start or not passed:
        return None
    return min(passed)


def events_soon(now):
    """The source pages of scheduled events registering on the site that start within the
    longest reminder's hours."""
    hours = settings.REGISTRATION_REMINDER_HOURS
    if not hours:
        return []
    soon = EventPage.objects.live().filter(
        status=EventStatus.SCHEDULED,
        registration_mode=RegistrationMode.SITE,
        start__gt=now,
        start__lte=now + timedelta(hours=max(hours)),
    )
    sources = {}
    for event in soon.order_by("pk"):
        if event.translation_key not in sources:
            sources[event.translation_key] = source_event(event)
    return [
        source
        for source in sources.values()
        if source.live and source.status == EventStatus.SCHEDULED
    ]


def send_due(now=None):
    """Queue the reminders due now; return how many."""
    now = now or timezone.now()
    sent = 0
    for source in events_soon(now):
        hours = current_reminder(source.start, now)
        if hours is None:
            continue
        moment = source.start - timedelta(hours=hours)
        already = SentReminder.objects.filter(hours_before=hours, event_start=source.start)
        due = (
            Registration.objects.for_event(source)
            .confirmed()
            .filter(anonymized_at__isnull=True, confirmed_at__lte=moment)
            .exclude(pk__in=already.values("registration"))
            .select_related("event")
            .order_by("pk")
        )
        site = source.get_site()
        site_url = site.root_url if site else ""
        for registration in due:
            sent += remind(registration, source, hours, site_url)
    return sent


def remind(registration, source, hours, site_url):
    """Claim the reminder, then queue it (sent once the claim is committed); 0 when
    another worker claimed it first."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    registration=registration, hours_before=hours, event_start=source.start
                )
        except IntegrityError:
            return 0
        registration.event = in_step(registration.event, source)
        emails.send_reminder(registration, site_url)
    return 1
