from django.apps import apps
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale

from core.admin_views import StraightToFormView, may_add
from events.embed_builder import embed_builder
from events.models import EventIndexPage, EventPage


class EventIndexView(IndexView):
    default_ordering = "-start"


class AddEventView(StraightToFormView):
    obvious_parent_model = EventIndexPage


class EventWhenColumn(Column):
    """When the event happens, in its own time zone with the zone's name, as readers see it."""

    cell_template_name = "wagtailadmin/events/event_when_cell.html"


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    index_view_class = EventIndexView
    choose_parent_view_class = AddEventView
    icon = "date"
    menu_label = _("Events")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "title",
        EventWhenColumn("start", label=_("When"), sort_key="start"),
        "format",
        "status",
        "series",
        "locale",
        Column("status_string", label=_("Publication")),
    ]
    list_filter = ["format", "status", "locale"]


class UpcomingEventsPanel(Component):
    """The next events in the editor's default language, with their status."""

    name = "upcoming_events"
    order = 90
    template_name = "wagtailadmin/home/upcoming_events.html"

    def get_context_data(self, parent_context=None):
        events = (
            EventPage.objects.filter(locale=Locale.get_default())
            .upcoming()
            .select_related("series")[:8]
        )
        # Each button only where it leads to a form (not to an empty choice of parent).
        request = parent_context["request"]
        return {
            "events": events,
            "may_add_event": may_add(request, EventPage),
            "may_add_news": may_add(request, apps.get_model("news", "NewsPage")),
        }


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListingViewSet("events")


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    panels.append(UpcomingEventsPanel())


@hooks.register("register_admin_urls")
def register_embed_builder_url():
    return [path("embed-builder/", embed_builder, name="embed_builder")]


@hooks.register("register_admin_menu_item")
def register_embed_builder_menu_item():
    return MenuItem(_("Embed events"), reverse("embed_builder"), icon_name="code", order=220)
