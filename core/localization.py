"""Show related content in the reader's language without a query per item.

Relations (speakers, topics, hosting partners) may point at the source-language
object; listings swap each for its translation in the active locale when one exists.
"""

from collections import defaultdict

from wagtail.models import Page

from core.querysets import active_locale


def localize_all(objects, locale=None):
    """Return `objects` in the same order, each replaced by its translation in
    `locale` (default: the active one) when it exists (live, for pages).

    One query per model, whatever the number of objects.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return []
    locale = locale or active_locale()
    by_model = defaultdict(set)
    for obj in objects:
        if obj.locale_id != locale.pk:
            by_model[type(obj)].add(obj.translation_key)
    translations = {}
    for model, keys in by_model.items():
        queryset = model.objects.filter(translation_key__in=keys, locale=locale)
        if issubclass(model, Page):
            queryset = queryset.live()
        translations.update({(model, item.translation_key): item for item in queryset})
    return [translations.get((type(obj), obj.translation_key), obj) for obj in objects]


def attach_localized(items, attr, related):
    """Set `attr` on each item to the objects `related(item)` returns, translated
    into the active locale; one query per related model for the whole list."""
    items = list(items)
    pairs = [(item, obj) for item in items for obj in related(item)]
    localized = localize_all([obj for _item, obj in pairs])
    for item in items:
        setattr(item, attr, [])
    for (item, _obj), obj in zip(pairs, localized, strict=True):
        getattr(item, attr).append(obj)
    return items
