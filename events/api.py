"""The events endpoint of the Wagtail API (v2): live, public events for partners' sites."""

from django.http import Http404
from django.urls import path
from django.utils import translation
from django.utils.decorators import method_decorator
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page

from caching.http_cache import conditional_cache, cors_open
from core.localization import attach_localized
from core.params import query_parameters

from .models import EventPage, with_hosting_partners, with_public_series
from .params import EventParams

IMAGE_SPEC = "fill-800x450|format-jpeg"


def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def event_translations(events):
    """{translation_key: {language: page}} for the live translations of `events`."""
    keys = {event.translation_key for event in events}
    pages = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys, alias_of__isnull=True)
        .select_related("locale")
    )
    found = {}
    for page in pages:
        found.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return found


def serialize(event, request, translations):
    image = event.hero_image
    rendition = image.get_rendition(IMAGE_SPEC) if image else None
    url = event.get_full_url(request)
    return {
        "id": event.pk,
        "title": event.title,
        "url": url,
        "locale": event.locale.language_code,
        "start": event.local_start.isoformat(),
        "end": event.local_end.isoformat(),
        "time_zone": event.time_zone,
        "all_day": event.all_day,
        "format": event.format,
        "status": event.status,
        "online": event.format != "in_person",
        "venue": None
        if event.format == "online"
        else {
            "name": event.venue_name,
            "address": event.venue_address,
            "city": event.city,
            "country": event.country.code or None,
            "country_name": str(event.country.name) if event.country else None,
        },
        "registration_url": event.registration_url or None,
        "registration_deadline": event.registration_deadline.isoformat()
        if event.registration_deadline
        else None,
        "series": {
            "title": event.public_series.title,
            "slug": event.public_series.slug,
            "url": event.public_series.get_full_url(request),
        }
        if event.public_series
        else None,
        "partners": [
            {
                "title": partner.title,
                "slug": partner.slug,
                "url": partner.get_full_url(request),
                "country": partner.country.code,
            }
            for partner in event.partners_localized
        ],
        "topics": [{"slug": topic.slug, "name": topic.name} for topic in event.topics_localized],
        "summary": event.summary,
        "image": absolute(request, rendition.url) if rendition else None,
        "image_alt": event.hero_alt if image else None,
        "ics_url": absolute(request, event.ics_url()) if url else None,
        "translations": {
            code: page.get_full_url(request)
            for code, page in sorted(translations.get(event.translation_key, {}).items())
        },
    }


def json_bad_request(error):
    return Response({"message": str(error), "parameter": error.name}, status=400)


def serialize_all(events, request, locale):
    """The events as the API gives them, with partners and topics in `locale`."""
    events = with_public_series(with_hosting_partners(events, locale))
    events = attach_localized(events, "topics_localized", lambda e: list(e.topics.all()), locale)
    translations = event_translations(events)
    return [serialize(event, request, translations) for event in events]


@method_decorator(cors_open, name="dispatch")
@method_decorator(conditional_cache, name="dispatch")
class EventsAPIViewSet(BaseAPIViewSet):
    """`/api/v2/events/`: filters `locale`, `partner`, `series`, `topic`, `format`,
    `upcoming`/`past`, `start_after`/`start_before`, `limit` (at most 100), `offset`."""

    model = EventPage
    name = "events"

    @method_decorator(query_parameters(EventParams, json_bad_request))
    def listing_view(self, request, params):
        with translation.override(params.locale.language_code):
            events = params.events().prefetch_related("topics")
            total = events.count()
            window = list(events[params.offset : params.offset + params.limit])
            items = serialize_all(window, request, params.locale)
        return Response(
            {
                "meta": {
                    "total_count": total,
                    "limit": params.limit,
                    "offset": params.offset,
                    "locale": params.locale.language_code,
                },
                "items": items,
            }
        )

    def detail_view(self, request, pk):
        if set(request.GET):
            return Response({"message": "the detail view takes no parameters"}, status=400)
        events = EventPage.objects.shown_to_readers().filter(pk=pk)
        events = events.select_related("locale", "series", "hero_image").prefetch_related(
            "host_partners__partner", "topics"
        )
        event = events.first()
        if event is None:
            raise Http404("No such event")
        with translation.override(event.locale.language_code):
            return Response(serialize_all([event], request, event.locale)[0])

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]
