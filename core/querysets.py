"""Queryset vocabulary shared by every listed page type."""

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Collate
from django.utils import timezone, translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.query import PageQuerySet

from core.dependencies import about_tag, list_tag, object_tag, page_tag, remember, shows

_icu_collations = {}


def icu_collation(language):
    """PostgreSQL's ICU collation for a language ("zh-x-icu": Chinese by pinyin), if the
    server has it; None on SQLite or without ICU. Asked once per process."""
    if connection.vendor != "postgresql":
        return None
    if connection.alias not in _icu_collations:
        with connection.cursor() as cursor:
            cursor.execute("SELECT collname FROM pg_collation WHERE collname LIKE %s", ["%-x-icu"])
            _icu_collations[connection.alias] = {name for (name,) in cursor.fetchall()}
    name = f"{(language or '').split('-')[0].lower()}-x-icu"
    return name if name in _icu_collations[connection.alias] else None


def by_title(queryset, language=None):
    """`queryset` in the order of its titles as the language sorts them (Chinese by
    pinyin, accented letters beside their base letter), else by code point."""
    collation = icu_collation(language or translation.get_language())
    title = Collate("title", collation) if collation else "title"
    return queryset.order_by(title, "pk")


def locales_by_id():
    """Every locale, read once until the languages change."""
    return remember("locales", lambda: {locale.pk: locale for locale in Locale.objects.all()})


def locale_for_code(language):
    """The Locale of a language code (or its supported variant), from the cache."""
    code = get_supported_content_language_variant(language)
    found = (locale for locale in locales_by_id().values() if locale.language_code == code)
    return next(found, None) or Locale.objects.get_for_language(code)


def default_locale():
    """`Locale.get_default()`, from the cache."""
    return locale_for_code(settings.LANGUAGE_CODE)


def in_language_order(locales):
    """`locales` in the order of settings.LANGUAGES (any other last)."""
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    return sorted(locales, key=lambda locale: order.get(locale.language_code, len(order)))


def translation_locales():
    """Every locale but the default one, in the order of settings.LANGUAGES."""
    return in_language_order(Locale.objects.exclude(language_code=settings.LANGUAGE_CODE))


def active_locale():
    """`Locale.get_active()`, from the cache."""
    return locale_for_code(translation.get_language() or settings.LANGUAGE_CODE)


def restricted_and_alias_paths():
    """The tree paths of pages with a view restriction and of alias pages (which take
    their source's restrictions), read once until they change (a site-wide purge)."""

    def compute():
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        return restricted, aliases

    return remember("restricted-and-alias-paths", compute)


def shown_to_readers(objects):
    """`objects` in order, without None, drafts (pages, people, topics) and the pages
    that not every reader may see: past their expiry or behind a view restriction (what
    `live().public().not_expired()` leaves out, for pages already in hand)."""
    objects = [obj for obj in objects if obj is not None]
    shows(*(object_tag(obj) for obj in objects))  # a draft shows once published
    objects = [obj for obj in objects if getattr(obj, "live", True)]
    if not any(isinstance(obj, Page) for obj in objects):
        return objects
    restricted = tuple(restricted_and_alias_paths()[0])
    now = timezone.now()

    def shown(obj):
        if not isinstance(obj, Page):
            return True
        expired = obj.expire_at is not None and obj.expire_at <= now
        return obj.live and not expired and not obj.path.startswith(restricted)

    return [obj for obj in objects if shown(obj)]


def not_expired_q():
    """Pages not past their expiry time, even before `publish_scheduled` has unpublished
    them (the worker runs once a minute; readers must not see the page meanwhile)."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def expired_live_ids():
    """Live pages already past their expiry time (few, and only until the worker runs):
    for querysets that go through the search backend, which cannot filter on
    `expire_at`."""
    return list(
        Page.objects.filter(live=True, expire_at__lte=timezone.now()).values_list("pk", flat=True)
    )


def private_q():
    """Wagtail's condition for pages behind a view restriction (`public()` excludes
    them), with the restrictions read once until they change instead of on every call."""
    paths, _aliases = restricted_and_alias_paths()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition or Q(pk__in=[])


class ListingQuerySet(PageQuerySet):
    #: What each listing item shows, fetched with the items by `for_listing`: related
    #: rows (joined), images (joined, their renditions in one more query) and
    #: many-valued relations (one query each).
    listing_related = ()
    listing_images = ()
    listing_prefetch = ()
    #: What answers showing this listing depend on besides its items (see
    #: core.dependencies): any page of the type may join it, or only those about one page.
    shown_as = None

    def _clone(self):
        clone = super()._clone()
        clone.shown_as = self.shown_as
        return clone

    def _fetch_all(self):
        first = self._result_cache is None
        super()._fetch_all()
        if first:  # the pages read are shown; a listing also shows what may join it
            pages = (item for item in self._result_cache if isinstance(item, Page))
            shows(*(page_tag(page) for page in pages))
            if self.shown_as:
                shows(self.shown_as)

    def count(self):
        if self.shown_as:
            shows(self.shown_as)
        return super().count()

    def exists(self):
        if self.shown_as:
            shows(self.shown_as)
        return super().exists()

    def shown_about(self, page):
        """Narrow a listing to what relates to `page`: only pages linked to it join it."""
        clone = self._chain()
        clone.shown_as = about_tag(page)
        return clone

    def private_q(self):
        return private_q()

    def shown_to_readers(self):
        """Pages every reader may see: live, public and not past their expiry time."""
        return self.live().public().not_expired()

    def not_expired(self):
        """Leaves out pages past their expiry time even before `publish_scheduled` has
        unpublished them."""
        return self.filter(not_expired_q())

    def in_locale(self, locale, fallback=True):
        """Pages translated into `locale` and, unless `fallback` is off, the default
        language's pages that have no live translation into it, so readers still find
        every item. Aliases (the source shown under another language) are never listed."""
        default = default_locale()
        own = Q(locale=locale, alias_of__isnull=True)  # an alias only repeats the source
        if not fallback or locale.pk == default.pk:
            return self.filter(own)
        translated = Page.objects.filter(own, live=True).values("translation_key")
        return self.filter(own | (Q(locale=default) & ~Q(translation_key__in=translated)))

    def listed_in(self, locale):
        """Live, public pages for a listing in `locale` (with the default language's
        untranslated ones), without what cards show (a calendar file needs none of it)."""
        queryset = self.shown_to_readers().in_locale(locale).select_related("locale")
        queryset.shown_as = list_tag(self.model)
        return queryset

    def for_listing(self, locale):
        """`listed_in(locale)` with what a listing shows, in a fixed number of queries."""
        queryset = self.listed_in(locale)
        queryset = queryset.select_related(*self.listing_related, *self.listing_images)
        renditions = [f"{image}__renditions" for image in self.listing_images]
        return queryset.prefetch_related(*renditions, *self.listing_prefetch)

    def with_topic(self, topic):
        """Pages filed under `topic`, whichever language the relation was made in."""
        return self.filter(topics__translation_key=topic.translation_key).distinct()
