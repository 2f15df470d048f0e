"""Purging a CDN when content changes.

By tags, where the CDN supports them: answers name what they show in CDN_TAG_HEADER, and
each purge of the caches here (core.dependencies) is sent on with the same tags to
CDN_TAG_PURGE_URL (Varnish with xkey, or a purging proxy, as a `PURGE` request with the
tags in that header) or to Cloudflare's API (`Cache-Tag`).

By URL otherwise: Wagtail's frontend cache app purges the page itself; this adds the
listings that show it (its ancestors, in every language, since listings fall back to
English items) and the site-wide feeds and sitemap. Nothing runs unless a backend is
configured.
"""

import json
import logging
import urllib.error
import urllib.request

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


logger = logging.getLogger(__name__)
CLOUDFLARE_TAGS_PER_CALL = 30


def purge_tags(sender, tags, **kwargs):
    if not settings.CDN_TAG_HEADER:
        return
    try:
        if settings.CDN_TAG_PURGE_URL:
            header = {settings.CDN_TAG_HEADER: " ".join(sorted(tags))}
            send("PURGE", settings.CDN_TAG_PURGE_URL, header)
        cloudflare = settings.WAGTAILFRONTENDCACHE.get("cloudflare")
        if cloudflare and settings.CDN_TAG_HEADER.lower() == "cache-tag":
            purge_cloudflare_tags(cloudflare, sorted(tags))
    except (urllib.error.URLError, OSError) as error:
        # The CDN keeps the answers until CDN_CACHE_SECONDS at most; pages here are fresh.
        logger.warning("CDN purge by tags failed: %s", error)


def purge_cloudflare_tags(config, tags):
    url = f"https://api.cloudflare.com/client/v4/zones/{config['ZONEID']}/purge_cache"
    headers = {
        "Authorization": f"Bearer {config['BEARER_TOKEN']}",
        "Content-Type": "application/json",
    }
    for start in range(0, len(tags), CLOUDFLARE_TAGS_PER_CALL):
        body = json.dumps({"tags": tags[start : start + CLOUDFLARE_TAGS_PER_CALL]}).encode()
        send("POST", url, headers, body)


def send(method, url, headers, body=None):
    request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310 (configured)
    with urllib.request.urlopen(request, timeout=5):  # noqa: S310 (configured URL)
        pass
