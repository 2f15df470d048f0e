"""Registering, confirming, cancelling and forgetting. Places are counted under a lock on
the event's row, so that parallel confirmations never give out more places than there are."""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from events.models import EventPage
from registrations import emails
from registrations.models import Registration

Status = Registration.Status


def register(event, details, site_url, notify=True):
    """Store a registration awaiting confirmation and e-mail its link (unless `notify` is
    off: too many e-mails to that address already). An e-mail address already registered
    gets the link of its registration again (which leads to its personal page once
    confirmed), and nothing else changes."""
    registration, _new = _store(event, details)
    if notify:
        emails.send_confirmation_request(registration, site_url)
    return registration


def register_series(events, details, answers_for, site_url, notify=True):
    """Register for several sessions at once: the new registrations share a batch, and
    one e-mail lists them all with one link that confirms them all. Sessions the address
    is registered for already keep their registration. `answers_for(event)` gives the
    answers kept with each session's registration."""
    batch = uuid.uuid4()
    registrations = [
        _store(event, {**details, "answers": answers_for(event)}, batch)[0] for event in events
    ]
    if notify:
        # The link of a registration made now confirms the whole batch.
        made_now = next((each for each in registrations if each.batch == batch), registrations[0])
        emails.send_batch_confirmation_request(registrations, made_now, site_url)
    return registrations


def _store(event, details, batch=None):
    """The address's active registration for the event, or a new one; and whether new."""
    known = Registration.objects.active().for_event(event).filter(email=details["email"])
    existing = known.first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            created = Registration.objects.create(
                event=event,
                language=event.locale.language_code,
                consent_at=timezone.now(),
                batch=batch,
                **details,
            )
    except IntegrityError:  # the same address, registered a moment ago
        return known.get(), False
    return created, True


def registered_together(registration):
    """The registration, those made with it in one form, and the address's other active
    registrations for sessions of the same lecture series (made with another form): one
    personal page for all of them. In the order of the events."""
    together = Q(pk=registration.pk)
    if registration.batch is not None:
        together |= Q(batch=registration.batch)
    series_id = registration.event.series_id
    if series_id is not None and registration.email:
        together |= Q(email=registration.email, event__series_id=series_id) & ~Q(
            status=Status.CANCELLED
        )
    found = Registration.objects.filter(together).select_related("event")
    return list(found.order_by("event__start", "event__translation_key", "pk"))


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


def is_full(event):
    """Every place is taken: who registers now joins the waiting list (said on the form;
    the count under the lock decides when the link is followed)."""
    return not _has_room(event)


def confirm_together(registration, site_url):
    """Follow the e-mailed link of a form sent for several sessions: each registration
    made with it gets a place or the waiting list, one event locked at a time."""
    for each in registered_together(registration):
        confirm(each, site_url)


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
def cancel(registration, site_url, notify=True):
    """Give up a registration; a place freed goes to the first in line, who is told. The
    registrant is told too, unless `notify` is off."""
    event = _lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    had_place = registration.status == Status.CONFIRMED
    registration.event = event
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if notify:
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


def forget(registration, site_url):
    """For "Delete my data": every registration made with this one is cancelled (its place
    going to the first in line) and anonymized; the personal link stops working. Nothing
    more is e-mailed to the address."""
    for each in registered_together(registration):
        cancel(each, site_url, notify=False)
        each.refresh_from_db()
        each.anonymize()


def change_time_zone(registration, zone):
    """The zone the registrant's next e-mails give the times in."""
    Registration.objects.filter(
        pk__in=[each.pk for each in registered_together(registration)]
    ).update(time_zone=zone)
