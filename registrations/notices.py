"""Registrants are told when an editor publishes a change to what they were told: a new
time, a new way to take part, a postponement or a cancellation. One e-mail per change
and registrant, in every language, decided when the event's source page is published
(its translations follow it and tell nobody again)."""

from django.db import transaction

from events.models import EventFormat
from registrations import emails
from registrations.models import EventNotices, Registration, in_step, source_event

Status = Registration.Status


def changes_between(told, event):
    """What registrants were told (`told`, an EventNotices) and what the event says now,
    as the names the change e-mail knows."""
    changes = []
    if event.status != told.status:
        changes.append(event.status)  # scheduled (again), postponed or cancelled
    if (event.start, event.end, event.all_day) != (told.start, told.end, told.all_day):
        changes.append("rescheduled")
    if event.format != told.format:
        changes.append(event.format)  # now in person, online or hybrid
    elif event.format != EventFormat.IN_PERSON and event.online_url != told.online_url:
        changes.append("join_address")
    return changes


def published(event):
    """Compare the published source event with what its registrants were last told; tell
    those with a place or waiting for one what changed, and remember it."""
    source = source_event(event)
    if source.pk != event.pk:
        return
    with transaction.atomic():
        told = EventNotices.objects.select_for_update().filter(event=source).first()
        if told is None:
            EventNotices.of(source)
            return
        changes = changes_between(told, source)
        if not changes:
            return
        before = EventNotices(**{name: getattr(told, name) for name in EventNotices.TOLD})
        for name in EventNotices.TOLD:
            setattr(told, name, getattr(source, name))
        told.sequence += 1
        told.save()
        site = source.get_site()
        site_url = site.root_url if site else ""
        registrations = (
            Registration.objects.for_event(source)
            .filter(status__in=(Status.CONFIRMED, Status.WAITING), anonymized_at__isnull=True)
            .select_related("event")
            .order_by("pk")
        )
        for registration in registrations:
            registration.event = in_step(registration.event, source)
            emails.send_change(registration, site_url, changes, before, told.sequence)
