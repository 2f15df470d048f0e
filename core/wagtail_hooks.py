from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


@hooks.register("before_serve_page")
def expired_pages_are_gone(page, request, serve_args, serve_kwargs):
    """A page past its expiry time answers 404 at once, not when the worker next runs."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404
