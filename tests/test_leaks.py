"""Nothing embargoed leaks: every kind of secret against every public surface.

One site is built once for the module, inside a transaction rolled back after its last
test: live pages that every surface must show (or its silence about a secret proves
nothing) and the secrets, which must stay out of pages, search, sitemap, API, embed,
feeds and the admin's anonymous views. Nothing writes to the site while the tests read
it, so each address is fetched once and its answer checked against every secret.
"""

import datetime
import json
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from core.factories import ImageFactory
from events.factories import EventIndexPageFactory, EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner, SeriesPartner
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import NewsEvent, NewsPartner
from operations.tasks import publish_scheduled_pages
from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from registrations.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

Document = get_document_model()

STATES = ("draft", "scheduled", "password", "login", "expired", "expiring", "translation")
KINDS = ("news", "event", "partner", "session")
SECRETS = [
    *(f"{state}-{kind}" for state in STATES for kind in KINDS),
    "child-of-private-session",
    "draft-series-of-live-session",
    "private-collection-document",
]
PAGE_FACTORIES = {
    "news": NewsPageFactory,
    "event": EventPageFactory,
    "partner": PartnerPageFactory,
    "session": EventPageFactory,
}
FRONTEND_LOGIN = "/_util/login/"
ADMIN_LOGIN = "/admin/login/"


@dataclass
class Secret:
    """What must never show: `content` nowhere at all, `address` (slug and path) nowhere
    but in the answer to someone who typed it."""

    name: str
    kind: str
    title: str
    content: tuple
    address: tuple
    slug: str
    url: str
    pk: int
    parent_pk: int  # of its parent page, or its collection
    revision_id: int | None = None
    language: str = "en"
    is_page: bool = True
    source: Page | None = None  # the live page an unpublished translation is made from
    linked_from: tuple = ()  # other live pages that link to it: (address, their title)


@dataclass
class Answer:
    where: str
    status: int
    text: str
    location: str = ""
    typed: bool = False  # the reader typed the secret's address (or searched for it)


# The site -------------------------------------------------------------------------------


def kind_fields(kind, now, rank):
    """Dates that put an item first in its listing at `rank` 0 (the secrets: newest news,
    soonest upcoming events, latest past sessions) and later at higher ranks."""
    if kind == "news":
        return {"publication_date": (now - datetime.timedelta(days=rank * 10)).date()}
    if kind == "event":
        start = now + datetime.timedelta(days=3 + rank * 10)
        end = start + datetime.timedelta(hours=2)
        return {"start": start, "end": end, "registration_mode": "site"}
    if kind == "session":
        start = now - datetime.timedelta(days=3 + rank * 10)
        return {"start": start, "end": start + datetime.timedelta(hours=2)}
    return {"featured": True}


def translation_of(factory, page, parent, **fields):
    """`page` in French under `parent` (or at the root), published."""
    french = Locale.objects.get(language_code="fr")
    return factory(parent=parent, locale=french, translation_key=page.translation_key, **fields)


def translate_as_draft(page, locale, **texts):
    """A translation made with wagtail-localize, its title, slug and summary translated,
    saved as a draft and never published."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        if segment.context.path in texts:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": texts[segment.context.path]},
            )
    draft, _created = source.create_or_update_translation(locale, publish=False, fallback=True)
    draft = type(draft).objects.get(pk=draft.pk)
    assert not draft.live and (draft.title, draft.slug) == (texts["title"], texts["slug"])
    return draft


def build_site(now):
    """Home, sections and a lecture series in English and French, with one live page of
    each kind in both languages (the twins every surface must show), then the secrets,
    each related to the twins as an editor might relate them."""
    en_locale, fr_locale = (
        Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "fr")
    )
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    Site.objects.all().delete()
    home = HomePageFactory(parent=root, locale=en_locale)
    Site.objects.create(
        is_default_site=True, root_page=home, hostname="localhost", port=80, site_name="Test"
    )
    en = SimpleNamespace(home=home)
    en.news = NewsIndexPageFactory(parent=home)
    en.events = EventIndexPageFactory(parent=home)
    en.partners = PartnerIndexPageFactory(parent=home)
    en.series = LectureSeriesPageFactory(parent=en.events, title="Open series", slug="open-series")
    fr = SimpleNamespace()
    fr.home = translation_of(HomePageFactory, home, root, slug="home-fr", hero_heading="Accueil")
    fr.news = translation_of(NewsIndexPageFactory, en.news, fr.home, title="Nouvelles")
    fr.events = translation_of(EventIndexPageFactory, en.events, fr.home, title="Agenda")
    fr.partners = translation_of(PartnerIndexPageFactory, en.partners, fr.home, title="Amis")
    fr.series = translation_of(
        LectureSeriesPageFactory, en.series, fr.events, title="Serie", slug="serie"
    )
    parents = {
        "en": {"news": en.news, "event": en.events, "partner": en.partners, "session": en.series},
        "fr": {"news": fr.news, "event": fr.events, "partner": fr.partners, "session": fr.series},
    }
    twins = {"en": {}, "fr": {}}
    for kind, factory in PAGE_FACTORIES.items():
        english = factory(
            parent=parents["en"][kind],
            title=f"Open {kind}",
            slug=f"open-{kind}",
            summary=f"Public summary of the open {kind}",
            **kind_fields(kind, now, rank=3),
        )
        twins["en"][kind] = english
        twins["fr"][kind] = translation_of(
            factory,
            english,
            parents["fr"][kind],
            title=f"Ouvert {kind}",
            slug=f"ouvert-{kind}",
            **kind_fields(kind, now, rank=3),
        )
    twins["en"]["series"], twins["fr"]["series"] = en.series, fr.series
    site = SimpleNamespace(
        now=now, en=en, fr=fr, parents=parents, twins=twins, secrets={}, answers={}
    )
    for state in STATES:
        for kind in KINDS:
            make_secret(site, state, kind, fr_locale)
    make_child_of_private_secret(site)
    make_draft_series_secret(site)
    make_online_sessions(site)
    relate(site)
    publish_scheduled_pages.call()  # the worker unpublishes what has expired
    expired = [s.pk for name, s in site.secrets.items() if name.startswith("expired")]
    assert not Page.objects.filter(pk__in=expired).exclude(live=False, expired=True).exists()
    # Past its expiry time, but the worker has not run since: still marked live.
    expiring = [s.pk for name, s in site.secrets.items() if name.startswith("expiring")]
    Page.objects.filter(pk__in=expiring).update(expire_at=now - datetime.timedelta(minutes=1))
    site.image = ImageFactory(title="Open picture")
    make_documents(site)
    site.reader = Client()
    site.editor = Client()
    site.editor.force_login(
        get_user_model().objects.create_superuser("leaks-editor", "editor@example.org", "x")
    )
    return site


def make_secret(site, state, kind, fr_locale):
    name = f"{state}-{kind}"
    title = f"Embargo {state} {kind}"
    slug = f"embargo-{state}-{kind}"
    summary = f"Embargoed summary of {state} {kind}"
    factory = PAGE_FACTORIES[kind]
    parent = site.parents["en"][kind]
    if state == "translation":
        source = factory(
            parent=parent,
            title=f"Source {kind}",
            slug=f"source-{kind}",
            summary=f"Public summary of the source {kind}",
            **kind_fields(kind, site.now, rank=2),
        )
        draft = translate_as_draft(source, fr_locale, title=title, slug=slug, summary=summary)
        site.secrets[name] = Secret(
            name,
            kind,
            title,
            content=(title, summary),
            address=(slug, draft.url),
            slug=slug,
            url=draft.url,
            pk=draft.pk,
            parent_pk=draft.get_parent().pk,
            revision_id=draft.latest_revision_id,
            language="fr",
            source=source,
        )
        return
    page = factory(
        parent=parent,
        title=title,
        slug=slug,
        summary=summary,
        live=state not in ("draft", "scheduled"),
        **kind_fields(kind, site.now, rank=0),
    )
    revision = None
    if state == "draft":
        revision = page.save_revision()
    elif state == "scheduled":
        page.go_live_at = site.now + datetime.timedelta(days=7)
        revision = page.save_revision()
        revision.publish()
        revision.refresh_from_db()
        assert revision.approved_go_live_at and not Page.objects.get(pk=page.pk).live
    elif state == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="embargo"
        )
    elif state == "login":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif state == "expired":  # published with an expiry date, and the date has passed
        Page.objects.filter(pk=page.pk).update(expire_at=site.now - datetime.timedelta(hours=1))
    site.secrets[name] = Secret(
        name,
        kind,
        title,
        content=(title, summary),
        address=(slug, page.url),
        slug=slug,
        url=page.url,
        pk=page.pk,
        parent_pk=parent.pk,
        revision_id=revision.pk if revision else None,
    )


def make_child_of_private_secret(site):
    series = LectureSeriesPageFactory(
        parent=site.en.events,
        title="Embargo private series",
        slug="embargo-private-series",
        summary="Embargoed summary of the private series",
    )
    PageViewRestriction.objects.create(page=series, restriction_type=PageViewRestriction.LOGIN)
    title = "Embargo child session"
    session = EventPageFactory(
        parent=series,
        title=title,
        slug="embargo-child-session",
        summary="Embargoed summary of the child session",
        **kind_fields("session", site.now, rank=0),
    )
    site.secrets["child-of-private-session"] = Secret(
        "child-of-private-session",
        "session",
        title,
        content=(title, session.summary, series.title, series.summary),
        address=(session.slug, series.slug, session.url),
        slug=session.slug,
        url=session.url,
        pk=session.pk,
        parent_pk=series.pk,
    )
    site.private_series = series


def make_draft_series_secret(site):
    """A series still in draft whose first session is already published: the session is
    public (its address names the series), the series' title and summary are not."""
    title = "Embargo draft series"
    series = LectureSeriesPageFactory(
        parent=site.en.events,
        title=title,
        slug="embargo-draft-series",
        summary="Embargoed summary of the draft series",
        live=False,
    )
    revision = series.save_revision()
    session = EventPageFactory(
        parent=series,
        title="Published session of a draft series",
        **kind_fields("event", site.now, rank=1),
    )
    site.secrets["draft-series-of-live-session"] = Secret(
        "draft-series-of-live-session",
        "series",
        title,
        content=(title, series.summary),
        address=(),  # the published session's address names the series
        slug=series.slug,
        url=series.url,
        pk=series.pk,
        parent_pk=site.en.events.pk,
        revision_id=revision.pk,
        linked_from=((session.url, session.title),),
    )


JOIN_FOR_REGISTRANTS = "https://meet.example.org/for-registrants-only-q7v2k9"
JOIN_FOR_EVERYONE = "https://meet.example.org/open-to-everyone-m3x8d1"


def make_online_sessions(site):
    """Two online sessions of the open series, in English and French, after the twins in
    every listing: one whose join address is for its registrants only (one of them with a
    place), the other's for everyone."""
    start = site.now + datetime.timedelta(days=43)
    online = {
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "format": "online",
        "registration_mode": "site",
    }
    webinar = {**online, "online_url": JOIN_FOR_REGISTRANTS, "join_link_visibility": "registrants"}
    site.webinar = EventPageFactory(
        parent=site.en.series, title="Webinar for registrants", slug="webinar", **webinar
    )
    site.webinar_fr = translation_of(
        EventPageFactory,
        site.webinar,
        site.fr.series,
        title="Webinaire pour inscrits",
        slug="webinaire",
        **webinar,
    )
    site.open_webinar = EventPageFactory(
        parent=site.en.series,
        title="Webinar for everyone",
        slug="open-webinar",
        online_url=JOIN_FOR_EVERYONE,
        join_link_visibility="public",
        **online,
    )
    site.registrant = RegistrationFactory(
        event=site.webinar, status="confirmed", confirmed_at=site.now
    )


def relate(site):
    """Every relation a live page shows points at secrets as well as at the twins: the
    twin article's events and partners, the twin event's hosts, the series' partners, and
    the secrets' own links to the twin partner (whose page lists its events and news)."""
    for language in ("en", "fr"):
        twins = site.twins[language]
        series = site.parents[language]["session"]
        english = site.twins["en"]
        EventHostPartner.objects.create(page=twins["event"], partner=english["partner"])
        SeriesPartner.objects.create(page=series, partner=english["partner"])
        NewsPartner.objects.create(page=twins["news"], partner=english["partner"])
        NewsEvent.objects.create(page=twins["news"], event=english["event"])
        NewsEvent.objects.create(page=twins["news"], event=english["session"])
        for secret in site.secrets.values():
            target = secret.source or Page.objects.get(pk=secret.pk).specific
            if secret.kind == "partner":
                EventHostPartner.objects.create(page=twins["event"], partner=target)
                SeriesPartner.objects.create(page=series, partner=target)
                NewsPartner.objects.create(page=twins["news"], partner=target)
            elif secret.kind in ("event", "session"):
                NewsEvent.objects.create(page=twins["news"], event=target)
    for secret in site.secrets.values():
        target = secret.source or Page.objects.get(pk=secret.pk).specific
        if secret.kind in ("event", "session"):
            EventHostPartner.objects.create(page=target, partner=site.twins["en"]["partner"])
        elif secret.kind == "news":
            NewsPartner.objects.create(page=target, partner=site.twins["en"]["partner"])


def make_documents(site):
    private = Collection.get_first_root_node().add_child(name="Embargoed papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    site.document = Document.objects.create(
        title="Open leaflet", file=ContentFile(b"%PDF-1.4 open leaflet", name="open-leaflet.pdf")
    )
    title = "Embargo board minutes"
    document = Document.objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 embargoed minutes", name="embargo-minutes.pdf"),
        collection=private,
    )
    site.secrets["private-collection-document"] = Secret(
        "private-collection-document",
        "document",
        title,
        content=(title, "embargoed minutes"),
        address=("embargo-minutes", document.url),
        slug="embargo-minutes",
        url=document.url,
        pk=document.pk,
        parent_pk=private.pk,
        is_page=False,
    )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The site, built once and rolled back after the module's last test."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("leaks-media"))
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_site(timezone.now())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            media.disable()


# Reading the surfaces -----------------------------------------------------------------


def fetch(site, url, params=None, *, editor=False):
    """The answer at `url`, read once for the whole module."""
    params = params or {}
    key = (editor, url, tuple(sorted(params.items())))
    if key not in site.answers:
        response = (site.editor if editor else site.reader).get(url, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        where = f"{url}?{'&'.join(f'{k}={v}' for k, v in params.items())}" if params else url
        site.answers[key] = Answer(
            where, response.status_code, body.decode(), response.get("Location", "")
        )
    return site.answers[key]


def read(site, url, params=None, status=200, *, editor=False):
    answer = fetch(site, url, params, editor=editor)
    assert answer.status == status, f"{answer.where} answered {answer.status}, not {status}"
    return answer


def assert_shows(answer, *texts):
    for text in texts:
        assert text in answer.text, f"{answer.where} does not show the live {text!r}"


def twin(site, kind, language="en"):
    return site.twins[language][kind]


def shown(site, secret, kinds, default):
    """The live page this surface must show: the twin of the secret's kind when the
    surface lists that kind, else the twin of `default`, in the secret's language."""
    kind = secret.kind if secret.kind in kinds else default
    return twin(site, kind, secret.language)


def listing(site, secret, section, kinds, default, suffix=""):
    parent = getattr(getattr(site, secret.language), section)
    answer = read(site, parent.url + suffix)
    assert_shows(answer, shown(site, secret, kinds, default).title)
    return [answer]


def unfolded(answer):
    """iCalendar folds long lines; a title split over two lines is still there."""
    return Answer(answer.where, answer.status, answer.text.replace("\r\n ", ""))


def typed(answer):
    return Answer(answer.where, answer.status, answer.text, answer.location, typed=True)


SURFACES = {}


def surface(name):
    def register(function):
        SURFACES[name] = function
        return function

    return register


@surface("direct-url")
def direct_url(site, secret):
    """The page's (or document's) own address answers 404, a login redirect or the
    password form, never the content; the twin's address shows the twin."""
    answer = fetch(site, secret.url)
    if secret.name.startswith("password"):
        assert answer.status == 200 and 'name="password"' in answer.text, answer.status
    elif secret.name.startswith(("login", "child-of-private", "private-collection")):
        assert answer.status == 302 and FRONTEND_LOGIN in answer.location, answer.status
    else:
        assert answer.status == 404, answer.status
    if secret.is_page:
        control = twin(site, secret.kind, secret.language)
        assert_shows(read(site, control.url), control.title)
    else:
        assert_shows(read(site, site.document.url), "open leaflet")
    return [typed(answer)]


@surface("home")
def home(site, secret):
    return listing(site, secret, "home", ("news", "event", "partner"), "event")


@surface("news-index")
def news_index(site, secret):
    return listing(site, secret, "news", ("news",), "news")


@surface("event-index")
def event_index(site, secret):
    return listing(site, secret, "events", ("event",), "event")


@surface("event-index-past")
def event_index_past(site, secret):
    return listing(site, secret, "events", ("session",), "session", suffix="past/")


@surface("partner-index")
def partner_index(site, secret):
    return listing(site, secret, "partners", ("partner",), "partner")


@surface("lecture-series")
def lecture_series(site, secret):
    """The series page lists its sessions and partners."""
    return listing(site, secret, "series", ("session", "partner"), "session")


@surface("partner-page")
def partner_page(site, secret):
    """A partner's page lists its upcoming events and the news about it."""
    answer = read(site, twin(site, "partner", secret.language).url)
    assert_shows(answer, shown(site, secret, ("news", "event"), "event").title)
    return [answer]


@surface("related-links")
def related_links(site, secret):
    """An article's related events and partners, an event's hosting partners, and any
    other live page linking to the secret (a session naming its series)."""
    article = read(site, twin(site, "news", secret.language).url)
    event = read(site, twin(site, "event", secret.language).url)
    partner = twin(site, "partner", secret.language).title
    assert_shows(article, twin(site, "event", secret.language).title, partner)
    assert_shows(event, partner)
    others = [read(site, url) for url, _title in secret.linked_from]
    for answer, (_url, title) in zip(others, secret.linked_from, strict=True):
        assert_shows(answer, title)
    return [article, event, *others]


def search_results(site, url, query):
    """Only the list of results: the rest of the page repeats the query."""
    answer = read(site, url, {"q": query})
    results = BeautifulSoup(answer.text, "html.parser").select_one(".search-results")
    return Answer(answer.where, answer.status, str(results or ""))


@surface("search")
def search(site, secret):
    url = f"/{secret.language}/search/"
    control = shown(site, secret, KINDS, "news")
    assert_shows(search_results(site, url, control.title), control.title)
    return [search_results(site, url, secret.title)]


@surface("sitemap")
def sitemap(site, secret):
    answer = read(site, "/sitemap.xml")
    assert_shows(answer, shown(site, secret, KINDS, "news").url)
    return [answer]


@surface("hreflang-and-switcher")
def hreflang_and_switcher(site, secret):
    """A live English page announces only live translations; with none in French, the
    switcher leads to the French home page."""
    page = secret.source or twin(site, secret.kind if secret.kind in KINDS else "news")
    answer = read(site, page.url)
    html = BeautifulSoup(answer.text, "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')
    }
    french_choice = html.select_one('[data-language-choice="fr"]')["href"]
    if secret.source is None:
        french = page.get_translation(site.fr.home.locale)
        assert alternates.get("fr", "").endswith(french.url), alternates
        assert french_choice == french.url
    else:
        assert "fr" not in alternates and "en" in alternates, alternates
        assert french_choice == site.fr.home.url
    return [answer]


@surface("api-pages")
def api_pages(site, secret):
    answer = read(site, "/api/v2/pages/", {"limit": 100})
    assert json.loads(answer.text)["meta"]["total_count"] <= 100, "one answer holds them all"
    assert_shows(answer, shown(site, secret, KINDS, "news").title)
    return [answer, read(site, "/api/v2/pages/", {"slug": secret.slug})]


@surface("api-pages-search")
def api_pages_search(site, secret):
    control = twin(site, secret.kind if secret.kind in KINDS else "news")
    assert_shows(read(site, "/api/v2/pages/", {"search": control.title}), control.title)
    return [read(site, "/api/v2/pages/", {"search": secret.title})]


@surface("api-pages-detail")
def api_pages_detail(site, secret):
    control = shown(site, secret, KINDS, "news")
    assert_shows(read(site, f"/api/v2/pages/{control.pk}/"), control.title)
    if not secret.is_page:
        return []
    return [read(site, f"/api/v2/pages/{secret.pk}/", status=404)]


@surface("api-documents")
def api_documents(site, secret):
    answer = read(site, "/api/v2/documents/", {"limit": 100})
    assert_shows(answer, site.document.title)
    answers = [answer, read(site, "/api/v2/documents/", {"search": secret.title})]
    if not secret.is_page:
        answers.append(read(site, f"/api/v2/documents/{secret.pk}/", status=404))
    return answers


@surface("api-images")
def api_images(site, secret):
    answer = read(site, "/api/v2/images/", {"limit": 100})
    assert_shows(answer, site.image.title)
    return [answer]


def event_filters(site, secret):
    """What partners ask for: the language, then past events, a partner, a series."""
    language = {"locale": secret.language}
    return [
        language,
        {**language, "past": "true"},
        {**language, "partner": twin(site, "partner").slug},
        {**language, "series": site.en.series.slug},
    ]


@surface("api-events")
def api_events(site, secret):
    answers = [
        read(site, "/api/v2/events/", {**params, "limit": 100})
        for params in event_filters(site, secret)
    ]
    assert_shows(answers[0], shown(site, secret, ("event", "session"), "event").title)
    assert_shows(answers[3], twin(site, "session", secret.language).title)
    # Filtering by a secret partner or series is refused as if it did not exist.
    if secret.kind in ("partner", "series"):
        answers.append(read(site, "/api/v2/events/", {secret.kind: secret.slug}, 400))
    if secret.name == "child-of-private-session":
        answers.append(read(site, "/api/v2/events/", {"series": site.private_series.slug}, 400))
    return answers


@surface("api-events-detail")
def api_events_detail(site, secret):
    control = shown(site, secret, ("event", "session"), "event")
    assert_shows(read(site, f"/api/v2/events/{control.pk}/"), control.title)
    if not secret.is_page:
        return []
    return [read(site, f"/api/v2/events/{secret.pk}/", status=404)]


@surface("embed")
def embed(site, secret):
    answers = [
        read(site, "/embed/events/", {**params, "limit": 100})
        for params in event_filters(site, secret)
    ]
    assert_shows(answers[0], twin(site, "event", secret.language).title)
    assert_shows(answers[1], twin(site, "session", secret.language).title)
    return answers


@surface("embed-script")
def embed_script(site, secret):
    answer = read(site, "/embed/events.js")
    assert_shows(answer, "data-events-embed")
    return [answer]


@surface("ics-feed")
def ics_feed(site, secret):
    answers = [
        unfolded(read(site, "/feeds/events.ics", params)) for params in event_filters(site, secret)
    ]
    control = shown(site, secret, ("event", "session"), "event")
    assert_shows(answers[0], f"SUMMARY:{control.title}")
    return answers


@surface("ics-event")
def ics_event(site, secret):
    control = shown(site, secret, ("event", "session"), "event")
    assert_shows(unfolded(read(site, f"/feeds/events/{control.pk}.ics")), control.title)
    if not secret.is_page:
        return []
    return [read(site, f"/feeds/events/{secret.pk}.ics", status=404)]


@surface("registration-form")
def registration_form(site, secret):
    """The registration form and its answer page exist only for events readers may see."""
    control = twin(site, "event", secret.language)
    assert_shows(read(site, reverse("register", args=(control.pk,))), control.title)
    if not secret.is_page:
        return []
    return [
        typed(read(site, reverse(name, args=(secret.pk,)), status=404))
        for name in ("register", "registration_sent")
    ]


@surface("news-feed")
def news_feed(site, secret):
    answer = read(site, "/feeds/news.xml", {"locale": secret.language})
    assert_shows(answer, twin(site, "news", secret.language).title)
    return [answer]


def anonymous_admin(site, url):
    answer = fetch(site, url)
    assert answer.status == 302 and answer.location.startswith(ADMIN_LOGIN), answer.where
    return typed(answer)


def in_the_admin(site, secret):
    """Where an editor finds the secret: its parent's page listing, or its collection's
    documents. Showing it there proves the admin's addresses below are the secret's."""
    if secret.is_page:
        url = reverse("wagtailadmin_explore", args=[secret.parent_pk])
        return read(site, url, editor=True)
    return read(
        site, reverse("wagtaildocs:index"), {"collection_id": secret.parent_pk}, editor=True
    )


@surface("admin-dashboard")
def admin_dashboard(site, secret):
    read(site, reverse("wagtailadmin_home"), editor=True)
    return [anonymous_admin(site, reverse("wagtailadmin_home"))]


@surface("admin-explorer")
def admin_explorer(site, secret):
    assert_shows(in_the_admin(site, secret), secret.title)
    if not secret.is_page:
        return [anonymous_admin(site, reverse("wagtaildocs:index"))]
    return [
        anonymous_admin(site, reverse("wagtailadmin_explore", args=[secret.parent_pk])),
        anonymous_admin(site, reverse("wagtailadmin_explore", args=[secret.pk])),
    ]


@surface("admin-edit")
def admin_edit(site, secret):
    assert_shows(in_the_admin(site, secret), secret.title)
    if not secret.is_page:
        return [anonymous_admin(site, reverse("wagtaildocs:edit", args=[secret.pk]))]
    return [anonymous_admin(site, reverse("wagtailadmin_pages:edit", args=[secret.pk]))]


@surface("admin-view-draft")
def admin_view_draft(site, secret):
    assert_shows(in_the_admin(site, secret), secret.title)
    page = secret.pk if secret.is_page else twin(site, "news").pk
    return [anonymous_admin(site, reverse("wagtailadmin_pages:view_draft", args=[page]))]


@surface("admin-preview")
def admin_preview(site, secret):
    assert_shows(in_the_admin(site, secret), secret.title)
    page = secret.pk if secret.is_page else twin(site, "news").pk
    answers = [anonymous_admin(site, reverse("wagtailadmin_pages:preview_on_edit", args=[page]))]
    if secret.revision_id:
        revision = reverse("wagtailadmin_pages:revisions_view", args=[page, secret.revision_id])
        answers.append(anonymous_admin(site, revision))
    return answers


@surface("admin-documents")
def admin_documents(site, secret):
    assert_shows(read(site, reverse("wagtaildocs:index"), editor=True), site.document.title)
    answers = [anonymous_admin(site, reverse("wagtaildocs:index"))]
    if not secret.is_page:
        answers.append(anonymous_admin(site, reverse("wagtaildocs:edit", args=[secret.pk])))
    return answers


# The matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("secret", SECRETS)
def test_a_secret_never_shows(site, secret, surface):
    secret = site.secrets[secret]
    for answer in SURFACES[surface](site, secret):
        markers = secret.content if answer.typed else (*secret.content, *secret.address)
        for marker in markers:
            assert marker not in answer.text, f"{secret.name} shows through {answer.where}"


# A join address for registrants only ----------------------------------------------------

JOIN_MOMENTS = {
    "days-before": -datetime.timedelta(days=3),
    "minutes-before": -datetime.timedelta(minutes=10),  # on the registrants' own page now
    "running": datetime.timedelta(minutes=30),
}


def join_link_surfaces(site):
    """(where, url, params, what it must show) for every public surface of the session."""
    en, fr, series = site.webinar, site.webinar_fr, site.en.series
    listed = {"locale": "en", "limit": 100}
    return [
        ("event page", en.url, {}, en.title),
        ("event page in French", fr.url, {}, fr.title),
        ("structured data", en.url, {}, "VirtualLocation"),
        ("events index", site.en.events.url, {}, en.title),
        ("events index in French", site.fr.events.url, {}, fr.title),
        ("home", site.en.home.url, {}, site.en.events.url),
        ("home in French", site.fr.home.url, {}, site.fr.events.url),
        ("lecture series", series.url, {}, en.title),
        ("lecture series in French", site.fr.series.url, {}, fr.title),
        ("search", "/en/search/", {"q": en.title}, en.title),
        ("search in French", "/fr/search/", {"q": fr.title}, fr.title),
        ("sitemap", "/sitemap.xml", {}, en.url),
        ("api pages", "/api/v2/pages/", {"search": en.title}, en.title),
        ("api page", f"/api/v2/pages/{en.pk}/", {}, en.title),
        ("api events", "/api/v2/events/", listed, en.title),
        (
            "api events of the series",
            "/api/v2/events/",
            {**listed, "series": series.slug},
            en.title,
        ),
        ("api event", f"/api/v2/events/{en.pk}/", {}, en.title),
        ("api event in French", f"/api/v2/events/{fr.pk}/", {}, fr.title),
        ("embed", "/embed/events/", {**listed, "series": series.slug}, en.title),
        ("calendar feed", "/feeds/events.ics", {"series": series.slug}, en.title),
        ("calendar feed in French", "/feeds/events.ics", {"locale": "fr"}, fr.title),
        ("calendar file", f"/feeds/events/{en.pk}.ics", {}, en.title),
        ("news feed", "/feeds/news.xml", {"locale": "en"}, twin(site, "news").title),
        ("registration form", reverse("register", args=(en.pk,)), {}, en.title),
    ]


def read_at(moment, url, params=None):
    """The answer at `url` at `moment`, to a reader who is not signed in."""
    with time_machine.travel(moment, tick=False):
        response = Client().get(url, params or {})
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode().replace("\r\n ", "")  # unfolded, for iCalendar


@pytest.mark.parametrize("moment", JOIN_MOMENTS)
def test_a_join_address_for_registrants_only_never_shows(site, moment):
    at = site.webinar.start + JOIN_MOMENTS[moment]
    for where, url, params, shown in join_link_surfaces(site):
        text = read_at(at, url, params)
        assert shown in text, f"{where} ({url}) does not show {shown!r}"
        assert JOIN_FOR_REGISTRANTS not in text, f"the join address shows through {where}"

    # Where it does show: the public address on its event's page, and the registrants'
    # own page once its time has come.
    assert JOIN_FOR_EVERYONE in read_at(at, site.open_webinar.url)
    own_page = read_at(at, reverse("registration", args=(site.registrant.token,)))
    assert (JOIN_FOR_REGISTRANTS in own_page) == (moment != "days-before")
