"""The event filters, described once: the events index's form, and the parameters of the
events API, the embed and the calendar feeds (`events.params`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm
from core.models import Topic
from core.querysets import by_title
from partners.models import PartnerPage

from .choices import EventFormat
from .series import LectureSeriesPage


class EventFilters(forms.Form):
    """Series, partner, format and topic: what each takes and how it narrows events."""

    series = forms.ChoiceField(label=_("Lecture series"))
    partner = forms.ChoiceField(label=_("Partner"))
    format = forms.ChoiceField(label=_("Format"), choices=[("", _("All")), *EventFormat.choices])
    topic = forms.ChoiceField(label=_("Topic"))

    def choice_queryset(self, name):
        """The items readers may see for a filter, in every language."""
        if name == "series":
            return by_title(LectureSeriesPage.objects.shown_to_readers())
        if name == "partner":
            return by_title(PartnerPage.objects.shown_to_readers())
        if name == "topic":
            return Topic.objects.filter(live=True)
        return None

    def filter(self, events):
        if series := self.selected("series"):
            events = events.in_series(series)
        if partner := self.selected("partner"):
            events = events.hosted_by(partner)
        if event_format := self.selected("format"):
            events = events.filter(format=event_format)
        if topic := self.selected("topic"):
            events = events.with_topic(topic)
        return events


class EventFilterForm(EventFilters, ListingFilterForm):
    """The filters on the events index, choosing among the listing language's items."""
