from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.listing import FilteredIndexMixin
from core.models import BasePage

from .event import EventPage, with_hosting_partners
from .filters import EventFilterForm


class EventIndexPage(FilteredIndexMixin, RoutablePageMixin, BasePage):
    """Upcoming events first; past events in a paginated archive; filters for both."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.LectureSeriesPage"]
    max_count_per_parent = 1
    filter_form_class = EventFilterForm

    class Meta:
        verbose_name = _("event index")

    def listing_items(self, archive=False, **kwargs):
        events = EventPage.objects.for_listing(self.listing_locale)
        return events.past() if archive else events.upcoming()

    def with_listing_extras(self, items):
        return with_hosting_partners(items, self.listing_locale)

    def get_context(self, request, *args, archive=False, **kwargs):
        context = super().get_context(request, *args, archive=archive, **kwargs)
        base_url = self.get_url(request) or ""
        context.update(
            archive=archive,
            upcoming_url=base_url,
            past_url=base_url + self.reverse_subpage("past"),
        )
        return context

    @path("")
    def upcoming_view(self, request):
        return self.render(request)

    @path("past/", name="past")
    def past_view(self, request):
        return self.render(request, archive=True)
