"""The query parameters shared by the events API, the embed and the calendar feed.

Each answers a malformed value with a 400 naming the parameter; unknown parameters are
refused too, so a typo is not silently ignored.
"""

import datetime
import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.models import Topic
from partners.models import PartnerPage

from .models import EventFormat, LectureSeriesPage

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
SLUG = re.compile(r"^[-\w]{1,100}$")
HEX_COLOUR = re.compile(r"^#?(?:[0-9a-fA-F]{3}){1,2}$")


class BadParameter(ValueError):
    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name

    def as_response(self):
        return HttpResponseBadRequest(str(self), content_type="text/plain; charset=utf-8")


class EventParams:
    """Validated filters: `locale`, `partner`, `series`, `topic`, `format`, `upcoming`,
    `past`, `start_after`, `start_before`, `limit`, `offset` (and whatever `extra` adds)."""

    filters = (
        "locale",
        "partner",
        "series",
        "topic",
        "format",
        "upcoming",
        "past",
        "start_after",
        "start_before",
        "limit",
        "offset",
    )
    extra = ()

    max_limit = MAX_LIMIT
    default_limit = DEFAULT_LIMIT

    def __init__(self, query):
        self.query = query
        unknown = sorted(set(query) - set(self.filters) - set(self.extra))
        if unknown:
            raise BadParameter(unknown[0], _("unknown parameter"))
        for name in query:
            if len(query.getlist(name)) > 1:
                raise BadParameter(name, _("give it once"))
        self.locale = self._locale()
        self.partner = self._slug("partner", PartnerPage.objects.live().public().not_expired())
        self.series = self._slug("series", LectureSeriesPage.objects.live().public().not_expired())
        self.topic = self._slug("topic", Topic.objects.filter(live=True))
        self.format = self._choice("format", [value for value, _label in EventFormat.choices])
        self.upcoming = self._flag("upcoming")
        self.past = self._flag("past")
        if self.upcoming and self.past:
            raise BadParameter("past", _("choose upcoming or past, not both"))
        self.start_after = self._moment("start_after")
        self.start_before = self._moment("start_before")
        self.limit = self._integer("limit", self.default_limit, 1, self.max_limit)
        self.offset = self._integer("offset", 0, 0, 100_000)

    def _value(self, name):
        value = self.query.get(name, "").strip()
        return value or None

    def _locale(self):
        code = self._value("locale")
        if code is None:
            return Locale.get_default()  # machine endpoints are language-neutral
        codes = [language for language, _name in settings.LANGUAGES]
        if code.lower() not in codes:
            raise BadParameter("locale", _("one of %(codes)s") % {"codes": ", ".join(codes)})
        return Locale.objects.get(language_code=code.lower())

    def _slug(self, name, queryset):
        value = self._value(name)
        if value is None:
            return None
        if not SLUG.match(value):
            raise BadParameter(name, _("not a valid slug"))
        found = queryset.filter(slug=value).order_by("pk")
        preferred = found.filter(locale=self.locale).first() or found.first()
        if preferred is None:
            raise BadParameter(name, _("no such %(name)s") % {"name": name})
        return preferred

    def _choice(self, name, choices):
        value = self._value(name)
        if value is not None and value not in choices:
            raise BadParameter(name, _("one of %(choices)s") % {"choices": ", ".join(choices)})
        return value

    def _flag(self, name):
        value = self._value(name)
        if value is None:
            return False
        if value.lower() in ("1", "true", "yes", "on", ""):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise BadParameter(name, _("true or false"))

    def _moment(self, name):
        value = self._value(name)
        if value is None:
            return None
        try:
            moment = parse_datetime(value)
            if moment is None:
                day = parse_date(value)
                if day is None:
                    raise ValueError
                moment = datetime.datetime.combine(day, datetime.time.min)
        except (ValueError, OverflowError):
            raise BadParameter(name, _("a date or date-time in ISO 8601")) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment

    def _integer(self, name, default, low, high):
        value = self._value(name)
        if value is None:
            return default
        # ASCII digits, and no more than `high` has: isdigit() is also true of "²", and
        # int() refuses both that and a number of more than 4300 digits.
        digits = value.isascii() and value.isdigit() and len(value) <= len(str(high))
        if not digits or not low <= int(value) <= high:
            message = _("a whole number from %(low)s to %(high)s") % {"low": low, "high": high}
            raise BadParameter(name, message)
        return int(value)

    def events(self):
        """The filtered events, soonest first (newest first for `past`)."""
        from .models import EventPage

        events = EventPage.objects.for_listing(self.locale)
        if self.partner:
            events = events.hosted_by(self.partner)
        if self.series:
            events = events.in_series(self.series)
        if self.topic:
            events = events.with_topic(self.topic)
        if self.format:
            events = events.filter(format=self.format)
        if self.start_after:
            events = events.filter(start__gte=self.start_after)
        if self.start_before:
            events = events.filter(start__lt=self.start_before)
        if self.past:
            return events.past()
        if self.upcoming:
            return events.upcoming()
        return events.order_by("start", "pk")

    def as_query(self, **changes):
        """The parameters as given (for links), with `changes` applied."""
        params = {name: self.query.get(name) for name in self.query}
        params.update(changes)
        return {name: value for name, value in params.items() if value not in (None, "")}
