"""Queryset vocabulary shared by every listed page type."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet


def images_with_renditions():
    return get_image_model().objects.prefetch_renditions()


class ListingQuerySet(PageQuerySet):
    #: Relations each listing item shows, fetched in bulk by `for_listing`.
    listing_related = ()
    listing_prefetch = ()

    def not_expired(self):
        """Leaves out pages past their expiry time even before `publish_scheduled` has
        unpublished them."""
        return self.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))

    def in_locale(self, locale, fallback=True):
        """Pages translated into `locale` and, unless `fallback` is off, the default
        language's pages that have no live translation into it, so readers still find
        every item. Aliases (the source shown under another language) are never listed."""
        default = Locale.get_default()
        own = Q(locale=locale, alias_of__isnull=True)  # an alias only repeats the source
        if not fallback or locale.pk == default.pk:
            return self.filter(own)
        translated = Page.objects.filter(own, live=True).values("translation_key")
        return self.filter(own | (Q(locale=default) & ~Q(translation_key__in=translated)))

    def for_listing(self, locale):
        """Live, public pages for a listing in `locale` (with the default language's
        untranslated ones) and what a listing shows, in a fixed number of queries."""
        queryset = self.live().public().not_expired().in_locale(locale)
        queryset = queryset.select_related("locale", *self.listing_related)
        for lookup in self.listing_prefetch:
            if lookup.endswith("image"):
                lookup = Prefetch(lookup, queryset=images_with_renditions())
            queryset = queryset.prefetch_related(lookup)
        return queryset

    def with_topic(self, topic):
        """Pages filed under `topic`, whichever language the relation was made in."""
        return self.filter(topics__translation_key=topic.translation_key).distinct()
