"""The query parameters of the events API, the embed and the calendar feeds: the index's
filters (`events.models.filters.EventFilters`) read strictly, and what machines add to them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.params import (
    ChoiceParameter,
    FlagParameter,
    MomentParameter,
    PatternParameter,
    QueryParameters,
    WholeNumberParameter,
)

from .models.event import EventPage
from .models.filters import EventFilters
from .snippets import EMBED_DEFAULT_LIMIT

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
HEX_COLOUR = re.compile(r"^#?(?:[0-9a-fA-F]{3}){1,2}$")
FRAME_ID = re.compile(r"^[-\w]{1,40}$")


class EventParams(EventFilters, QueryParameters):
    """`locale`, `partner`, `series`, `topic`, `format`, `upcoming`, `past`,
    `start_after`, `start_before`, `limit`, `offset`."""

    upcoming = FlagParameter()
    past = FlagParameter()
    start_after = MomentParameter()
    start_before = MomentParameter()
    limit = WholeNumberParameter(1, MAX_LIMIT, default=DEFAULT_LIMIT)
    offset = WholeNumberParameter(0, 100_000, default=0)

    # The order in which the parameters are checked: the first bad one is named.
    field_order = ("locale", "partner", "series", "topic", "format", "upcoming", "past")

    def clean_past(self, past):
        if past and self.cleaned_data["upcoming"]:
            raise ValidationError(_("choose upcoming or past, not both"))
        return past

    def listed(self):
        """The events before filtering, with what their cards show."""
        return EventPage.objects.for_listing(self.locale)

    def events(self):
        """The filtered events, soonest first (newest first for `past`)."""
        events = self.filter(self.listed())
        if self.start_after:
            events = events.filter(start__gte=self.start_after)
        if self.start_before:
            events = events.filter(start__lt=self.start_before)
        if self.past:
            return events.past()
        if self.upcoming:
            return events.upcoming()
        return events.order_by("start", "pk")


class CalendarParams(EventParams):
    """A calendar holds more events than an API page: up to 1000, 500 by default."""

    limit = WholeNumberParameter(1, 1000, default=500)

    def listed(self):
        """Calendar entries show no picture and no host: half the time of a listing's
        events for 500 of them."""
        return EventPage.objects.listed_in(self.locale)


class EmbedParams(EventParams):
    """The embed shows upcoming events unless told `past`, and takes the look of the
    partner's page."""

    limit = WholeNumberParameter(1, MAX_LIMIT, default=EMBED_DEFAULT_LIMIT)
    theme = ChoiceParameter(["light", "dark"], default="light")
    layout = ChoiceParameter(["compact", "full"], default="full")
    target = ChoiceParameter(["_blank", "_top", "_parent", "_self"], default="_top")
    accent = PatternParameter(HEX_COLOUR, gettext_lazy("a hex colour such as 0b6e69 or #0b6e69"))
    frame = PatternParameter(FRAME_ID, gettext_lazy("letters, digits and hyphens"))

    def __init__(self, query):
        super().__init__(query)
        if not self.past:
            self.cleaned_data["upcoming"] = True

    def clean_accent(self, accent):
        return "#" + accent.lstrip("#") if accent else None
