"""What the search page lists: the reader's own language first, then the pages that exist
in English only (as listings show them), each with a snippet that marks the words found."""

from django.utils import translation
from django.utils.functional import SimpleLazyObject, cached_property
from modelsearch.index import SearchField
from wagtail.models import Page

from core.dependencies import SEARCH, shows
from core.querysets import default_locale, expired_live_ids
from search.text import highlight


def _searchable(locale, expired):
    """Live, public pages of `locale`, without aliases (which only repeat their source
    under another language)."""
    aliases = Page.objects.filter(locale=locale, alias_of__isnull=False).values_list(
        "pk", flat=True
    )
    return (
        Page.objects.live()
        .public()
        .filter(depth__gt=1, locale=locale)
        .exclude(pk__in=expired)
        .exclude(pk__in=aliases)
    )


def search_in(queryset, query, language):
    """`queryset.search(query)` read and ranked as `language` (stemming, word cutting)."""
    with translation.override(language):
        return queryset.specific().search(query, operator="and")


class ReaderSearch:
    """The locale's own matches, then English-only matches, as one sequence the paginator
    can count and slice without fetching more than the page shown."""

    def __init__(self, query, locale):
        self.query = query
        self.locale = locale
        self.languages = {locale.pk: locale.language_code}
        default = default_locale()
        if default.pk != locale.pk:
            self.languages[default.pk] = default.language_code
        self._counts = None

    @cached_property
    def parts(self):
        """The searches, built when first read."""
        locale, query = self.locale, self.query
        expired = expired_live_ids()
        parts = [search_in(_searchable(locale, expired), query, locale.language_code)]
        default = default_locale()
        if default.pk != locale.pk:
            translated = Page.objects.filter(locale=locale, live=True, alias_of__isnull=True)
            translated = translated.values("translation_key")
            untranslated = _searchable(default, expired).exclude(translation_key__in=translated)
            parts.append(search_in(untranslated, query, default.language_code))
        return parts

    def counts(self):
        shows(SEARCH)
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        """The results at `index`; a slice (a page of results) is read when it is first
        used, not when the paginator takes it: a page whose results part is cached whole
        does not search again."""
        if not isinstance(index, slice):
            return self._read(slice(index, index + 1))[0]
        return SimpleLazyObject(lambda: self._read(index))

    def _read(self, index):
        shows(SEARCH)
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        found, offset = [], 0
        for part, size in zip(self.parts, self.counts(), strict=True):
            if stop > offset and start < offset + size and size:
                found += list(part[max(start - offset, 0) : min(stop - offset, size)])
            offset += size
        for page in found:
            page.search_language = self.languages.get(page.locale_id)
            page.search_snippet = highlight(searchable_text(page), self.query, page.search_language)
        return found


def searchable_text(page):
    """The text search indexes for `page` beyond its title (summary, body, place...)."""
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            value = field.get_value(page)
            if isinstance(value, list | tuple):
                value = " ".join(str(item) for item in value)
            if value:
                texts.append(str(value))
    return " · ".join(dict.fromkeys(texts))
