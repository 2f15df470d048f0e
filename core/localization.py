"""Show related content in the reader's language without a query per item.

Relations (speakers, topics, hosting partners) may point at the source-language
object; listings swap each for its translation in the listing's locale (the active one
unless given) when one exists.
A related page that readers may not see (a draft, private or expired) is left out.
"""

from collections import defaultdict

from wagtail.models import DraftStateMixin

from core.querysets import active_locale, shown_to_readers


def localize_all(objects, locale=None):
    """Return `objects` in the same order, each replaced by its translation in
    `locale` (default: the active one) when it exists; pages readers may not see, and
    such translations, are left out.

    One query per model, whatever the number of objects.
    """
    return _translated(shown_to_readers(objects), locale or active_locale())


def attach_localized(items, attr, related, locale=None):
    """Set `attr` on each item to the objects `related(item)` returns that readers may
    see, translated into `locale` (default: the active one); one query per related model
    for the whole list."""
    items = list(items)
    pairs = [(item, obj) for item in items for obj in related(item)]
    shown = {id(obj) for obj in shown_to_readers(obj for _item, obj in pairs)}
    pairs = [(item, obj) for item, obj in pairs if id(obj) in shown]
    localized = _translated([obj for _item, obj in pairs], locale or active_locale())
    for item in items:
        setattr(item, attr, [])
    for (item, _obj), obj in zip(pairs, localized, strict=True):
        getattr(item, attr).append(obj)
    return items


def _translated(objects, locale):
    """`objects` (all shown to readers), each replaced by its translation in `locale`
    that readers may see, when there is one."""
    by_model = defaultdict(set)
    for obj in objects:
        if obj.locale_id != locale.pk:
            by_model[type(obj)].add(obj.translation_key)
    translations = {}
    for model, keys in by_model.items():
        queryset = model.objects.filter(translation_key__in=keys, locale=locale)
        if issubclass(model, DraftStateMixin):  # pages, people, topics
            queryset = queryset.filter(live=True)
        translations.update(
            {(model, item.translation_key): item for item in shown_to_readers(queryset)}
        )
    return [translations.get((type(obj), obj.translation_key), obj) for obj in objects]
