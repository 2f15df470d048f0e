"""Registering, confirming and cancelling. Places are counted under a lock on the event's
row, so that parallel confirmations never give out more places than there are."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import EventPage
from registrations import emails
from registrations.models import Registration

Status = Registration.Status


def register(event, details, site_url):
    """Store a registration awaiting confirmation and e-mail its link. An e-mail address
    already registered gets the link of its registration again (which leads to its
    personal page once confirmed), and nothing else changes."""
    known = Registration.objects.active().for_event(event).filter(email=details["email"])
    existing = known.first()
    if existing is None:
        try:
            with transaction.atomic():
                existing = Registration.objects.create(
                    event=event,
                    language=event.locale.language_code,
                    consent_at=timezone.now(),
                    **details,
                )
        except IntegrityError:  # the same address, registered a moment ago
            existing = known.get()
    emails.send_confirmation_request(existing, site_url)
    return existing


def _lock_event(event_id):
    """Lock the event's rows in every language (in one order, so that two readers never
    wait for each other): its translations share the places. Only those rows: editors
    saving other pages are not held up."""
    key = EventPage.objects.filter(pk=event_id).values("translation_key")
    rows = EventPage.objects.select_for_update(of=("self",)).filter(translation_key__in=key)
    return next(event for event in rows.order_by("pk") if event.pk == event_id)


def _has_room(event):
    if event.capacity is None:
        return True
    return Registration.objects.for_event(event).confirmed().count() < event.capacity


@transaction.atomic
def confirm(registration, site_url):
    """Follow the e-mailed link: a place while there is one, else the waiting list.
    Following it again changes nothing."""
    event = _lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.AWAITING_CONFIRMATION:
        return registration
    registration.event = event
    registration.confirmed_at = timezone.now()
    registration.status = Status.CONFIRMED if _has_room(event) else Status.WAITING
    registration.save(update_fields=["status", "confirmed_at"])
    if registration.status == Status.CONFIRMED:
        emails.send_place(registration, site_url)
    else:
        emails.send_waiting(registration, site_url)
    return registration


@transaction.atomic
def cancel(registration, site_url):
    """Give up a registration; a place freed goes to the first in line, who is told."""
    event = _lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    had_place = registration.status == Status.CONFIRMED
    registration.event = event
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    emails.send_cancelled(registration, site_url, had_place)
    if had_place:
        _promote(event, site_url)
    return registration


def _promote(event, site_url):
    for waiting in Registration.objects.for_event(event).waiting_in_line():
        if not _has_room(event):
            return
        waiting.status = Status.CONFIRMED
        waiting.save(update_fields=["status"])
        emails.send_place(waiting, site_url, promoted=True)
