"""RSS 2.0 feed of news in one language: `/feeds/news.xml?locale=fr`."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from caching.http_cache import conditional_cache, cors_open

from .models import NewsIndexPage, NewsPage

ITEMS = 30


class NewsFeed(Feed):
    def get_object(self, request):
        self.request = request
        code = request.GET.get("locale", settings.LANGUAGE_CODE).lower()
        return Locale.objects.get(language_code=code)

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
def news_feed(request):
    unknown = set(request.GET) - {"locale"}
    if unknown:
        return HttpResponseBadRequest(
            f"{sorted(unknown)[0]}: unknown parameter", content_type="text/plain; charset=utf-8"
        )
    code = request.GET.get("locale", settings.LANGUAGE_CODE).lower()
    if len(request.GET.getlist("locale")) > 1 or code not in dict(settings.LANGUAGES):
        codes = ", ".join(dict(settings.LANGUAGES))
        return HttpResponseBadRequest(f"locale: one of {codes}", content_type="text/plain")
    with translation.override(code):
        return _feed(request)
