"""Document links in rich text, in the reader's language: the document's version in that
language, else the original, marked with its language."""

from django.utils.html import escape, format_html
from wagtail.documents.rich_text import DocumentLinkHandler

from core.querysets import active_locale
from media.localized import documents_in_locale


class LocalizedDocumentLinkHandler(DocumentLinkHandler):
    """Only a link's opening tag is rewritten, so the original's language is named at the
    start of the link text: "(English) Annual report"."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = []
        for attrs in attrs_list:
            try:
                ids.append(int(attrs["id"]))
            except (KeyError, ValueError):
                ids.append(None)
        locale = active_locale()
        found = documents_in_locale({pk for pk in ids if pk}, locale.pk if locale else None)
        return [cls.opening_tag(found.get(pk)) for pk in ids]

    @staticmethod
    def opening_tag(localized):
        if localized is None:
            return "<a>"
        href = escape(localized.document.url)
        if not localized.lang:
            return f'<a href="{href}">'
        return format_html(
            '<a href="{}" hreflang="{}"><span class="document-language">({})</span> ',
            localized.document.url,
            localized.lang,
            localized.language_name,
        )
