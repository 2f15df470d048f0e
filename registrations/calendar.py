"""The calendar entry a registrant receives (RFC 5546): an invitation once they have a
place, its cancellation when they give it up."""

import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from events.calendar import event_component
from registrations.models import EventNotices

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def registration_uid(registration):
    """The same for every message to this registrant about this event."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"registration-{registration.pk}@{host}"


def current_sequence(event):
    """The SEQUENCE of the calendar entries registrants hold for this event: raised with
    every change they are told of."""
    return EventNotices.of(event).sequence


def invitation(registration, method=REQUEST, sequence=0):
    """The event as an iCalendar invitation (or its cancellation) for the registrant."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Registrations//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    component = event_component(registration.event, None)
    for name in ("uid", "sequence", "class", "dtstamp"):
        component.pop(name, None)
    component.add("uid", registration_uid(registration))
    # With a METHOD, DTSTAMP is when this message was made (RFC 5546, 2.1.5).
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("sequence", sequence)
    if method == CANCEL:
        component.pop("status", None)
        component.add("status", "CANCELLED")
    organizer = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    component.add("organizer", f"mailto:{organizer}", parameters={"CN": settings.WAGTAIL_SITE_NAME})
    component.add(
        "attendee",
        f"mailto:{registration.email}",
        parameters={"CN": registration.name, "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"},
    )
    calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
