"""RSS 2.0 feed of news in one language: `/feeds/news.xml?locale=fr`."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from caching.http_cache import conditional_cache, cors_open
from core.params import QueryParameters, query_parameters

from .models import NewsIndexPage, NewsPage

ITEMS = 30


class NewsFeedParams(QueryParameters):
    """Only `locale`: the feed's language."""


class NewsFeed(Feed):
    def get_object(self, request, locale):
        self.request = request
        return locale

    def title(self, locale):
        site = Site.find_for_request(self.request)
        return f"{site.site_name if site else ''} – {_('News')}"

    def link(self, locale):
        index = NewsIndexPage.objects.live().filter(locale=locale).first()
        return index.get_full_url(self.request) if index else "/"

    def description(self, locale):
        return _("News from the programme and its partners.")

    def feed_url(self, locale):
        return self.request.build_absolute_uri()

    def items(self, locale):
        return NewsPage.objects.for_listing(locale)[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(9), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_extra_kwargs(self, item):
        return {"language": item.locale.language_code}


_feed = NewsFeed()


@cors_open
@conditional_cache
@query_parameters(NewsFeedParams)
def news_feed(request, params):
    with translation.override(params.locale.language_code):
        response = _feed(request, locale=params.locale)
    response["Content-Language"] = params.locale.language_code
    return response
