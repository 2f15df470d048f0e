"""schema.org `Event` data for event pages, `EventSeries` for lecture series (JSON-LD)."""

from core.models import SiteSettings
from core.structured_data import image_url, publisher

ATTENDANCE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def event_json_ld(event, request, partners, speakers):
    url = event.get_full_url(request)
    locations = []
    if event.format != "online":
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name or event.city,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.venue_address,
                    "addressLocality": event.city,
                    "addressCountry": event.country.code or None,
                },
            }
        )
    if event.format != "in_person":
        locations.append({"@type": "VirtualLocation", "url": url})
    organizers = _organizers(request, partners)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": _when(event, event.local_start),
        "endDate": _when(event, event.local_end),
        "eventAttendanceMode": ATTENDANCE[event.format],
        "eventStatus": STATUS[event.status],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": organizers,
        "inLanguage": event.languages or [event.listing_locale.language_code],
    }
    if speakers:
        data["performer"] = [{"@type": "Person", "name": person.name} for person in speakers]
    if picture := image_url(request, event.hero_image):
        data["image"] = [picture]
    if series := event.public_series:
        data["@type"] = "EducationEvent"
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": series.title,
            "url": series.get_full_url(request),
        }
    return data


def _organizers(request, partners):
    """The hosting partners, or else the site's own organisation."""
    return [
        {"@type": "Organization", "name": partner.title, "url": partner.get_full_url(request)}
        for partner in partners
    ] or [publisher(request, SiteSettings.for_request(request))]


def _when(event, moment):
    return moment.date().isoformat() if event.all_day else moment.isoformat()


def series_json_ld(series, request, sessions, organisers, partners):
    """`EventSeries` with each session as an `EducationEvent`."""
    data = {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": series.title,
        "description": series.meta_description,
        "url": series.get_full_url(request),
        "organizer": _organizers(request, partners),
        "subEvent": [
            {
                "@type": "EducationEvent",
                "name": session.title,
                "url": session.get_full_url(request),
                "startDate": _when(session, session.local_start),
                "endDate": _when(session, session.local_end),
                "eventAttendanceMode": ATTENDANCE[session.format],
                "eventStatus": STATUS[session.status],
            }
            for session in sessions
        ],
    }
    if sessions:
        data["startDate"] = _when(sessions[0], sessions[0].local_start)
        data["endDate"] = _when(sessions[-1], sessions[-1].local_end)
    if organisers:
        data["contributor"] = [{"@type": "Person", "name": person.name} for person in organisers]
    return data
