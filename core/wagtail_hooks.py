from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import FooterText, Person, Topic


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "institution", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "role", "institution"]
    ordering = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class FooterTextViewSet(SnippetViewSet):
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
