"""Machine translation that leaves the do-not-translate terms of the site settings alone
and uses the preferred translations of the target language's glossary."""

import html
import re

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.deepl import DeepLTranslator as BaseDeepLTranslator
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.strings import StringValue

from core.models import SiteSettings
from translations.glossary import GlossaryTerm, term_pattern, text_parts

_PLACEHOLDER = re.compile(r'<x-term i="(\d+)"\s*(?:/>|></x-term>)')


def escape(text):
    """`text` as a segment's HTML holds it (wagtail-localize escapes &, < and > only)."""
    return html.escape(text, quote=False)


def masking_pattern(terms, glossary=()):
    """One expression for the protected `terms` (exact case) and the `glossary`'s terms
    (any case, the singular as written), as they appear in a segment's escaped HTML;
    longest first, a protected term before a glossary term of the same length. Groups
    are `p<index>` and `g<index>`."""
    entries = [
        (escape(term), 0, f"(?P<p{i}>(?<!\\w){re.escape(escape(term))}(?!\\w))")
        for i, term in enumerate(terms)
    ]
    entries += [
        (escape(entry.term), 1, f"(?P<g{i}>(?i:{term_pattern(escape(entry.term), False)}))")
        for i, entry in enumerate(glossary)
    ]
    if not entries:
        return None
    entries.sort(key=lambda entry: (-len(entry[0]), entry[1]))
    return re.compile("|".join(source for _surface, _kind, source in entries))


def protect(text, terms, glossary=()):
    """Replace each protected term and glossary term in `text` (a segment's HTML, terms
    looked for between its tags) by a numbered empty element that translators keep in
    place; return the masked text and, by number, what each element stands for: the
    protected term as it was, the glossary term's preferred translation."""
    found = []
    pattern = masking_pattern(terms, glossary)
    if pattern is None:
        return text, found

    def mask(match):
        kind, index = match.lastgroup[0], int(match.lastgroup[1:])
        found.append(match.group(0) if kind == "p" else escape(glossary[index].translation))
        return f'<x-term i="{len(found) - 1}"/>'

    masked = (pattern.sub(mask, part) if is_text else part for part, is_text in text_parts(text))
    return "".join(masked), found


def restore(text, found):
    return _PLACEHOLDER.sub(lambda match: found[int(match.group(1))], text)


class ProtectedTermsMixin:
    """Wraps a wagtail-localize machine translator."""

    def translate(self, source_locale, target_locale, strings):
        terms = SiteSettings.protected_terms()
        glossary = list(GlossaryTerm.objects.filter(locale=target_locale))
        masked = [protect(string.data, terms, glossary) for string in strings]
        values = [StringValue(text) for text, _found in masked]
        results = super().translate(source_locale, target_locale, values)
        return {
            string: StringValue(restore(results[value].data, found))
            for string, value, (_text, found) in zip(strings, values, masked, strict=True)
        }


class DeepLTranslator(ProtectedTermsMixin, BaseDeepLTranslator):
    """DeepL, used when DEEPL_API_KEY is set."""


_WORD = re.compile("\ue000(\\d+)\ue001")


class WordOrderReverser(DummyTranslator):
    """wagtail-localize's dummy translator, which reverses the word order, with each kept
    term treated as one word (else it would glue a term to its neighbours)."""

    def translate(self, source_locale, target_locale, strings):
        values = [
            StringValue(_PLACEHOLDER.sub(lambda m: f"\ue000{m.group(1)}\ue001", string.data))
            for string in strings
        ]
        results = super().translate(source_locale, target_locale, values)
        return {
            string: StringValue(
                _WORD.sub(lambda m: f'<x-term i="{m.group(1)}"/>', results[value].data)
            )
            for string, value in zip(strings, values, strict=True)
        }


class TestTranslator(ProtectedTermsMixin, WordOrderReverser):
    """Offline and deterministic, for tests, demonstrations and benchmarks: reverses the
    word order of each text (MACHINE_TRANSLATOR=test)."""

    display_name = _("Test translator (reverses the word order)")
