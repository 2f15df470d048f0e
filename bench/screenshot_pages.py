"""The URL of each kind of page of bench.screenshots in a language, found in the database
so that the screenshots follow the demo content rather than fixed slugs.

Each page is chosen in English, then shown in its live translation into the language, or
in English when it has none.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage, EventStatus
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from partners.models import PartnerPage

SOURCE = {"locale__language_code": "en"}


def first_event(events):
    """The first upcoming of `events`, else the latest past one."""
    return events.upcoming().first() or events.past().first()


def english_pages():
    """{kind: the English page, or None} for the kinds of page that are pages."""
    events = EventPage.objects.live().filter(**SOURCE)
    return {
        "home": HomePage.objects.live().filter(**SOURCE).first(),
        "events": EventIndexPage.objects.live().filter(**SOURCE).first(),
        "event": first_event(events.filter(status=EventStatus.SCHEDULED)),
        "notice-event": first_event(events.exclude(status=EventStatus.SCHEDULED)),
        "partner": PartnerPage.objects.live()
        .filter(**SOURCE, logo__isnull=False)
        .order_by("title")
        .first(),
        "article": NewsPage.objects.live()
        .filter(**SOURCE, hero_image__isnull=False)
        .newest_first()
        .first(),
        "news": NewsIndexPage.objects.live().filter(**SOURCE).first(),
    }


def in_language(page, locale):
    """`page`'s live translation into `locale`, else `page` itself."""
    translated = page.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else page


def page_urls(code, pages=None):
    """{kind: (URL path, language the page is in) or None when the database has no such
    page} in the language `code`."""
    pages = english_pages() if pages is None else pages
    locale = Locale.objects.get(language_code=code)
    found = {}
    for kind, page in pages.items():
        shown = in_language(page, locale) if page else None
        found[kind] = (shown.get_url(), shown.locale.language_code) if shown else None
    if found["events"]:
        url, language = found["events"]
        # An unknown value is a form error shown on the page, never a server error.
        found["events-filter-error"] = (f"{url}?topic=no-such-topic", language)
    else:
        found["events-filter-error"] = None
    partner = pages["partner"] and in_language(pages["partner"], locale).specific
    if partner:
        with translation.override(code):
            query = urlencode({"q": partner.short_name or partner.title})
            found["search"] = (f"{reverse('search')}?{query}", code)
    else:
        found["search"] = None
    return found
