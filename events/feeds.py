"""Subscribable calendars of events (iCalendar)."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from caching.http_cache import conditional_cache, cors_open
from core.localization import localize_all
from core.params import query_parameters

from .calendar import calendar
from .models import EventPage
from .params import CalendarParams


def calendar_name(params, site_name):
    """The calendar's name, "Site – Series – Partner – Events", in its language: the
    series and the partner by their titles in it, whichever slug the address gives."""
    chosen = [item for item in (params.series, params.partner) if item]
    titles = [item.title for item in localize_all(chosen, params.locale)]
    return " – ".join([site_name, *titles]) + " – " + _("Events")


def calendar_events(params):
    """What a calendar holds, in the order of their start. Asked for neither `upcoming`
    nor `past`, the events to come are kept first, then the most recent past ones, up to
    `limit`: a subscription never loses the next events to an old archive."""
    events = params.events()
    if params.past or params.upcoming:
        return list(events[: params.limit])
    coming = list(events.upcoming()[: params.limit])
    room = params.limit - len(coming)
    gone = list(events.past()[:room]) if room else []
    return sorted(gone + coming, key=lambda event: (event.start, event.pk))


@require_safe
@cors_open
@conditional_cache
@query_parameters(CalendarParams)
def events_ics(request, params):
    site = Site.find_for_request(request)
    with translation.override(params.locale.language_code):
        name = calendar_name(params, site.site_name if site else "")
        body = calendar(calendar_events(params), request, name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    response["Content-Language"] = params.locale.language_code
    return response


@require_safe
@cors_open
@conditional_cache
def event_ics(request, pk):
    """One event's calendar file, in its own language."""
    if request.GET:
        return HttpResponseBadRequest("this file takes no parameters", content_type="text/plain")
    event = EventPage.objects.shown_to_readers().filter(pk=pk).first()
    if event is None:
        raise Http404("No such event")
    with translation.override(event.locale.language_code):
        body = calendar([event], request, event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    response["Content-Language"] = event.locale.language_code
    return response
