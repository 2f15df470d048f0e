"""A translation never becomes an alias of its original.

wagtail-localize offers "Convert to alias page" on a translation (in the page's action
menu and in the translation editor): the page then shows the original's text under this
language's address and `<html lang>`, live at once, whoever clicks it. Readers of a
language without a translation already get the original, marked as such, so the action
is refused, and its buttons are not offered.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

CONVERT_ACTION = "localize-convert-to-alias"


def refuse_alias(request, page_id):
    """In place of wagtail-localize's `convert_to_alias` view (same address)."""
    page = get_object_or_404(Page, pk=page_id)
    messages.error(
        request,
        _(
            "A translation cannot become an alias of its original: readers of %(language)s "
            "would get the original's text as if it were theirs. To show them the original, "
            "marked as such, unpublish this translation."
        )
        % {"language": page.locale.get_display_name()},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


# Before wagtail-localize's own admin URLs, so this view answers at the same address.
@hooks.register("register_admin_urls", order=-1)
def register_refusal_url():
    return [path("localize/page/<int:page_id>/convert_to_alias/", refuse_alias)]


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias(menu_items, request, context):
    menu_items[:] = [item for item in menu_items if item.name != CONVERT_ACTION]


@hooks.register("before_copy_page")
def refuse_aliases_into_another_language(request, page):
    """Wagtail's copy form may make an alias under another language's section: the same
    English-under-another-prefix, refused there too."""
    if request.method != "POST" or not request.POST.get("alias"):
        return None
    parent = Page.objects.filter(pk=request.POST.get("new_parent_page")).first()
    if parent is None or parent.locale_id == page.locale_id:
        return None
    messages.error(
        request,
        _(
            "An alias must stay in its own language's section: under %(language)s it would "
            "show the original's text as %(language)s. Translate the page instead."
        )
        % {"language": parent.locale.get_display_name()},
    )
    return redirect(reverse("wagtailadmin_pages:copy", args=(page.pk,)))
