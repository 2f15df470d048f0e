from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm
from core.models import Topic


class EventFilterForm(ListingFilterForm):
    series = forms.ChoiceField(label=_("Lecture series"))
    partner = forms.ChoiceField(label=_("Partner"))
    format = forms.ChoiceField(label=_("Format"))
    topic = forms.ChoiceField(label=_("Topic"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models.event import EventFormat

        self.fields["format"].choices = [("", _("All")), *EventFormat.choices]

    def choice_queryset(self, name):
        from partners.models import PartnerPage

        from .models import LectureSeriesPage

        if name == "series":
            return (
                LectureSeriesPage.objects.live()
                .public()
                .filter(locale=self.locale)
                .order_by("title")
            )
        if name == "partner":
            return PartnerPage.objects.for_listing(self.locale).order_by("title")
        if name == "topic":
            return Topic.objects.filter(locale=self.locale, live=True)
        return None

    def filter(self, queryset):
        if series := self.selected("series"):
            queryset = queryset.in_series(series)
        if partner := self.selected("partner"):
            queryset = queryset.hosted_by(partner)
        if event_format := self.selected("format"):
            queryset = queryset.filter(format=event_format)
        if topic := self.selected("topic"):
            queryset = queryset.with_topic(topic)
        return queryset
