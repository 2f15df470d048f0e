"""Purging a CDN when pages are published or unpublished.

Wagtail's frontend cache app purges the page itself; this adds the listings that show
it (its ancestors, in every language, since listings fall back to English items) and
the site-wide feeds and sitemap. Nothing runs unless a backend is configured.
"""

from django.conf import settings
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

SITE_WIDE_URLS = ("news_feed", "events_ics", "sitemap")


def purge_listings(sender, instance, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    ancestors = instance.get_ancestors().filter(depth__gt=1)
    listings = Page.objects.live().filter(translation_key__in=ancestors.values("translation_key"))
    batch = PurgeBatch()
    batch.add_pages(listings)
    site = instance.get_site()
    if site is not None:
        batch.add_urls(site.root_url + reverse(name) for name in SITE_WIDE_URLS)
    batch.purge()
