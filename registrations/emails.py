"""The e-mails a registrant receives, each in their language with the event's times in
the event's zone and in their own."""

import zoneinfo

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mail.outbox import queue_email
from registrations.calendar import CANCEL, REQUEST, invitation


def moment(value, zone_name, all_day=False):
    """'7 December 2026 09:00 (Europe/Amsterdam)' in the active language."""
    local = value.astimezone(zoneinfo.ZoneInfo(zone_name))
    day = date_format(local, "DATE_FORMAT")
    label = zone_name.replace("_", " ")
    return f"{day} ({label})" if all_day else f"{day} {local:%H:%M} ({label})"


def send(registration, site_url, template, subject, attachments=(), title=None, **context):
    """Queue `registrations/emails/<template>.txt` to the registrant, in their language;
    `subject` is translated already and may hold %(title)s: `title`, else the event's."""
    with translation.override(registration.language):
        event = registration.event
        context = {
            "registration": registration,
            "event": event,
            "event_time": moment(event.start, event.time_zone, event.all_day),
            "own_time": moment(event.start, registration.time_zone, event.all_day),
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
                "event_time": moment(each.event.start, each.event.time_zone, each.event.all_day),
                "own_time": moment(each.event.start, link_to.time_zone, each.event.all_day),
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
    )


def send_place(registration, site_url, promoted=False):
    """The place is theirs: the invitation for their calendar."""
    with translation.override(registration.language):
        subject = _("Registration confirmed: %(title)s")
    attachment = _calendar_file(registration, REQUEST, 0)
    send(registration, site_url, "confirmed", subject, [attachment], promoted=promoted)


def send_waiting(registration, site_url):
    with translation.override(registration.language):
        subject = _("On the waiting list: %(title)s")
    position = registration.waiting_position()
    send(registration, site_url, "waiting", subject, position=position)


def send_cancelled(registration, site_url, had_place):
    """The cancellation, with the calendar entry withdrawn if they had one."""
    with translation.override(registration.language):
        subject = _("Registration cancelled: %(title)s")
    attachments = [_calendar_file(registration, CANCEL, 1)] if had_place else []
    send(registration, site_url, "cancelled", subject, attachments)
