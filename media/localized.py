"""An image's texts and a document's version in a page's language, else the default
language's, marked as such (`lang`), so that readers and their tools know.

Each language's texts and versions are read in one query until one of them changes
(saving either purges the `media` tag), and once per request where there is one: a page
costs the same whatever the number of its images and documents.
"""

from dataclasses import dataclass

from django.utils import translation
from wagtail.documents import get_document_model

from core.dependencies import (
    REMEMBER_SECONDS,
    cached,
    epoch,
    once_per_request,
    recording,
    remember,
    store,
)
from core.querysets import active_locale, default_locale, locales_by_id
from media.models import DocumentVariant, ImageText

MEDIA = "media"  # the tag of every answer that shows an image's texts or a document


class LocalizedText(str):
    """A text, with the language it is in when that is not the page's (else `lang` is
    None): `<img alt="…" lang="en">`."""

    lang = None

    def __new__(cls, text, lang=None):
        found = super().__new__(cls, text or "")
        found.lang = lang if found else None
        return found


@dataclass(frozen=True)
class LocalizedImage:
    alt: LocalizedText
    credit: LocalizedText


@dataclass(frozen=True)
class LocalizedDocument:
    """The document to link: the version in the page's language, else the original, whose
    language `lang` and `language_name` then name."""

    document: object
    lang: str | None = None

    @property
    def language_name(self):
        return translation.get_language_info(self.lang)["name_translated"] if self.lang else ""


def image_texts(locale_id, request=None):
    """{image id: (alternative text, credit)} in one locale."""

    def compute():
        rows = ImageText.objects.filter(locale_id=locale_id)
        return {
            image: (alt, credit)
            for image, alt, credit in rows.values_list("image_id", "alt_text", "credit")
        }

    key = f"image-texts:{locale_id}"
    return once_per_request(request, key, lambda: remember(key, compute, [MEDIA]))


def document_variants(locale_id, request=None):
    """{original document id: its version} in one locale."""

    def compute():
        rows = DocumentVariant.objects.filter(locale_id=locale_id).select_related("variant")
        return {row.document_id: row.variant for row in rows}

    key = f"document-variants:{locale_id}"
    return once_per_request(request, key, lambda: remember(key, compute, [MEDIA]))


def original_language(locale_id):
    """None for the default locale (its texts are the originals), else the default
    language's code, which marks a text shown for want of a translation."""
    default = default_locale()
    if locale_id is None or locale_id == default.pk:
        return None
    return default.language_code


def page_locale_id(context):
    """The locale of the page being rendered, else the reader's language's."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    if locale_id in locales_by_id():
        return locale_id
    locale = active_locale()
    return locale.pk if locale else None


def image_in_locale(image, locale_id, request=None):
    fallback = original_language(locale_id)
    if fallback is None:
        return LocalizedImage(LocalizedText(image.description), LocalizedText(image.credit))
    alt, credit = image_texts(locale_id, request).get(image.pk, ("", ""))
    return LocalizedImage(
        LocalizedText(alt) or LocalizedText(image.description, fallback),
        LocalizedText(credit) or LocalizedText(image.credit, fallback),
    )


def image_alt_in_locale(image, locale_id):
    return image_in_locale(image, locale_id).alt


def document_in_locale(document, locale_id, request=None):
    fallback = original_language(locale_id)
    if fallback is None:
        return LocalizedDocument(document)
    variant = document_variants(locale_id, request).get(document.pk)
    return LocalizedDocument(variant) if variant else LocalizedDocument(document, fallback)


def documents_by_id(ids):
    """{id: document} for the ids given that exist, each read once until media change
    (saving or deleting a document purges `media`): rich text costs no query per link or
    per block once read."""
    found = {}
    for pk in ids:
        stored = cached(f"document:{pk}")
        if stored is not None:
            found[pk], _tags = stored
    missing = [pk for pk in ids if pk not in found]
    if missing:
        started = epoch()
        with recording() as tags:
            read = get_document_model().objects.in_bulk(missing)
        for pk in missing:
            found[pk] = read.get(pk)
            store(f"document:{pk}", found[pk], {*tags, MEDIA}, REMEMBER_SECONDS, started)
    return {pk: document for pk, document in found.items() if document is not None}


def documents_in_locale(document_ids, locale_id):
    """{document id: LocalizedDocument} for the ids given."""
    fallback = original_language(locale_id)
    variants = document_variants(locale_id) if fallback else {}
    originals = documents_by_id([pk for pk in document_ids if pk not in variants])
    localized = {pk: LocalizedDocument(variant) for pk, variant in variants.items()}
    localized.update({pk: LocalizedDocument(doc, fallback) for pk, doc in originals.items()})
    return localized
