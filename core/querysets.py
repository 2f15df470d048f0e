"""Queryset vocabulary shared by every listed page type."""

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.query import PageQuerySet


def images_with_renditions():
    return get_image_model().objects.prefetch_renditions()


class ListingQuerySet(PageQuerySet):
    #: Relations each listing item shows, fetched in bulk by `for_listing`.
    listing_related = ()
    listing_prefetch = ()

    def in_locale(self, locale):
        return self.filter(locale=locale)

    def for_listing(self, locale):
        """Live, public pages in `locale` with what a listing shows, in fixed queries."""
        queryset = self.live().public().in_locale(locale).select_related(*self.listing_related)
        for lookup in self.listing_prefetch:
            if lookup.endswith("image"):
                lookup = Prefetch(lookup, queryset=images_with_renditions())
            queryset = queryset.prefetch_related(lookup)
        return queryset

    def with_topic(self, topic):
        """Pages filed under `topic`, whichever language the relation was made in."""
        return self.filter(topics__translation_key=topic.translation_key).distinct()
