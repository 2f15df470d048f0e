"""The page's translation view: its URL, and the way to it from any language's page."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Locale

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
    the original's translation view. (wagtail-localize's translation editor draws a header of
    its own: a translation it edits offers the button in the explorer's header.)"""

    label = _("Translations")
    icon_name = "globe"

    def __init__(self, *, original, **kwargs):
        super().__init__(**kwargs)
        self.original = original

    def is_shown(self, user):
        return may_view(user, self.original)

    @cached_property
    def url(self):
        return reverse("page_translations", args=(self.original.pk,))


def default_locale_id(user):
    """The default locale's id, looked up once per request (kept on the request's user):
    page listings ask for every row."""
    if not hasattr(user, "_default_locale_id"):
        user._default_locale_id = Locale.get_default().pk
    return user._default_locale_id


@hooks.register("register_page_header_buttons")
def page_header_translations_button(page, user, view_name, next_url=None):
    if page.is_root():
        return
    original = original_of(page, default_locale_id(user))
    if original is not None:
        yield PageTranslationsButton(page=page, original=original, priority=66)


@hooks.register("register_page_listing_more_buttons")
def page_listing_translations_button(page, user, next_url=None):
    # Originals only: finding a translation's original would cost a query for each row.
    if page.locale_id == default_locale_id(user):
        yield PageTranslationsButton(page=page, original=page, priority=66)
