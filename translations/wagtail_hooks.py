from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from translations import overview, publish_checks  # noqa: F401 - publish_checks registers hooks


@hooks.register("register_admin_urls")
def register_translation_overview_url():
    return [path("translations/overview/", overview.overview, name="translation_overview")]


@hooks.register("register_admin_menu_item")
def register_translation_overview_menu_item():
    return MenuItem(
        _("Translation overview"),
        reverse("translation_overview"),
        icon_name="site",
        order=250,
    )
