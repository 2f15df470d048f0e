"""The demo's translations: every page and snippet translated from the catalogues beside
the content (`translations/<code>.json`), as a translator would in wagtail-localize."""

import json
from functools import cache
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.models import FooterText

from . import content
from .strings import translatable_strings

TRANSLATIONS_DIR = Path(__file__).parent / "translations"


class DemoTranslations:
    """The translation steps of `DemoLoader`."""

    def translatables(self):
        """Everything translated into every locale, parents before children."""
        pages = [self.home, self.news_index, self.event_index, self.partner_index]
        pages += [page for page, item in self.content_pages if item.get("translate", True)]
        pages += [
            p for slug, p in self.partners.items() if self.translate_flag(content.PARTNERS, slug)
        ]
        for series, item in self.series:
            if item.get("translate", True):
                pages.append(series)
        pages += [page for page, item in self.events.values() if item.get("translate", True)]
        pages += [page for page, item in self.news if item.get("translate", True)]
        snippets = [*self.topics.values(), *self.people.values()]
        snippets += list(FooterText.objects.filter(locale=self.default_locale))
        return snippets + pages

    @staticmethod
    def translate_flag(items, slug):
        return next(item for item in items if item["slug"] == slug).get("translate", True)

    @override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False)  # new pages: no old URL to redirect
    def translate_all(self):
        objects = self.translatables()
        for code in self.locale_codes[1:]:
            locale = Locale.objects.get(language_code=code)
            strings = self.strings(code)
            done = 0
            for obj in objects:
                if obj.has_translation(locale):
                    continue
                with transaction.atomic():
                    self.translate(obj, locale, strings)
                done += 1
            self.created += done
            self.step(
                f"Translations into {code}: {done} created, {len(objects) - done} already there"
            )

    @staticmethod
    def strings(code):
        path = TRANSLATIONS_DIR / f"{code}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    @staticmethod
    def translate(obj, locale, strings):
        """Translate `obj` from the catalogue; what the catalogue does not list for
        translation (names, addresses, figures) is recorded as the same in `locale`, as a
        translator would mark it, so that the translation counts as complete."""
        source, _created = TranslationSource.get_or_create_from_instance(obj)
        to_translate = catalogue_strings()
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            original = segment.string.data
            text = strings.get(original) or (None if original in to_translate else original)
            if text:
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": text, "translation_type": "manual"},
                )
        Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        if isinstance(obj, Page):
            # Published here rather than when the transaction commits (wagtail-localize's
            # way), so that a caller's enclosing transaction sees live translations.
            page, _created = source.create_or_update_translation(
                locale, publish=False, fallback=True, copy_parent_pages=True
            )
            page.get_latest_revision().publish()
        else:
            source.create_or_update_translation(locale, fallback=True)


@cache
def catalogue_strings():
    """The demo's strings that have a translation in each catalogue (demo.strings)."""
    return frozenset(translatable_strings())
