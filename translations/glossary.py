"""Each language's glossary: the preferred translation of the programme's English terms,
applied by machine translation (translations.machine) and shown to translators."""

import csv
import html
import io
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

# An HTML tag, kept apart from the text between tags when looking for terms.
_TAG = re.compile(r"(<[^>]*>)")


class GlossaryTerm(models.Model):
    """One English term and how it is translated into one language."""

    locale = models.ForeignKey(
        Locale, verbose_name=_("language"), on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField(
        _("term"), max_length=255, help_text=_("The English term, as the original texts say it.")
    )
    translation = models.CharField(_("preferred translation"), max_length=255)
    note = models.TextField(
        _("note"), blank=True, help_text=_("For translators: when to use it, what to avoid.")
    )

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(
                "locale",
                Lower("term"),
                name="glossary_one_term_per_locale",
                violation_error_message=_("This language's glossary has this term already."),
            )
        ]

    def __str__(self):
        return f"{self.term} → {self.translation}"


def term_pattern(term, plurals=True):
    """A case-insensitive pattern for `term` as whole words; with `plurals`, also its
    English plural (facility, facilities; partner, partners; class, classes)."""
    source = re.escape(term)
    if plurals and re.search(r"[^aeiou]y$", term, re.IGNORECASE):
        source = source[:-1] + "(?:y|ies)"
    elif plurals and term[-1:].isalpha():
        source += "(?:s|es)?"
    return rf"(?<!\w){source}(?!\w)"


def matcher(words, plurals=True):
    """One case-insensitive regular expression finding any of `words`, longest first;
    each match's `lastgroup` is `t<index in words>`."""
    if not words:
        return None
    order = sorted(range(len(words)), key=lambda i: len(words[i]), reverse=True)
    alternatives = [f"(?P<t{i}>{term_pattern(words[i], plurals)})" for i in order]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def text_parts(html):
    """The text between tags of an HTML fragment, with a flag: True for text, False for a
    tag (terms are never looked for inside a tag)."""
    return [(part, not part.startswith("<")) for part in _TAG.split(html) if part]


def terms_in(text, locale):
    """The terms of `locale`'s glossary that `text` (plain text or HTML) contains, in the
    order of the glossary."""
    return terms_found([text], GlossaryTerm.objects.filter(locale=locale))


def terms_found(texts, terms):
    """Those of `terms` that any of `texts` contains."""
    terms = list(terms)
    pattern = matcher([term.term for term in terms])
    if pattern is None:
        return []
    found = set()
    for text in texts:
        for part, is_text in text_parts(text or ""):
            if is_text:
                found.update(m.lastgroup for m in pattern.finditer(html.unescape(part)))
    return [term for i, term in enumerate(terms) if f"t{i}" in found]


def highlight(text, terms):
    """`text` (plain text, escaped here) as safe HTML with each of `terms` in a
    `<mark title="preferred translation">`."""
    terms = list(terms)
    pattern = matcher([term.term for term in terms])
    if pattern is None:
        return escape(text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        term = terms[int(match.lastgroup[1:])]
        pieces.append(escape(text[position : match.start()]))
        title = f"{term.translation} ({term.note})" if term.note else term.translation
        pieces.append(format_html('<mark title="{}">{}</mark>', title, match.group(0)))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


# Files: CSV (term, translation, note) and TBX (ISO 30042), read and written per language.

CSV_COLUMNS = ("term", "translation", "note")
MAX_FILE_SIZE = 2 * 1024 * 1024
SOURCE_LANGUAGE = "en"
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# A cell a spreadsheet would read as a formula starts with one of these (also after spaces).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class GlossaryFileError(ValueError):
    """A file that is not a glossary this site reads; the message says why, for the form."""


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    skipped: list = field(default_factory=list)  # (where, why)


def spreadsheet_safe(value):
    """`value` with an apostrophe in front if a spreadsheet would run it as a formula."""
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def from_spreadsheet(value):
    """The value `spreadsheet_safe` was given back, trimmed."""
    if value.startswith("'") and value[1:].lstrip().startswith(FORMULA_STARTS):
        value = value[1:]
    return value.strip()


def bcp47(code):
    """A Wagtail language code as a language tag: zh-hans → zh-Hans, pt-br → pt-BR."""
    first, *rest = code.split("-")
    return "-".join(
        [first.lower()]
        + [
            part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part
            for part in rest
        ]
    )


def same_language(tag, code):
    """Whether the language tag `tag` (from a file) names the language `code`: the same tag
    in any case, or the same language (`fr-FR` for `fr`, `zh-CN` for `zh-hans`)."""
    tag, code = (tag or "").lower().replace("_", "-"), code.lower()
    return tag == code or tag.split("-")[0] == code.split("-")[0]


def export_csv(locale):
    """The glossary of `locale` as CSV in UTF-8 with a byte order mark (Excel reads it so)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in GlossaryTerm.objects.filter(locale=locale):
        writer.writerow(
            [spreadsheet_safe(value) for value in (entry.term, entry.translation, entry.note)]
        )
    return out.getvalue().encode("utf-8")


def export_tbx(locale):
    """The glossary of `locale` as TBX-Basic in TBX v3 (TBX-Core structure): one
    conceptEntry per term, with an English and a target-language langSec."""

    def element(parent, tag, text=None, **attrs):
        child = ElementTree.SubElement(parent, tag, attrs)
        child.text = text
        return child

    target = bcp47(locale.language_code)
    root = ElementTree.Element(
        "tbx",
        {"xmlns": TBX_NAMESPACE, "type": "TBX-Basic", "style": "dca", XML_LANG: SOURCE_LANGUAGE},
    )
    description = element(element(element(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    element(description, "p", f"Glossary {SOURCE_LANGUAGE} → {target}")
    body = element(element(root, "text"), "body")
    for entry in GlossaryTerm.objects.filter(locale=locale):
        concept = element(body, "conceptEntry", id=f"c{entry.pk}")
        source = element(element(concept, "langSec", **{XML_LANG: SOURCE_LANGUAGE}), "termSec")
        element(source, "term", entry.term)
        translated = element(element(concept, "langSec", **{XML_LANG: target}), "termSec")
        element(translated, "term", entry.translation)
        if entry.note:
            element(translated, "note", entry.note)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def read_file(uploaded, locale):
    """The entries of an uploaded CSV or TBX file as (where, term, translation, note)."""
    data = uploaded.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise GlossaryFileError(_("The file is larger than 2 MB."))
    name = (uploaded.name or "").lower()
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if name.endswith((".tbx", ".xml")) or start.startswith(b"<"):
        return read_tbx(data, locale)
    if name.endswith((".csv", ".txt")):
        return read_csv(data)
    raise GlossaryFileError(_("Choose a CSV file (term, translation, note) or a TBX file."))


def read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GlossaryFileError(_("The file is not UTF-8 text: save it as “CSV UTF-8”.")) from None
    if "\0" in text:
        raise GlossaryFileError(_("The file is not a CSV file."))
    try:  # Excel writes ; or tabs in some countries
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise GlossaryFileError(
            _("The file is not a CSV file (%(error)s).") % {"error": error}
        ) from None
    header = [column.strip().lower() for column in rows[0]] if rows else []
    if "term" not in header or "translation" not in header:
        raise GlossaryFileError(
            _(
                "The first row must name the columns term, translation and (if you like) "
                "note; it has: %(columns)s."
            )
            % {"columns": ", ".join(header) or "–"}
        )
    where = {column: header.index(column) for column in CSV_COLUMNS if column in header}
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {column: row[index] if index < len(row) else "" for column, index in where.items()}
        entries.append(
            (
                _("row %(number)d") % {"number": number},
                from_spreadsheet(cells["term"]),
                from_spreadsheet(cells["translation"]),
                from_spreadsheet(cells.get("note", "")),
            )
        )
    return entries


def read_tbx(data, locale):
    """TBX v3 (`<tbx>`, conceptEntry/langSec/termSec) or TBX v2 (`<martif>`,
    termEntry/langSet/tig): the English term and the term in `locale`'s language. A
    document type or entity declaration is refused (no entity expansion, no fetching)."""
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise GlossaryFileError(
            _(
                "The file declares a document type or entities; glossary files need none, "
                "so it was refused."
            )
        ) from None
    except ElementTree.ParseError as error:
        raise GlossaryFileError(
            _("The file is not well-formed XML (%(error)s).") % {"error": error}
        ) from None
    if local_name(root.tag) not in ("tbx", "martif"):
        raise GlossaryFileError(
            _("The file is XML but not TBX (its root element is <%(name)s>).")
            % {"name": local_name(root.tag)}
        )
    entries = []
    concepts = [el for el in root.iter() if local_name(el.tag) in ("conceptEntry", "termEntry")]
    for number, concept in enumerate(concepts, start=1):
        sections = [el for el in concept if local_name(el.tag) in ("langSec", "langSet")]
        source = next(
            (s for s in sections if same_language(s.get(XML_LANG), SOURCE_LANGUAGE)), None
        )
        target = next(
            (s for s in sections if same_language(s.get(XML_LANG), locale.language_code)), None
        )
        note = first_text(target, "note") if target is not None else ""
        entries.append(
            (
                _("entry %(number)d") % {"number": number},
                first_text(source, "term") if source is not None else "",
                first_text(target, "term") if target is not None else "",
                note or next((text_of(el) for el in concept if local_name(el.tag) == "note"), ""),
            )
        )
    return entries


def local_name(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def first_text(element, name):
    return next((text_of(el) for el in element.iter() if local_name(el.tag) == name), "")


@transaction.atomic
def import_entries(locale, entries):
    """Add the entries to `locale`'s glossary, or update the terms it has (whatever their
    case); return what was done and what was skipped, and why."""
    report = ImportReport()
    existing = {entry.term.lower(): entry for entry in GlossaryTerm.objects.filter(locale=locale)}
    seen = {}
    limit = GlossaryTerm._meta.get_field("term").max_length
    for where, term, translation, note in entries:
        key = term.lower()
        if not term:
            report.skipped.append((where, _("no English term")))
        elif not translation:
            report.skipped.append((where, _("no translation")))
        elif len(term) > limit or len(translation) > limit:
            report.skipped.append((where, _("longer than %(limit)d characters") % {"limit": limit}))
        elif key in seen:
            report.skipped.append((where, _("the same term as %(where)s") % {"where": seen[key]}))
        elif key not in existing:
            GlossaryTerm.objects.create(
                locale=locale, term=term, translation=translation, note=note
            )
            report.added += 1
        elif (existing[key].translation, existing[key].note) != (translation, note):
            existing[key].translation, existing[key].note = translation, note
            existing[key].save(update_fields=["translation", "note"])
            report.updated += 1
        else:
            report.skipped.append((where, _("unchanged")))
        seen.setdefault(key, where)
    return report
