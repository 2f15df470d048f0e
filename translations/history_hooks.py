"""The page's translation view: its URL, and the way to it from any language's page."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from translations.history import PageTranslationsView, may_view, original_of


@hooks.register("register_admin_urls")
def register_page_translations_url():
    return [
        path(
            "translations/page/<int:page_id>/",
            PageTranslationsView.as_view(),
            name="page_translations",
        )
    ]


class PageTranslationsButton(PageMenuItem):
    """“Translations” in a page's menus, on the original and on every translation: it opens
    the original's translation view. (wagtail-localize's translation editor draws its own
    header; a translation it edits offers the button in the explorer.)"""

    label = _("Translations")
    icon_name = "globe"

    def is_shown(self, user):
        return self.original is not None and may_view(user, self.original)

    @cached_property
    def original(self):
        return None if self.page.is_root() else original_of(self.page)

    @cached_property
    def url(self):
        return reverse("page_translations", args=(self.original.pk,))


@hooks.register("register_page_header_buttons")
def page_header_translations_button(page, user, view_name, next_url=None):
    yield PageTranslationsButton(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def page_listing_translations_button(page, user, next_url=None):
    yield PageTranslationsButton(page=page, priority=66)
