from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from caching.cdn import purge_listings  # reads page models: after loading

        # A CDN, when configured: the listings and feeds that show a published page.
        page_published.connect(purge_listings, dispatch_uid="cdn-listings-published")
        page_unpublished.connect(purge_listings, dispatch_uid="cdn-listings-unpublished")
