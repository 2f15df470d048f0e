"""schema.org `Event` data for event pages (JSON-LD)."""

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


def event_json_ld(event, request, partners, speakers, organisation):
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
    organizers = [
        {"@type": "Organization", "name": partner.title, "url": partner.get_full_url(request)}
        for partner in partners
    ] or [{"@type": "Organization", "name": organisation, "url": request.build_absolute_uri("/")}]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": event.local_start.date().isoformat()
        if event.all_day
        else event.local_start.isoformat(),
        "endDate": event.local_end.date().isoformat()
        if event.all_day
        else event.local_end.isoformat(),
        "eventAttendanceMode": ATTENDANCE[event.format],
        "eventStatus": STATUS[event.status],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": organizers,
        "inLanguage": event.languages or [event.locale.language_code],
    }
    if speakers:
        data["performer"] = [{"@type": "Person", "name": person.name} for person in speakers]
    if event.hero_image:
        rendition = event.hero_image.get_rendition("fill-1200x675|format-jpeg")
        data["image"] = request.build_absolute_uri(rendition.url)
    return data
