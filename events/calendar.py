"""iCalendar (RFC 5545) for events, built with the icalendar library."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Conference, Event

from .models import EventStatus

ICS_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def event_uid(event):
    """The same in every language and every feed, for the event's whole life."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"{event.translation_key}@{host}"


def event_sequence(event):
    """Rises with every publication after the first (seconds between them)."""
    first = event.first_published_at or event.last_published_at
    last = event.last_published_at or first
    if not first or not last:
        return 0
    return max(0, int((last - first).total_seconds()))


def event_location(event):
    if event.format == "online":
        return _("Online")
    parts = [event.venue_name, event.venue_address, event.city]
    if event.country:
        parts.append(str(event.country.name))
    return ", ".join(part for part in parts if part)


def event_component(event, request):
    url = event.get_full_url(request)
    component = Event()
    component.add("uid", event_uid(event))
    stamp = event.last_published_at or timezone.now()
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("last-modified", stamp.astimezone(datetime.UTC))
    component.add("sequence", event_sequence(event))
    component.add("summary", event.title)
    if event.all_day:
        component.add("dtstart", event.local_start.date())
        component.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.local_start)
        component.add("dtend", event.local_end)
    component.add("status", ICS_STATUS.get(event.status, "CONFIRMED"))
    if url:
        component.add("url", url)
    if location := event_location(event):
        component.add("location", location)
    join = event.public_join_url
    join_line = f"{_('Join online')}\n{join}" if join else ""
    if join:
        # RFC 7986: calendar apps offer a "Join" button; older ones read the description.
        component.conferences = [Conference(join, feature="VIDEO", label=_("Join online"))]
    description = "\n\n".join(part for part in (event.summary, join_line, url) if part)
    if description:
        component.add("description", description)
    component.add("class", "PUBLIC")
    return component


def calendar(events, request, name):
    cal = Calendar()
    cal.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for event in events:
        cal.add_component(event_component(event, request))
    cal.add_missing_timezones()
    return cal.to_ical()
