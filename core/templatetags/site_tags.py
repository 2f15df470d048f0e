"""Site chrome: the locale's home page, the menu, the footer and the language links.

Each is looked up once per request and kept on the request object.
"""

import json
import re
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.formats import get_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from wagtail.models import Page, Site

from core.dependencies import once_per_request, page_tag, remember
from core.models import FooterText
from core.querysets import default_locale, private_q

register = template.Library()


def _remembered(request, key, compute, tags=()):
    """Once per request, and across requests until what it shows changes (the menu, the
    homes and the footer are site-wide: see core.invalidation)."""
    return once_per_request(request, key, lambda: remember(key, compute, tags))


def _homes(request):
    """The live home page of every language, by language code."""
    site = Site.find_for_request(request)
    if site is None:
        return {}

    def compute():
        root = Page.objects.get(pk=site.root_page_id)
        homes = root.get_translations(inclusive=True).live().select_related("locale")
        return {home.locale.language_code: home for home in homes}

    return _remembered(request, f"homes:{site.root_page_id}", compute)


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page in the reader's language (falling back to the default language's)."""
    homes = _homes(context["request"])
    return homes.get(translation.get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children shown in menus, each marked current when the reader is on
    it ("page") or inside it ("true"), for `aria-current`."""
    request = context["request"]
    home = locale_home(context)
    if home is None:
        return []
    page = context.get("page")
    path = page.path if isinstance(page, Page) else ""

    def compute():
        return list(home.get_children().live().exclude(private_q()).in_menu())

    items = []
    for item in _remembered(request, f"menu:{home.pk}", compute):
        current = None
        if path == item.path:
            current = "page"
        elif path.startswith(item.path):
            current = "true"
        items.append({"page": item, "current": current})
    return items


@register.simple_tag(takes_context=True)
def footer_text(context):
    request = context["request"]

    def compute():
        return {
            f.locale.language_code: f
            for f in FooterText.objects.filter(live=True).select_related("locale")
        }

    texts = _remembered(request, "footer", compute)
    return texts.get(translation.get_language()) or texts.get(settings.LANGUAGE_CODE)


def _live_translations(request, page):
    """This page's live, public translations (itself included), by language code; an
    alias is not a translation."""

    def compute():
        if not isinstance(page, Page):
            return {}
        pages = (
            page.get_translations(inclusive=True)
            .live()
            .exclude(private_q())
            .filter(alias_of__isnull=True)
            .select_related("locale")
        )
        return {p.locale.language_code: p for p in pages}

    if not isinstance(page, Page):
        return {}
    return _remembered(request, f"translations:{page.pk}", compute, [page_tag(page)])


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """`(hreflang, absolute URL)` for each live translation of the page, plus x-default;
    nothing for a language the page is not published in."""
    request = context["request"]
    page = context.get("page")
    translations = _live_translations(request, page)
    if not translations:
        return []
    links = [
        (code, translations[code].get_full_url(request))
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    default = translations.get(settings.LANGUAGE_CODE) or translations.get(links[0][0])
    return [*links, ("x-default", default.get_full_url(request))]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language, in the site's order: to this page's live translation, else to
    that language's home page, marked as a fallback. Views that are not Wagtail pages
    (search) link to each language's home page."""
    request = context["request"]
    page = context.get("page")

    def compute():
        translations = _live_translations(request, page)
        homes = _homes(request)
        current = translation.get_language()
        links = []
        for code, name in settings.LANGUAGES:
            target = translations.get(code) or homes.get(code)
            if target is None:
                continue
            links.append(
                {
                    "code": code,
                    "name": name,
                    "url": target.get_url(request),
                    "current": code == current,
                    "fallback": isinstance(page, Page) and code not in translations,
                }
            )
        return links

    return once_per_request(request, "languages", compute)


@register.filter
def iso_datetime(value):
    """The moment as HTML's `datetime` attribute wants it: whole seconds and the offset,
    in the active time zone ('2030-02-03T14:00:00+01:00')."""
    from django.utils import timezone

    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def utc_offset(value):
    """'UTC+1', 'UTC+5:30', 'UTC-3' or 'UTC' for an aware datetime."""
    offset = value.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@register.filter
def language_dir(code):
    """'rtl' or 'ltr': the writing direction of a language code."""
    return "rtl" if translation.get_language_info(code)["bidi"] else "ltr"


@register.simple_tag(takes_context=True)
def content_language(context):
    """The language of the page's content when it differs from the interface's: an alias
    shows its source page's text."""
    page = context.get("page")
    if isinstance(page, Page) and page.alias_of_id:
        return page.alias_of.locale.language_code
    return None


@register.filter
def json_ld(data):
    """A JSON-LD data block; `<`, `>` and `&` escaped so the JSON cannot end the element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def bidi_lines(text):
    """Multi-line text (an address) with each line isolated in `<bdi>`: '2333 ZA Leiden'
    keeps its order on a right-to-left page, and an Arabic line keeps its own."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return mark_safe("<br>".join(f"<bdi>{escape(line)}</bdi>" for line in lines))  # noqa: S308


@register.filter
def zone_label(value):
    """'CET, UTC+1' for an aware datetime; only 'UTC+4' where the zone has no name of its
    own (Asia/Dubai's abbreviation is '+04', which would repeat the offset)."""
    from django.utils import timezone

    value = timezone.localtime(value)
    offset = utc_offset(value)
    name = value.tzname() or ""
    if not name or name[0] in "+-" or name == offset:
        return offset
    return f"{name}, {offset}"


def _mentioned(word, text):
    """Whether `text` contains `word` at the start of one of its words (any case); in
    scripts written without spaces, anywhere."""
    word, text = str(word).strip().casefold(), str(text).casefold()
    if not word:
        return False
    if not word[0].isascii() and not any(c.isspace() for c in text):
        return word in text
    return re.search(rf"(?<!\w){re.escape(word)}", text) is not None


@register.filter
def mentions(text, word):
    """Whether `text` already says `word`, so a label 'word: text' would say it twice."""
    return _mentioned(word, text)


@lru_cache(maxsize=256)
def _label_in_every_language(label):
    forms = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            forms.add(str(label))
    return forms


@register.simple_tag
def names_its_choice(instance, field_name, text):
    """Whether `text` already names the choice of `field_name` (a material's kind), in any
    of the site's languages: an English title 'Recording of session 1' on an Arabic page
    needs no 'تسجيل:' in front of it."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field_name)
    label = dict(field.flatchoices).get(value)
    forms = {str(value).replace("_", " ")}
    if label is not None:
        forms |= _label_in_every_language(label)
    return any(_mentioned(form, text) for form in forms)


# Intl.DateTimeFormat locale for each interface language, where the bare code would give
# another pattern than config/formats: our English is day-month with the 24-hour clock.
INTL_LOCALES = {"en": "en-GB"}


@register.simple_tag
def local_time_options():
    """What site.js needs to write an event's time in the reader's zone the way this
    language writes times here: the Intl locale and the hour cycle of TIME_FORMAT."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    time_format = get_format("TIME_FORMAT")
    twelve_hour = any(code in time_format for code in "ghAaP") and "H" not in time_format
    return {
        "locale": INTL_LOCALES.get(language, language),
        "hour_cycle": "h12" if twelve_hour else "h23",
    }


@register.simple_tag
def time_element(value, format_name="DATETIME_FORMAT"):
    """`<time datetime>` around a moment written in the active language's own pattern and
    the active time zone, for sentences that carry a date ("Registration closes …")."""
    from django.utils import timezone
    from django.utils.formats import date_format

    moment = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>', iso_datetime(moment), date_format(moment, format_name)
    )


@register.filter
def isolate(value):
    """`value` in a `<bdi>`, for text of either direction put inside a translated sentence
    ("Watch on youtube.com" in Arabic)."""
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag
def list_separator():
    """What separates the items of a list in the active language ("، " in Arabic, "、" in
    Chinese), where English writes ", "."""
    return pgettext("list separator", ", ")


@register.simple_tag
def part_separator():
    """What separates two parts of one thing ("Leiden, Netherlands"; "Professor, LUMC") in
    the active language ("، " in Arabic, "，" in Chinese)."""
    return pgettext("separator between two parts", ", ")


@register.filter
def join_list(items):
    """`items` joined by the active language's list separator (escaped)."""
    return format_html_join(list_separator(), "{}", ((item,) for item in items))


@register.simple_tag
def untranslated_blocks(page):
    """The body blocks of a translation still as its original has them (a translation
    published in part): {"ids": their ids, "language": the original's}, so that they are
    printed with the original's `lang` and read as that language, not as the page's."""
    found = {"ids": set(), "language": ""}
    default = default_locale()
    if not isinstance(page, Page) or page.alias_of_id or page.locale_id == default.pk:
        return found
    if not hasattr(page, "body"):
        return found
    source = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=default, live=True)
        .only("body")
        .first()
    )
    if source is None:
        return found
    theirs = {block.id: block.block.get_prep_value(block.value) for block in source.body}
    found["language"] = default.language_code
    found["ids"] = {
        block.id
        for block in page.body
        if block.id in theirs and block.block.get_prep_value(block.value) == theirs[block.id]
    }
    return found
