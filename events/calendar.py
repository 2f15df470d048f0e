"""iCalendar (RFC 5545) for events: one event as an icalendar component (for the
registrations' invitations), many written directly (the feeds)."""

import datetime
import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Conference, Event, Timezone

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
    """The calendar of `events`, written line by line: icalendar's objects cost about a
    millisecond an event, which a feed of 500 events felt. Only the time zones'
    definitions come from icalendar, once per zone and process. The tests read it back
    with icalendar's parser."""
    zones = set()
    body = []
    for event in events:
        body += event_lines(event, request, zones)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:-//{text(settings.WAGTAIL_SITE_NAME)}//Events//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(name)}",
        f"NAME:{text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for zone in sorted(zones):
        lines += time_zone_lines(zone)
    lines += [*body, "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines).encode()


def event_lines(event, request, zones):
    """The VEVENT of `event`, as `event_component` builds it; adds the zones it names."""
    url = event.get_full_url(request)
    stamp = utc(event.last_published_at or timezone.now())
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(event.title)}",
    ]
    if event.all_day:
        lines.append(f"DTSTART;VALUE=DATE:{event.local_start.date():%Y%m%d}")
        end = event.local_end.date() + datetime.timedelta(days=1)
        lines.append(f"DTEND;VALUE=DATE:{end:%Y%m%d}")
    else:
        lines += [
            moment("DTSTART", event.local_start, zones),
            moment("DTEND", event.local_end, zones),
        ]
    lines += [
        f"DTSTAMP:{stamp}",
        f"UID:{text(event_uid(event))}",
        f"SEQUENCE:{event_sequence(event)}",
        "CLASS:PUBLIC",
    ]
    join = event.public_join_url
    join_line = f"{_('Join online')}\n{join}" if join else ""
    description = "\n\n".join(part for part in (event.summary, join_line, url) if part)
    if description:
        lines.append(f"DESCRIPTION:{text(description)}")
    lines.append(f"LAST-MODIFIED:{stamp}")
    if location := event_location(event):
        lines.append(f"LOCATION:{text(location)}")
    lines.append(f"STATUS:{ICS_STATUS.get(event.status, 'CONFIRMED')}")
    if url:
        lines.append(f"URL:{url}")
    if join:  # RFC 7986: calendar apps offer a "Join" button
        label = parameter(_("Join online"))
        lines.append(f"CONFERENCE;FEATURE=VIDEO;LABEL={label};VALUE=URI:{join}")
    lines.append("END:VEVENT")
    return lines


def utc(moment_in_time):
    return f"{moment_in_time.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"


def moment(name, value, zones):
    """A date-time in its zone (`TZID`), or in UTC."""
    zone = getattr(value.tzinfo, "key", None)
    if zone in (None, "UTC", "Etc/UTC"):
        return f"{name}:{utc(value)}"
    zones.add(zone)
    return f"{name};TZID={zone}:{value:%Y%m%dT%H%M%S}"


@functools.cache
def time_zone_lines(zone):
    """The VTIMEZONE of `zone`, from icalendar (unfolded: `fold` folds every line)."""
    unfolded = Timezone.from_tzid(zone).to_ical().decode().replace("\r\n ", "")
    return unfolded.rstrip("\r\n").split("\r\n")


def text(value):
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def parameter(value):
    """A parameter value, quoted when it holds `:`, `;` or `,` (quotes cannot be in it)."""
    value = str(value).replace('"', "'")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line, limit=75):
    """Lines longer than 75 octets go on in lines that start with a space, never in the
    middle of a character."""
    encoded = line.encode()
    if len(encoded) <= limit:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # the continuation's space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
