from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from caching.cdn import purge_listings, purge_tags  # reads page models: after loading
        from core.dependencies import purged

        # A CDN, when configured: the listings and feeds that show a published page.
        page_published.connect(purge_listings, dispatch_uid="cdn-listings-published")
        page_unpublished.connect(purge_listings, dispatch_uid="cdn-listings-unpublished")
        # A CDN that purges by tags: the same tags as the caches here.
        purged.connect(purge_tags, dispatch_uid="cdn-tags")
