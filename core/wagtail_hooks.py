from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import translation_overview
from core.models import FooterText, Person, Topic


class LocaleCheckedEditView(snippet_views.EditView):
    """Refuses an instance the user may not change (a translator's other locales)."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            raise PermissionDenied
        return instance


class TranslatableSnippetViewSet(SnippetViewSet):
    edit_view_class = LocaleCheckedEditView


class PersonViewSet(TranslatableSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "institution", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "role", "institution"]
    ordering = ["name"]


class TopicViewSet(TranslatableSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class FooterTextViewSet(TranslatableSnippetViewSet):
    model = FooterText
    icon = "list-ul"
    menu_label = _("Footer text")
    list_display = ["__str__", "locale"]


class ContentSnippets(SnippetViewSetGroup):
    items = (PersonViewSet, TopicViewSet, FooterTextViewSet)
    menu_label = _("People and topics")
    menu_icon = "group"
    menu_order = 300


register_snippet(ContentSnippets)


@hooks.register("register_admin_urls")
def register_translation_overview_url():
    return [
        path("translations/overview/", translation_overview.overview, name="translation_overview")
    ]


@hooks.register("register_admin_menu_item")
def register_translation_overview_menu_item():
    return MenuItem(
        _("Translation overview"),
        reverse("translation_overview"),
        icon_name="site",
        order=250,
    )
