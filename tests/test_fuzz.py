"""Hostile input at every public and machine endpoint: the answer is a 2xx, 3xx or 4xx
(never a 500 or an escaped exception), nothing is reflected unescaped into HTML, and a GET
never changes the database."""

import datetime
import hashlib
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg2 import sql
from wagtail_factories import DocumentFactory

from core.factories import ImageFactory, TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from events.params import EmbedParams, EventParams
from news.factories import NewsPageFactory
from operations.health import PROBES
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def fuzz(examples):
    """Reproducible runs (a fixed seed, no example database left on disk) within the
    budget of the whole file, about a minute on two cores."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )


# Values ---------------------------------------------------------------------------------

XSS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</style><script>alert(1)</script>",
)
HOSTILE = (
    *XSS,
    "",
    " ",
    "\t\n ",
    "0",
    "-1",
    "-0",
    "+1",
    "1.5",
    "1e3",
    "0x10",
    "NaN",
    "Infinity",
    str(10**30),
    str(-(10**30)),
    "9" * 400,
    "' OR 1=1 --",
    "1;DROP TABLE wagtailcore_page",
    "1' UNION SELECT password FROM auth_user --",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\r\nSet-Cookie: x=1",
    "\u202eevil",
    "\u200f",
    "e\u0301\u0301\u0301",
    "𝕳𝖊𝖑𝖑𝖔",
    "😀",
    "中文",
    "عربى",
    "²",
    "١٢",
    "Ⅻ",
    "½",
    "\ufeff1",
    "true",
    "TRUE",
    "yes",
    "null",
    "None",
    "[]",
    "{}",
    "*",
    "-",
    ",",
    ",,",
    "id,",
    "-id",
    "?",
    "#",
    "&",
    "=",
    "%",
    "%ED%A0%80",
)
LONG = st.builds(
    lambda char, count: char * count,
    st.sampled_from(["a", "é", "𝕏", "<", "%", "/", "1", "-"]),
    st.sampled_from([300, 2_000, 10_000]),
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
HOSTILE_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    TEXT,
    st.integers().map(str),
    st.floats().map(str),
    LONG,
)
HOSTILE_NAMES = st.one_of(
    st.sampled_from(
        ["", " ", "limit[]", "LIMIT", "Locale", "locale ", "__proto__", "a" * 5000, "\x00", *XSS]
    ),
    st.text(st.characters(codec="utf-8"), max_size=15),
)
# Bytes that are not UTF-8, or not a percent escape at all, straight into the query string.
RAW_VALUES = ("%ED%A0%80", "%FF%FE", "%C0%AF", "%00", "%", "%zz", "%E2%80%AE", "%2F..%2F")
RAW_QUERIES = (
    "&&&",
    "=&=",
    ";;",
    "%FF=1",
    "a=1&" * 1_500,  # more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
)
LOCALES = ("en", "fr", "ar", "zh-hans", "nl", "EN", "Fr", "de", "xx", "zh", "zh-Hans")


def queries(names, valid=()):
    """A query string: known and unknown names, valid and hostile values, repeated names,
    one hostile value among valid ones (to get past the first check), and raw bytes that
    are not UTF-8."""
    name = st.one_of(st.sampled_from(names), HOSTILE_NAMES) if names else HOSTILE_NAMES
    value = st.one_of(st.sampled_from(valid), HOSTILE_VALUES) if valid else HOSTILE_VALUES
    given_once_or_more = st.one_of(value, st.lists(value, min_size=2, max_size=3))
    as_dict = st.dictionaries(name, given_once_or_more, max_size=4)
    valid_ones = (
        st.dictionaries(st.sampled_from(names), st.sampled_from(valid), max_size=3)
        if names and valid
        else st.just({})
    )
    one_hostile = st.builds(
        lambda base, name, value: {**base, name: value},
        valid_ones,
        name,
        st.one_of(HOSTILE_VALUES, st.lists(HOSTILE_VALUES, min_size=2, max_size=3)),
    )
    raw = st.one_of(
        st.sampled_from(RAW_QUERIES),
        st.builds(
            lambda name, value: f"{quote(name)}={value}",
            st.sampled_from(names or ("x",)),
            st.sampled_from(RAW_VALUES),
        ),
    )
    return st.one_of(as_dict, one_hostile, raw)


def query_string(query):
    return query if isinstance(query, str) else urlencode(query, doseq=True)


# Hosts Django refuses whatever ALLOWED_HOSTS says: each must be a 400.
INVALID_HOSTS = (
    "",
    "bad host",
    "bad/host",
    "exa<mple>.org",
    "[::1",
    "example.org:port",
    "example.org:80:80",
    "évil.example",
    "evil.example\x00",
    "example.org:",
    "@evil.example",
)
# Headers: what a WSGI server hands over is Latin-1, so that is the alphabet here.
LATIN1 = st.text(st.characters(max_codepoint=255, exclude_categories=["Cs"]), max_size=60)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(
            st.sampled_from(
                [
                    "",
                    "*",
                    "ar",
                    "fr-CH, fr;q=0.9, en;q=0.8",
                    "zh-Hans-CN",
                    "en;q=abc",
                    "xx-yy-zz-" * 100,
                    ";q=1,,,,;",
                    "de;q=1.0e9999",
                ]
            ),
            LATIN1,
        ),
        "HTTP_IF_NONE_MATCH": st.one_of(
            st.sampled_from(['"', "*", 'W/"x"', '"a", "b"', "W/", '"' * 500]), LATIN1
        ),
        "HTTP_IF_MODIFIED_SINCE": st.one_of(
            st.sampled_from(["Thu, 01 Jan 1970 00:00:00 GMT", "yesterday", "-1"]), LATIN1
        ),
        "HTTP_COOKIE": st.one_of(
            st.sampled_from(["sessionid=x", "sessionid=;", "csrftoken=\x00", "=;=;", "a" * 4000]),
            LATIN1,
        ),
        "HTTP_X_FORWARDED_PROTO": st.sampled_from(["https", "http", "gopher", ""]),
        "HTTP_HOST": st.one_of(
            st.sampled_from(["localhost", "LOCALHOST", "example.org:8000", "[::1]:80"]),
            st.sampled_from(INVALID_HOSTS),
            LATIN1,
        ),
    },
)


# The data the endpoints list ------------------------------------------------------------


@pytest.fixture
def world(site_tree, locales, settings):
    """A little of everything: partners, a series, upcoming and past events, news with a
    topic, an image, a document, and the home and index pages in French as well."""
    settings.PAGINATE_BY = 2
    now = timezone.now()
    topic = TopicFactory(slug="vaccines", name="Vaccines")
    partner = PartnerPageFactory(parent=site_tree.partners, slug="makerere", country="UG")
    PartnerPageFactory(parent=site_tree.partners, slug="leiden", country="NL")
    series = LectureSeriesPageFactory(parent=site_tree.events, slug="immunology-week")
    hour = datetime.timedelta(hours=1)
    day = datetime.timedelta(days=1)
    upcoming = EventPageFactory(
        parent=site_tree.events, slug="kampala-workshop", start=now + day, end=now + day + hour
    )
    EventHostPartner.objects.create(page=upcoming, partner=partner)
    online = EventPageFactory(
        parent=series,
        slug="webinar",
        start=now + 2 * day,
        end=now + 2 * day + hour,
        format="online",
        online_url="https://meet.example.org/w",
    )
    online.topics.add(topic)
    online.save()
    past = [
        EventPageFactory(
            parent=site_tree.events,
            slug=f"past-{days_ago}",
            start=now - days_ago * day,
            end=now - days_ago * day + hour,
        )
        for days_ago in (10, 20, 30)
    ]
    news = [NewsPageFactory(parent=site_tree.news, slug=f"news-{n}") for n in range(3)]
    news[0].topics.add(topic)
    news[0].save()
    for page in (site_tree.home, site_tree.news, site_tree.events, site_tree.partners):
        page.copy_for_translation(locales["fr"]).save_revision().publish()
    return SimpleNamespace(
        pks={
            "home": site_tree.home.pk,
            "event": upcoming.pk,
            "past_event": past[0].pk,
            "series": series.pk,
            "news": news[0].pk,
            "partner": partner.pk,
            "image": ImageFactory().pk,
            "document": DocumentFactory().pk,
        }
    )


# The database stays as it was -----------------------------------------------------------

WATCHED_TABLES = (
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
    "wagtailcore_referenceindex",
    "wagtailcore_site",
    "wagtailcore_locale",
    "wagtailredirects_redirect",
    "core_topic",
    "core_person",
    "core_customimage",
    "wagtaildocs_document",
    "events_eventpage",
    "events_lectureseriespage",
    "events_eventhostpartner",
    "news_newspage",
    "partners_partnerpage",
    "auth_user",
    "django_session",
    "django_tasks_database_dbtaskresult",
    "wagtailsearch_indexentry",
    "wagtailsearchpromotions_query",
    "wagtailsearchpromotions_querydailyhits",
)
# Renditions are a cache of resized images that any reader's visit may fill.
NOT_CONTENT = {"core_customrendition", "wagtailimages_rendition"}


def row_counts():
    """Rows of the main tables, in one query (cheap enough after every request)."""
    counts = sql.SQL(", ").join(
        sql.SQL("(SELECT count(*) FROM {})").format(sql.Identifier(table))
        for table in WATCHED_TABLES
    )
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("SELECT {}").format(counts))
        return dict(zip(WATCHED_TABLES, cursor.fetchone(), strict=True))


DIGEST = sql.SQL(
    "SELECT count(*), coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '') FROM {} t"
)


def table_digests():
    """A digest of every row of every table (order-independent), to compare before and
    after a whole run."""
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names()) - NOT_CONTENT):
            cursor.execute(DIGEST.format(sql.Identifier(table)))
            count, rows = cursor.fetchone()
            digests[table] = (count, hashlib.sha256(rows.encode()).hexdigest())
    return digests


@pytest.fixture
def unchanged_database(world):
    """The row counts of the main tables, which every request leaves as they are; after
    the whole run, every row of every table is compared."""
    before = table_digests()
    yield row_counts()
    after = table_digests()
    changed = sorted(
        table for table in before.keys() | after.keys() if before.get(table) != after.get(table)
    )
    assert not changed, f"GET requests changed these tables: {changed}"


@pytest.fixture
def fuzz_client():
    """An exception in a view fails the test with its traceback."""
    return Client(raise_request_exception=True)


# Requests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    path: str
    query: object = ""  # a dict for the test client, or a raw query string
    headers: dict = field(default_factory=dict)
    machine: bool = False

    def with_headers(self, headers):
        return Call(self.path, self.query, headers, self.machine)

    def url(self, pks):
        """The URL, with `{event}` and the like (in the path or query) made real ids."""
        query = query_string(self.query)
        url = f"{self.path}?{query}" if query else self.path
        for name, pk in pks.items():
            placeholder = "{" + name + "}"
            url = url.replace(placeholder, str(pk)).replace(quote(placeholder), str(pk))
        return url

    def values(self):
        if isinstance(self.query, str):
            return [self.query]
        found = []
        for name, value in self.query.items():
            found.append(name)
            found.extend(value if isinstance(value, list) else [value])
        return found


def answer(client, call, pks, counts):
    """GET the call and check what holds for every answer."""
    url = call.url(pks)
    response = client.get(url, **call.headers)
    status = response.status_code
    assert 200 <= status < 500, f"GET {url[:300]!r} answered {status}"
    # The probes answer whatever Host an orchestrator sends (operations.health).
    if call.headers.get("HTTP_HOST") in INVALID_HOSTS and call.path not in PROBES:
        assert status == 400, f"GET {url[:300]!r} for an invalid Host answered {status}"
    assert row_counts() == counts, f"GET {url[:300]!r} changed the database"
    content_type = response.get("Content-Type", "")
    body = b"" if getattr(response, "streaming", False) else response.content
    if content_type.startswith("text/html"):
        for value in call.values():
            for payload in XSS:
                if payload in str(value):
                    assert payload.encode() not in body, f"GET {url[:300]!r} reflects {payload}"
    if call.machine and status == 400:
        assert body.strip(), f"GET {url[:300]!r} answered 400 without saying why"
    return response


# Machine endpoints ----------------------------------------------------------------------

EVENT_FILTERS = tuple(EventParams.base_fields)
EVENT_VALUES = (
    *LOCALES,
    "makerere",
    "immunology-week",
    "vaccines",
    "online",
    "hybrid",
    "in_person",
    "true",
    "false",
    "1",
    "0",
    "20",
    "100",
    "1000",
    "100000",
    "2030-03-20",
    "2030-03-20T12:00:00Z",
    "2030-02-30",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00-14:00",
)
PAGES_API = (
    "type",
    "fields",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "locale",
    "translation_of",
    "search",
    "search_operator",
    "order",
    "limit",
    "offset",
    "slug",
    "title",
    "id",
    "show_in_menus",
    "has_children",
    "html_path",
)
PAGES_API_VALUES = (
    *LOCALES,
    "news.NewsPage",
    "events.EventPage",
    "wagtailcore.Page",
    "core.Topic",
    "news.NewsPage,events.EventPage",
    "*",
    "_",
    "title,summary",
    "-title",
    "*,-title",
    "parent(*)",
    "title(x)",
    "random",
    "-id",
    "and",
    "or",
    "{home}",
    "{news}",
    "/",
    "/news/",
    "/en/news/",
)
MEDIA_API = ("fields", "order", "search", "limit", "offset", "id", "title", "tags", "collection")
EMBED = tuple(EmbedParams.base_fields)
EMBED_VALUES = (
    *EVENT_VALUES,
    "light",
    "dark",
    "compact",
    "full",
    "_blank",
    "_top",
    "0b6e69",
    "#abc",
    "#abcd",
    "frame-1",
    "red;}body{display:none",
)
PK = st.one_of(
    st.sampled_from(["{event}", "{past_event}", "{series}", "{news}", "{home}", "{partner}"]),
    st.sampled_from(["{image}", "{document}"]),
    st.integers(min_value=0, max_value=10**30).map(str),
)
EVERY_PARAMETER = ("page", "q", "v", "format", "locale")

MACHINE_CALLS = st.one_of(
    st.builds(
        Call,
        st.just("/api/v2/events/"),
        queries((*EVENT_FILTERS, "fields", "order", "search", "type"), EVENT_VALUES),
    ),
    st.builds(Call, st.builds("/api/v2/events/{}/".format, PK), queries(("fields",), ("*",))),
    st.builds(Call, st.just("/api/v2/pages/"), queries(PAGES_API, PAGES_API_VALUES)),
    st.builds(
        Call,
        st.builds("/api/v2/pages/{}/".format, PK),
        queries(("fields", "locale"), PAGES_API_VALUES),
    ),
    st.builds(
        Call,
        st.just("/api/v2/pages/find/"),
        queries(("html_path", "id", "locale"), PAGES_API_VALUES),
    ),
    st.builds(
        Call,
        st.sampled_from(["/api/v2/images/", "/api/v2/documents/"]),
        queries(MEDIA_API, ("title", "-title", "id,title", "5", "*")),
    ),
    st.builds(
        Call,
        st.builds("/api/v2/{}/{}/".format, st.sampled_from(["images", "documents"]), PK),
        queries(("fields",), ("*", "title")),
    ),
    st.builds(
        Call,
        st.builds("/api/v2/{}/find/".format, st.sampled_from(["images", "documents"])),
        queries(("id", "title"), ("{image}", "{document}")),
    ),
    st.builds(Call, st.just("/embed/events/"), queries(EMBED, EMBED_VALUES)),
    st.builds(Call, st.just("/embed/events.js"), queries(("v",), ())),
    st.builds(Call, st.just("/feeds/events.ics"), queries(EVENT_FILTERS, EVENT_VALUES)),
    st.builds(Call, st.builds("/feeds/events/{}.ics".format, PK), queries(("locale",), LOCALES)),
    st.builds(Call, st.just("/feeds/news.xml"), queries(("locale",), LOCALES)),
    st.builds(
        Call,
        st.sampled_from(
            ["/sitemap.xml", "/robots.txt", "/manifest.webmanifest", "/healthz", "/readyz"]
        ),
        queries(EVERY_PARAMETER),
    ),
).map(lambda call: Call(call.path, call.query, machine=True))


@fuzz(300)
@given(call=MACHINE_CALLS, headers=HEADERS)
def test_machine_endpoints_answer_hostile_queries_with_4xx(
    fuzz_client, world, unchanged_database, call, headers
):
    answer(fuzz_client, call.with_headers(headers), world.pks, unchanged_database)


# Pages ----------------------------------------------------------------------------------

LANGUAGE = st.sampled_from(["en", "fr"])
PAGE_FILTERS = (
    "page",
    "topic",
    "series",
    "partner",
    "format",
    "country",
    "kind",
    "q",
    "type",
    "locale",
)
PAGE_VALUES = (
    "1",
    "2",
    "3",
    "last",
    "vaccines",
    "makerere",
    "immunology-week",
    "online",
    "UG",
    "NL",
    "university",
    "news",
)
PAGE_PATHS = (
    "/{}/",
    "/{}/news/",
    "/{}/news/news-0/",
    "/{}/events/",
    "/{}/events/past/",
    "/{}/events/kampala-workshop/",
    "/{}/events/immunology-week/",
    "/{}/partners/",
    "/{}/partners/makerere/",
    "/{}/search/",
    "/",
)
PAGE_CALLS = st.builds(
    Call,
    st.builds(str.format, st.sampled_from(PAGE_PATHS), LANGUAGE),
    queries(PAGE_FILTERS, PAGE_VALUES),
)


@fuzz(150)
@given(call=PAGE_CALLS, headers=HEADERS)
def test_pages_and_search_answer_hostile_queries_with_4xx(
    fuzz_client, world, unchanged_database, call, headers
):
    answer(fuzz_client, call.with_headers(headers), world.pks, unchanged_database)


# Paths ----------------------------------------------------------------------------------

SEGMENTS = st.one_of(
    st.sampled_from(
        [
            "..",
            ".",
            "%2e%2e",
            "%2F",
            "%2f..%2f",
            "%00",
            "%ED%A0%80",
            "%FF",
            "%",
            "\u202eevil",
            "e\u0301",
            "𝕏",
            "😀",
            "中文",
            "a" * 5_000,
            "-" * 300,
            "news",
            "events",
            "past",
            "partners",
            "search",
            "makerere",
            "news-0",
            "api",
            "v2",
            "pages",
            "find",
            "feeds",
            "embed",
            "documents",
            "admin",
            "{event}",
            "{event}.ics",
            "{document}",
            "sitemap.xml",
            "999999999999999999999999999999",
            "-1",
            "<script>",
            "{{7*7}}",
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_characters="?#"), max_size=20),
    st.text(st.characters(codec="utf-8"), max_size=20).map(lambda text: quote(text, safe="")),
)
PREFIXES = st.sampled_from(["", "/en", "/fr", "/ar", "/zh-hans", "/EN", "/de", "/xx", "/en-us"])
PATHS = st.builds(
    lambda prefix, segments, slash: prefix + "/" + "/".join(segments) + slash,
    PREFIXES,
    st.lists(SEGMENTS, max_size=4),
    st.sampled_from(["/", ""]),
)


@fuzz(150)
@given(path=PATHS, query=queries(("page", "q")), headers=HEADERS)
def test_random_paths_answer_with_4xx_at_worst(
    fuzz_client, world, unchanged_database, path, query, headers
):
    answer(fuzz_client, Call(path, query, headers), world.pks, unchanged_database)


# Every parameter, every sample ----------------------------------------------------------

# Where random draws would rarely land: each known parameter alone, with each of the
# samples that have broken parsers.
SWEEP = {
    # One parameter of each parser: the others share its code.
    "/api/v2/events/": (
        "locale",
        "partner",
        "topic",
        "format",
        "upcoming",
        "start_after",
        "limit",
        "offset",
    ),
    "/embed/events/": ("theme", "accent", "frame"),
    "/feeds/news.xml": ("locale",),
    "/api/v2/pages/": (
        "type",
        "fields",
        "child_of",
        "locale",
        "translation_of",
        "search",
        "search_operator",
        "order",
        "limit",
        "offset",
        "slug",
        "id",
    ),
    "/api/v2/pages/find/": ("html_path", "id"),
    "/api/v2/images/": ("fields", "search", "id", "tags"),
    "/en/search/": ("q", "page"),
}
SWEEP_SAMPLES = (
    "",
    " ",
    "-1",
    "1.5",
    "²",
    "١٢",
    str(10**30),
    "1" * 5_000,
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    XSS[0],
    "{{7*7}}",
    "../../../../etc/passwd",
    "%ED%A0%80",
    "\u202eevil",
    "😀",
    ",",
    "*",
    "-id",
)


def test_every_parameter_answers_every_hostile_sample_with_4xx(
    fuzz_client, world, unchanged_database
):
    for path, names in SWEEP.items():
        for name in names:
            for value in SWEEP_SAMPLES:
                call = Call(path, {name: value}, machine=not path.startswith("/en/"))
                answer(fuzz_client, call, world.pks, unchanged_database)


# Host -----------------------------------------------------------------------------------


def test_an_invalid_host_is_a_400_even_for_a_cached_page(client, site_tree):
    for path in ("/en/", "/en/news/", "/api/v2/events/", "/embed/events/", "/feeds/news.xml"):
        assert client.get(path).status_code == 200  # now in the caches, for a valid Host
        for host in INVALID_HOSTS:
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 400, f"Host {host!r} at {path}: {response.status_code}"


# Reflected values -----------------------------------------------------------------------

REFLECTING = (
    "/en/search/?q={}",
    "/en/search/?q=x&page={}",
    "/en/search/?q=x&{}=1",
    "/en/news/?topic={}",
    "/en/news/?{}=1&page=2",
    "/en/events/?series={}&partner={}&format={}&topic={}",
    "/en/events/past/?page={}",
    "/en/partners/?country={}&kind={}",
    "/embed/events/?frame={}",
    "/embed/events/?accent={}",
    "/embed/events/?{}=1",
    "/feeds/news.xml?{}=1",
    "/feeds/news.xml?locale={}",
    "/feeds/events.ics?{}=1",
    "/api/v2/events/?{}=1",
    "/api/v2/pages/?{}=1",
)


def test_reflected_values_are_escaped(client, site_tree):
    """Whatever echoes a parameter escapes it in HTML, or answers in a type no browser
    renders as HTML."""
    for path in REFLECTING:
        for payload in XSS:
            url = path.replace("{}", quote(payload, safe=""))
            response = client.get(url)
            assert response.status_code < 500, url
            if response["Content-Type"].startswith("text/html"):
                assert payload.encode() not in response.content, f"{url} reflects {payload}"
            else:
                assert response["X-Content-Type-Options"] == "nosniff", url


def test_the_embed_accent_and_frame_cannot_inject_css_or_html(client, site_tree):
    """A partner's colour and frame id reach the page only as checked values."""
    for accent in ("red", "0b6e69;}body{display:none", "#0b6e69</style>", "url(x)", "#12345"):
        response = client.get("/embed/events/", {"accent": accent})
        assert response.status_code == 400, accent
        assert response["Content-Type"].startswith("text/plain")
    for frame in ('x"><script>', "a b", "x" * 41, "a'b", "a\nb"):
        response = client.get("/embed/events/", {"frame": frame})
        assert response.status_code == 400, frame
    response = client.get("/embed/events/", {"accent": "0b6e69", "frame": "partner-1"})
    assert response.status_code == 200
    assert b"#0b6e69" in response.content
