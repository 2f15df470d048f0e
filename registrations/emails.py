"""The e-mails a registrant receives, each in their language with the event's times in
the event's zone and in their own."""

import zoneinfo

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.calendar import event_location
from events.models import EventFormat, EventStatus, JoinLinkVisibility
from events.times import day_and_times, one_day_times
from mail.outbox import queue_email
from registrations.calendar import CANCEL, REQUEST, current_sequence, invitation
from registrations.models import Registration


def span(start, end, zone_name, all_day=False):
    """'7 December 2026, 09:00–11:00 (Europe/Amsterdam)' as the event's page writes a
    range in the active language ('de 09:00 a 11:00' in Spanish), with the last day when
    it differs."""
    zone = zoneinfo.ZoneInfo(zone_name)
    first, last = start.astimezone(zone), end.astimezone(zone)
    label = zone_name.replace("_", " ")
    first_day, last_day = date_format(first, "DATE_FORMAT"), date_format(last, "DATE_FORMAT")
    if all_day:  # `zone_name` is the event's: its days are the same for everyone
        return first_day if first_day == last_day else f"{first_day} – {last_day}"
    if first_day == last_day:
        times = one_day_times(date_format(first, "TIME_FORMAT"), date_format(last, "TIME_FORMAT"))
        return f"{day_and_times(first_day, times)} ({label})"
    return (
        f"{date_format(first, 'DATETIME_FORMAT')} – {date_format(last, 'DATETIME_FORMAT')} "
        f"({label})"
    )


def own_span(start, end, zone_name, own_zone_name, all_day):
    """The reader's own times; an all-day event's days are the event's."""
    return span(start, end, zone_name if all_day else own_zone_name, all_day)


def send(registration, site_url, template, subject, attachments=(), title=None, **context):
    """Queue `registrations/emails/<template>.txt` to the registrant, in their language;
    `subject` is translated already and may hold %(title)s: `title`, else the event's."""
    with translation.override(registration.language):
        event = registration.event
        context = {
            "registration": registration,
            "event": event,
            "event_time": span(event.start, event.end, event.time_zone, event.all_day),
            "own_time": own_span(
                event.start, event.end, event.time_zone, registration.time_zone, event.all_day
            ),
            "manage_url": site_url + reverse("registration", args=(registration.token,)),
            **context,
        }
        text = render_to_string(f"registrations/emails/{template}.txt", context)
        queue_email(
            registration.email,
            subject % {"title": title or event.title},
            text,
            attachments=attachments,
            language=registration.language,
        )


def _calendar_file(registration, method, sequence):
    return ("invitation.ics", invitation(registration, method, sequence), "text/calendar")


def send_confirmation_request(registration, site_url):
    with translation.override(registration.language):
        subject = _("Confirm your registration: %(title)s")
        link = site_url + reverse("registration_confirm", args=(registration.token,))
    send(registration, site_url, "confirm", subject, confirm_url=link)


def send_batch_confirmation_request(registrations, link_to, site_url):
    """One e-mail for sessions registered for together, listing them, with the link that
    confirms them all."""
    with translation.override(link_to.language):
        subject = _("Confirm your registration: %(title)s")
        link = site_url + reverse("registration_confirm", args=(link_to.token,))
        sessions = [
            {
                "title": each.event.title,
                "event_time": span(
                    each.event.start, each.event.end, each.event.time_zone, each.event.all_day
                ),
                "own_time": own_span(
                    each.event.start,
                    each.event.end,
                    each.event.time_zone,
                    link_to.time_zone,
                    each.event.all_day,
                ),
                "confirmed": each.status == Registration.Status.CONFIRMED,
            }
            for each in registrations
        ]
    series = link_to.event.series
    send(
        link_to,
        site_url,
        "confirm_sessions",
        subject,
        title=series.title if series else None,
        confirm_url=link,
        sessions=sessions,
        to_confirm=sum(not session["confirmed"] for session in sessions),
    )


def send_place(registration, site_url, promoted=False):
    """The place is theirs: the invitation for their calendar."""
    with translation.override(registration.language):
        subject = _("Registration confirmed: %(title)s")
    attachment = _calendar_file(registration, REQUEST, current_sequence(registration.event))
    send(registration, site_url, "confirmed", subject, [attachment], promoted=promoted)


def send_waiting(registration, site_url):
    current_sequence(registration.event)  # what they are told now, kept for later changes
    with translation.override(registration.language):
        subject = _("On the waiting list: %(title)s")
    position = registration.waiting_position()
    send(registration, site_url, "waiting", subject, position=position)


def send_cancelled(registration, site_url, had_place):
    """The cancellation, with the calendar entry withdrawn if they had one."""
    with translation.override(registration.language):
        subject = _("Registration cancelled: %(title)s")
    if had_place:
        sequence = current_sequence(registration.event) + 1
        attachments = [_calendar_file(registration, CANCEL, sequence)]
    else:
        attachments = []
    send(registration, site_url, "cancelled", subject, attachments)


def join_address(event):
    """The join address of an online or hybrid event, whoever else sees it."""
    if event.format in (EventFormat.ONLINE, EventFormat.HYBRID):
        return event.online_url
    return ""


def send_reminder(registration, site_url):
    """Shortly before the start: the times, the place, the join address and the personal
    link."""
    event = registration.event
    with translation.override(registration.language):
        subject = _("Reminder: %(title)s")
        where = event_location(event)
    send(registration, site_url, "reminder", subject, where=where, join_url=join_address(event))


def change_subject(event):
    if event.status == EventStatus.CANCELLED:
        return _("Cancelled: %(title)s")
    if event.status == EventStatus.POSTPONED:
        return _("Postponed: %(title)s")
    return _("Changed: %(title)s")


def send_change(registration, site_url, changes, told, sequence):
    """What changed since `told` (an EventNotices as it was), in one e-mail; someone
    with a place gets their calendar entry updated, or withdrawn if the event is
    cancelled. Those waiting for a place have no entry to update."""
    event = registration.event
    zone, own_zone = event.time_zone, registration.time_zone
    with translation.override(registration.language):
        subject = change_subject(event)
        times = {
            "event_time": span(event.start, event.end, zone, event.all_day),
            "own_time": own_span(event.start, event.end, zone, own_zone, event.all_day),
            "old_event_time": span(told.start, told.end, zone, told.all_day),
            "old_own_time": own_span(told.start, told.end, zone, own_zone, told.all_day),
        }
    has_place = registration.status == registration.Status.CONFIRMED
    attachments = []
    if has_place:
        method = CANCEL if event.status == EventStatus.CANCELLED else REQUEST
        attachments.append(_calendar_file(registration, method, sequence))
    shows_join = has_place or event.join_link_visibility == JoinLinkVisibility.PUBLIC
    scheduled = event.status == EventStatus.SCHEDULED
    send(
        registration,
        site_url,
        "change",
        subject,
        attachments,
        changes=changes,
        **times,
        join_url=join_address(event) if shows_join and scheduled else "",
    )
