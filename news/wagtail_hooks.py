from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from core.admin_views import StraightToFormView
from news.models import NewsIndexPage, NewsPage


class AddNewsView(StraightToFormView):
    obvious_parent_model = NewsIndexPage


class NewsListingViewSet(PageListingViewSet):
    """Every news article in one list; "Add" opens the form under the news index."""

    model = NewsPage
    choose_parent_view_class = AddNewsView
    icon = "doc-full"
    menu_label = _("News")
    menu_order = 190
    add_to_admin_menu = True
    list_display = [
        "title",
        "publication_date",
        "locale",
        Column("status_string", label=_("Publication")),
    ]
    list_filter = ["locale"]


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsListingViewSet("news")
