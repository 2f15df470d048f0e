"""What `manage.py screenshots` shoots into docs/screenshots/.

Pages: each kind of page in PAGES, in PAGE_LANGUAGES, at every width of VIEWPORTS, the
size of the window (plus FULL_PAGES whole): `pages/<page>-<language>-<width>.png`.

Patterns: one element of a page each, for docs/design.md, in PATTERN_LANGUAGES:
`patterns/<name>-<language>.png`, cut to the window's height. A selector that matches
nothing visible is reported and skipped, so the list can follow the stylesheet's class
names as they change.
"""

from dataclasses import dataclass

PHONE = 375
DESKTOP = 1280

# Playwright context options per width. A phone at device pixel ratio 1: twice the pixels
# would make every file about three times larger for the same picture in the docs.
VIEWPORTS = {
    PHONE: {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
    DESKTOP: {"viewport": {"width": 1280, "height": 800}},
}

PAGE_LANGUAGES = ("en", "ar", "zh-hans")
PATTERN_LANGUAGES = ("en", "ar")

# The kinds of page bench.screenshot_pages finds in the database, with what each is.
PAGE_KINDS = {
    "home": "the home page",
    "events": "the events index",
    "event": "the first upcoming scheduled event",
    "partner": "the first partner with a logo",
    "article": "the latest news article with a hero image",
    "news": "the news index (two pages of articles)",
    "notice-event": "a cancelled or postponed event",
    "events-filter-error": "the events index with a filter value it does not know",
    "search": "search results for a partner's name",
}

PAGES = ("home", "events", "event", "partner", "article")
FULL_PAGES = (("home", "en", PHONE),)  # (page, language, width) also shot whole

# What may happen before a pattern's shot: "click SELECTOR", or "open SELECTOR" to open
# a <details> element. The shot is skipped when SELECTOR matches nothing.
ACTIONS = ("click", "open")


@dataclass(frozen=True)
class Pattern:
    name: str
    page: str  # a key of PAGE_KINDS
    selector: str  # the first match is shot
    width: int = DESKTOP
    action: str = ""


PATTERNS = (
    Pattern("header", "home", ".site-header"),
    Pattern("header-phone", "home", ".site-header", width=PHONE),
    # The panel opens below the header, over the page: shot as the phone's window.
    Pattern("header-menu-open", "home", "body", width=PHONE, action="open details.site-menu"),
    Pattern("card", "home", ".cards .card"),
    Pattern("list", "events", ".cards--list"),
    Pattern("facts", "event", ".facts"),
    Pattern("partner-facts", "partner", ".facts"),
    Pattern("button", "event", ".button"),
    Pattern("tags", "article", ".tags"),
    Pattern("notice", "notice-event", ".notice"),
    Pattern("form", "events", ".filters"),
    Pattern("form-error", "events-filter-error", ".filters"),
    Pattern("key-figures", "home", ".key-figures"),
    Pattern("pagination", "news", ".pagination"),
    Pattern("footer", "home", ".site-footer"),
)
