"""Machine translation that leaves the do-not-translate terms of the site settings alone."""

import re

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.deepl import DeepLTranslator as BaseDeepLTranslator
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.strings import StringValue

from core.models import SiteSettings

_PLACEHOLDER = re.compile(r'<x-term i="(\d+)"\s*(?:/>|></x-term>)')


def protect(text, terms):
    """Replace each protected term in `text` by a numbered empty element that translators
    keep in place; return the masked text and the terms by number."""
    found = []
    if not terms:
        return text, found
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(term)}(?!\w)" for term in terms))

    def mask(match):
        found.append(match.group(0))
        return f'<x-term i="{len(found) - 1}"/>'

    return pattern.sub(mask, text), found


def restore(text, found):
    return _PLACEHOLDER.sub(lambda match: found[int(match.group(1))], text)


class ProtectedTermsMixin:
    """Wraps a wagtail-localize machine translator."""

    def translate(self, source_locale, target_locale, strings):
        terms = SiteSettings.protected_terms()
        masked = [protect(string.data, terms) for string in strings]
        values = [StringValue(text) for text, _found in masked]
        results = super().translate(source_locale, target_locale, values)
        return {
            string: StringValue(restore(results[value].data, found))
            for string, value, (_text, found) in zip(strings, values, masked, strict=True)
        }


class DeepLTranslator(ProtectedTermsMixin, BaseDeepLTranslator):
    """DeepL, used when DEEPL_API_KEY is set."""


class TestTranslator(ProtectedTermsMixin, DummyTranslator):
    """Offline and deterministic, for tests, demonstrations and benchmarks: reverses the
    word order of each text (MACHINE_TRANSLATOR=test)."""

    display_name = _("Test translator (reverses the word order)")
