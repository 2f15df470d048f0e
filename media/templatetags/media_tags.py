"""Images and documents in the language of the page being rendered (media.localized)."""

from dataclasses import replace

from django import template

from media.localized import LocalizedText, document_in_locale, image_in_locale, page_locale_id

register = template.Library()


@register.simple_tag(takes_context=True)
def localized_image(context, image, alt_text="", decorative=False):
    """`{% localized_image image alt_text=… decorative=… as texts %}`: `texts.alt` and
    `texts.credit`, each with its `lang` when it is the default language's for want of a
    translation. The page's own alternative text (translated with the page) wins; a
    decorative image has none."""
    if not image:
        return None
    texts = image_in_locale(image, page_locale_id(context), context.get("request"))
    if decorative or alt_text:
        texts = replace(texts, alt=LocalizedText("" if decorative else alt_text))
    return texts


@register.simple_tag(takes_context=True)
def localized_document(context, document):
    """`{% localized_document document as found %}`: `found.document` to link, and
    `found.lang` with `found.language_name` when it is the original, untranslated."""
    if not document:
        return None
    return document_in_locale(document, page_locale_id(context), context.get("request"))


@register.filter
def text_lang(text):
    """The language a text is in when it is not the page's, else None: an attribute given
    None is left out (`{% picture … lang=alt|text_lang %}`)."""
    return getattr(text, "lang", None)
