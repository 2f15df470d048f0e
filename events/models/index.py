from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.listing import paginate, querystring_without_page
from core.models import BasePage

from ..forms import EventFilterForm
from .event import EventPage, with_hosting_partners


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events first; past events in a paginated archive; filters for both."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.LectureSeriesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    def events(self):
        return EventPage.objects.for_listing(self.listing_locale)

    def listing_context(self, request, queryset):
        form = EventFilterForm(request.GET, locale=self.listing_locale)
        page = paginate(request, form.filter(queryset))
        page.object_list = with_hosting_partners(page.object_list)
        base_url = self.get_url(request) or ""
        return {
            "upcoming_url": base_url,
            "past_url": base_url + self.reverse_subpage("past"),
            "filter_form": form,
            "events": page,
            "querystring": querystring_without_page(request),
        }

    @path("")
    def upcoming_view(self, request):
        context = self.listing_context(request, self.events().upcoming())
        return self.render(request, context_overrides={**context, "archive": False})

    @path("past/", name="past")
    def past_view(self, request):
        context = self.listing_context(request, self.events().past())
        return self.render(request, context_overrides={**context, "archive": True})
