"""The URLs readers and partners' sites request, read from the live content of any
database, each with the weight of its kind in a realistic day of traffic."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from core.models import Topic
from events.models import EventHostPartner, EventIndexPage, EventPage, LectureSeriesPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from partners.models import PartnerIndexPage, PartnerPage

LOCALES = ("en", "fr", "ar", "zh-hans", "es")

# Share of the requests in each language, per kind (they need not add up to 100): pages
# first, then what partners' sites and calendar apps fetch.
WEIGHTS = {
    "home": 12,
    "language redirect": 2,
    "news listing": 6,
    "event listing": 7,
    "partner listing": 3,
    "article": 20,
    "event": 14,
    "partner": 6,
    "lecture series": 4,
    "search": 5,
    "events API": 8,
    "embed": 5,
    "ICS feed": 4,
    "news feed": 4,
}
PAGES_PER_KIND = 6


@dataclass(frozen=True)
class Target:
    kind: str
    language: str  # the Accept-Language header a reader of this language sends
    path: str  # path and query, percent-encoded
    weight: float

    def line(self):
        return f"{self.weight:.6f}\t{self.kind}\t{self.language}\t{self.path}"


def accept_language(code):
    return code if code == "en" else f"{code},en;q=0.8"


def path_of(page):
    """The page's path on its site (None if it is not routable)."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def query(path, **params):
    return f"{path}?{urlencode(params)}"


def mix(codes=LOCALES):
    """Every Target in the languages `codes` (those with a home page), and the codes left
    out for want of one."""
    targets, missing = [], []
    for code in codes:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or not HomePage.objects.live().filter(locale=locale).exists():
            missing.append(code)
            continue
        for kind, paths in urls_in(locale).items():
            weight = WEIGHTS[kind] / len(paths)
            targets += [Target(kind, accept_language(code), path, weight) for path in paths]
    return targets, missing


def live(model, locale):
    return model.objects.live().public().filter(locale=locale)


def urls_in(locale):
    """{kind: [path, ...]} for one language; kinds without content are left out."""
    code = locale.language_code
    indexes = (HomePage, NewsIndexPage, EventIndexPage, PartnerIndexPage)
    first = {model: live(model, locale).first() for model in indexes}
    articles = live(NewsPage, locale).order_by("-first_published_at")[:PAGES_PER_KIND]
    now = timezone.now()
    upcoming = live(EventPage, locale).filter(end__gte=now).order_by("start")
    past = live(EventPage, locale).filter(end__lt=now).order_by("-start")
    events = [*upcoming[: PAGES_PER_KIND - 2], *past[:2]]
    partners = live(PartnerPage, locale).order_by("title")[:PAGES_PER_KIND]
    series = live(LectureSeriesPage, locale).order_by("title")[:PAGES_PER_KIND]
    topic = Topic.objects.filter(locale=locale).order_by("name").first()
    host = hosting_partner(locale)
    urls = {
        "home": [path_of(first[HomePage])],
        "language redirect": ["/"],
        "article": [path_of(page) for page in articles],
        "event": [path_of(page) for page in events],
        "partner": [path_of(page) for page in partners],
        "lecture series": [path_of(page) for page in series],
    }
    if news := first[NewsIndexPage]:
        urls["news listing"] = [path_of(news)]
        if topic:
            urls["news listing"].append(query(path_of(news), topic=topic.slug))
    if index := first[EventIndexPage]:
        listing = path_of(index)
        urls["event listing"] = [listing, listing + "past/", query(listing, format="online")]
    if index := first[PartnerIndexPage]:
        kind = partners[0].kind if partners else "university"
        urls["partner listing"] = [path_of(index), query(path_of(index), kind=kind)]
    with translation.override(code):
        search = reverse("search")
    urls["search"] = [query(search, q=term) for term in search_terms(topic, articles)]
    api = "/api/v2/events/"
    urls["events API"] = [
        query(api, locale=code, upcoming=1),
        query(api, locale=code, format="online", limit=5),
        query(api, locale=code, past=1, limit=10, offset=10),
    ]
    urls["embed"] = [query("/embed/events/", locale=code)]
    urls["ICS feed"] = [query("/feeds/events.ics", locale=code)]
    urls["ICS feed"] += [f"/feeds/events/{page.pk}.ics" for page in events[:2]]
    if host:
        urls["events API"].append(query(api, locale=code, upcoming=1, partner=host.slug))
        urls["embed"].append(
            query("/embed/events/", locale=code, partner=host.slug, theme="dark", layout="compact")
        )
        urls["ICS feed"].append(query("/feeds/events.ics", locale=code, partner=host.slug))
    if series:
        urls["events API"].append(query(api, locale=code, series=series[0].slug))
    urls["news feed"] = [query("/feeds/news.xml", locale=code)]
    found = {
        kind: list(dict.fromkeys(path for path in paths if path)) for kind, paths in urls.items()
    }
    return {kind: paths for kind, paths in found.items() if paths}


def hosting_partner(locale):
    """A partner, in `locale`, that hosts events: the filters then have something to
    find."""
    hosts = EventHostPartner.objects.values("partner__translation_key")
    partners = live(PartnerPage, locale).order_by("title")
    return partners.filter(translation_key__in=hosts).first() or partners.first()


def search_terms(topic, articles):
    """What readers look for: a topic's name, a word of the newest title, and a term
    that finds nothing."""
    terms = [topic.name] if topic else []
    if articles:
        words = (word.strip(".,:;!?") for word in articles[0].title.split())
        known = {term.casefold() for term in terms}
        terms += [
            word for word in sorted(words, key=len, reverse=True) if word.casefold() not in known
        ][:1]
    terms.append("xylophone")
    return terms
