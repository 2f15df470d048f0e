from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from registrations import admin_views
from registrations.access import (
    can_see_registrations,
    is_registration_page,
    may_see_any_registrations,
)

admin_urls = [
    path("", admin_views.index, name="index"),
    path("page/<int:pk>/", admin_views.listing, name="listing"),
    path("page/<int:pk>/export.csv", admin_views.export, {"format": "csv"}, name="export_csv"),
    path("page/<int:pk>/export.xlsx", admin_views.export, {"format": "xlsx"}, name="export_xlsx"),
    path("page/<int:pk>/attendance/", admin_views.attendance, name="attendance"),
    path("page/<int:pk>/message/", admin_views.message, name="message"),
    path("page/<int:pk>/report/", admin_views.report, name="report"),
]


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [path("registrations/", include((admin_urls, "registrations_admin")))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_any_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"),
        reverse("registrations_admin:index"),
        icon_name="clipboard-list",
        order=260,
    )


class RegistrationsButton(PageMenuItem):
    """“Registrations” on an event with the site's form, or a lecture series, for those
    who may see its registrants."""

    label = _("Registrations")
    icon_name = "clipboard-list"
    url_name = "registrations_admin:listing"

    def is_shown(self, user):
        return is_registration_page(self.page) and can_see_registrations(user, self.page)


@hooks.register("register_page_header_buttons")
def page_header_registrations_button(page, user, view_name, next_url=None):
    yield RegistrationsButton(page=page, priority=12)


@hooks.register("register_page_listing_more_buttons")
def page_listing_registrations_button(page, user, next_url=None):
    yield RegistrationsButton(page=page, priority=5)
