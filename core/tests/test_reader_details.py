"""What a reader sees in their own language: dates in its pattern, mixed-direction text
isolated, no label said twice, and times that name their zone."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import dates, translation
from django.utils.formats import date_format
from wagtail.models import Site

from core.factories import PersonFactory
from core.models import SiteSettings
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner, EventSpeaker, SessionMaterial
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
ADDRESS = "Albinusdreef 2\n2333 ZA Leiden\nالطابق 3"


@pytest.fixture
def reader_site(site_tree, settings, tmp_path):
    """One page of every type, with dates, people, places and materials in English."""
    settings.MEDIA_ROOT = tmp_path
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"organisation_name": "LUMC Global", "postal_address": ADDRESS},
    )
    partner = PartnerPageFactory(parent=site_tree.partners, title="3i Health Institute")
    series = LectureSeriesPageFactory(parent=site_tree.events, title="Immunology 2026")
    start = datetime.datetime(2026, 12, 7, 13, tzinfo=datetime.UTC)
    event = EventPageFactory(
        parent=series,
        title="Innate immunity",
        start=start,
        end=start + datetime.timedelta(hours=2),
        format="hybrid",
        online_url="https://meet.example.org/x",
        venue_name="LUMC, lecture hall 1",
        venue_address="Albinusdreef 2\n2333 ZA Leiden",
        registration_url="https://example.org/register",
        registration_deadline=datetime.datetime(2026, 12, 6, 22, 59, tzinfo=datetime.UTC),
    )
    EventHostPartner.objects.create(page=event, partner=partner)
    EventSpeaker.objects.create(
        page=event,
        person=PersonFactory(
            name="Anna de Vries", role="Professor", institution="1st Faculty of Medicine"
        ),
    )
    past = EventPageFactory(
        parent=series,
        title="Chemistry",
        start=start - datetime.timedelta(days=30),
        end=start - datetime.timedelta(days=30, hours=-1),
        format="online",
        online_url="https://meet.example.org/y",
    )
    article = NewsPageFactory(
        parent=site_tree.news, title="Fellows arrive", publication_date=datetime.date(2026, 11, 20)
    )
    return {
        "home": site_tree.home,
        "news index": site_tree.news,
        "article": article,
        "events index": site_tree.events,
        "series": series,
        "event": event,
        "past event": past,
        "partners index": site_tree.partners,
        "partner": partner,
    }


def in_language(pages, locale):
    """Each page translated into `locale` (titles kept, as a first translation leaves them)
    and published, parents first."""
    copies = {}
    for name, page in pages.items():
        copy = page.specific.copy_for_translation(locale, copy_parents=True)
        copy.save_revision().publish()
        copies[name] = copy
    return copies


def soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, response.content[:300]
    return BeautifulSoup(response.content, "html.parser")


def visible_text(html):
    for hidden in html.select("script, style, .visually-hidden"):
        hidden.decompose()
    return html.body.get_text(" ", strip=True)


def month_first(language):
    """A month name of `language` (or English) followed by the day: 'ديسمبر 6, 2026'."""
    names = set()
    for code in (language, "en"):
        with translation.override(code):
            for table in (dates.MONTHS, dates.MONTHS_3, dates.MONTHS_AP, dates.MONTHS_ALT):
                names |= {str(name) for name in table.values()}
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:{pattern})\.? \d{{1,2}}\b", re.IGNORECASE)


def locale_renderings(value, language):
    """How `language` writes a <time datetime> value with its own formats."""
    moment = (
        datetime.datetime.fromisoformat(value)
        if "T" in value
        else datetime.date.fromisoformat(value)
    )
    with translation.override(language):
        names = ("DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT")
        if isinstance(moment, datetime.date) and not isinstance(moment, datetime.datetime):
            names = ("DATE_FORMAT",)
        return {date_format(moment, name) for name in names}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "es", "id"])
def test_every_date_on_every_page_type_is_in_the_languages_own_pattern(
    client, reader_site, locales, language
):
    """Every <time> says its moment the way the language's formats do (Arabic: '6 ديسمبر،
    2026، 11:59 م', not 'ديسمبر 6, 2026'), and no month-first date appears anywhere."""
    pages = in_language(reader_site, locales[language])
    pattern = month_first(language)
    seen = 0
    for name, page in pages.items():
        html = soup(client, page)
        for element in html.select("main time[datetime], footer time[datetime]"):
            text = element.get_text(strip=True)
            assert text in locale_renderings(element["datetime"], language), (name, text)
            seen += 1
        text = visible_text(html)
        assert not pattern.search(text), (name, pattern.search(text).group(0))
    assert seen >= 8


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Registration closes 6 December 2026, 23:59 (CET, UTC+1)"),
        ("ar", "6 ديسمبر، 2026، 11:59\u00a0م (CET, UTC+1)"),
        ("zh-hans", "2026年12月6日 23:59 (CET, UTC+1)"),
    ],
)
def test_registration_deadline_is_dated_in_the_language_and_names_its_zone(
    client, reader_site, locales, language, expected
):
    page = reader_site["event"]
    if language != "en":
        page = in_language({"event": page}, locales[language])["event"]
    deadline = soup(client, page).select_one(".register__deadline")
    assert expected in deadline.get_text(" ", strip=True).replace("( ", "(").replace(" )", ")")
    assert deadline.select_one("time")["datetime"] == "2026-12-06T23:59:00+01:00"


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "7 December 2026, 14:00–15:30"),
        ("es", "7 de diciembre de 2026, de 14:00 a 15:30"),
        ("pt", "7 de Dezembro de 2026, das 14:00 às 15:30"),
        ("fr", "7 décembre 2026 de 14:00 à 15:30"),
        ("zh-hans", "2026年12月7日 14:00–15:30"),
        ("ar", "7 ديسمبر، 2026، 2:00\u00a0م–3:30\u00a0م"),
    ],
)
def test_an_events_times_on_one_day_read_as_the_language_writes_a_range(
    client, site_tree, locales, language, expected
):
    """Not "a las 14:00–15:30": the range is the language's own, its times kept on one
    line, and "م" never parted from its time."""
    start = datetime.datetime(2026, 12, 7, 13, tzinfo=datetime.UTC)
    event = EventPageFactory(
        parent=site_tree.events,
        start=start,
        end=start + datetime.timedelta(minutes=90),
        time_zone="Europe/Amsterdam",
    )
    if language != "en":
        event = in_language({"event": event}, locales[language])["event"]
    when = soup(client, event).select_one(".facts .event-when")
    times = re.sub(r"[ \n]+", " ", when.get_text()).strip()
    assert times.startswith(expected), times
    assert (
        expected.split(",")[-1].strip().split("–")[0].split(" ")[-1]
        in when.select_one(".nowrap").get_text()
    )
    start_time = when.select_one("time[data-local-time]")
    assert start_time["datetime"] == "2026-12-07T14:00:00+01:00"


@time_machine.travel(NOW, tick=False)
def test_a_zone_without_a_name_of_its_own_is_given_once(client, site_tree):
    """Asia/Dubai's abbreviation is '+04': the time says 'UTC+4', not '+04, UTC+4'."""
    event = EventPageFactory(parent=site_tree.events, time_zone="Asia/Dubai")
    html = soup(client, event)
    assert html.select_one(".facts .tz").get_text(strip=True) == "UTC+4"


ISOLATED = ("bdi", "time")


def unisolated_latin(html):
    """Latin-script values in an Arabic page that are neither in a <bdi> nor under an
    element with its own `dir`: the bidi algorithm may reorder them ('ZA Leiden 2333')."""
    found = []
    # Editors' rich text is theirs to write; a <select>'s options are drawn by the browser;
    # the embed codes section is code for partners' sites, tested with the embedding.
    skipped = "script, style, .visually-hidden, .block-text, pre, select, .embed-codes"
    for hidden in html.select(skipped):
        hidden.decompose()
    # Interface sentences may hold a Latin word ("إطار iframe بسيط"): translators wrote them.
    for node in html.body.find_all(
        string=re.compile(r"^[^\u0600-\u06ff]*[A-Za-z][^\u0600-\u06ff]*$")
    ):
        ancestors = [node.parent, *node.parent.parents]
        if any(a.name in ISOLATED or a.has_attr("dir") and a.name != "html" for a in ancestors):
            continue
        found.append(node.strip())
    return found


@time_machine.travel(NOW, tick=False)
def test_latin_script_on_arabic_pages_is_isolated_from_the_arabic_around_it(
    client, reader_site, locales
):
    """Addresses, postcodes, names, institutions, titles left in English, zones and
    addresses of files print inside <bdi> or an element with its own direction."""
    pages = in_language(reader_site, locales["ar"])
    for name, page in pages.items():
        html = soup(client, page)
        assert html.find("html")["dir"] == "rtl"
        assert unisolated_latin(html) == [], name


@time_machine.travel(NOW, tick=False)
def test_footer_address_prints_each_line_isolated(client, reader_site, locales):
    html = soup(client, in_language({"home": reader_site["home"]}, locales["ar"])["home"])
    lines = [b.get_text() for b in html.select("footer address bdi")]
    assert lines[:3] == ["Albinusdreef 2", "2333 ZA Leiden", "الطابق 3"]


# Titles that already carry their kind, in several languages, and one that does not.
MATERIALS = [
    ("slides", "Slides: innate immunity"),
    ("recording", "Recording of session 1"),
    ("recording", "Enregistrement de la séance 2"),
    ("slides", "幻灯片：先天免疫"),
    ("recording", "تسجيل المحاضرة الثالثة"),
    ("other", "Reading list"),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "ar", "fr", "zh-hans"])
def test_materials_do_not_repeat_their_kind(client, reader_site, locales, language):
    """'Slides: Slides: …' and 'تسجيل: Recording of …' are said once; a title that does
    not name its kind still gets the label."""
    past = reader_site["past event"]
    for order, (kind, title) in enumerate(MATERIALS):
        SessionMaterial.objects.create(
            page=past, kind=kind, title=title, url="https://example.org/m", sort_order=order
        )
    pages = {"series": reader_site["series"], "past event": past}
    if language != "en":
        pages = in_language(pages, locales[language])
    with translation.override(language):
        other = str(SessionMaterial.Kind.OTHER.label)
    series_links = [
        " ".join(a.text.split())
        for a in soup(client, pages["series"]).select(".session__materials a")
    ]
    assert series_links == [t for _k, t in MATERIALS[:-1]] + [f"{other}: Reading list"]
    items = [
        " ".join(li.text.split())
        for li in soup(client, pages["past event"]).select("#materials-heading + ul li")
    ]
    assert items == [t for _k, t in MATERIALS[:-1]] + [f"Reading list ({other})"]


def facts(html):
    return [
        (row.dt.get_text(strip=True), row.dd.get_text(" ", strip=True))
        for row in html.select("dl.facts > div, .facts dl > div")
    ]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "ar", "fr", "zh-hans", "id"])
@pytest.mark.parametrize("event_format", ["online", "hybrid"])
def test_event_facts_do_not_repeat_themselves(client, site_tree, locales, language, event_format):
    """No fact's value says its label again ('Online: Join online', 'Calendar: Add to
    calendar'), and an online event says 'online' once."""
    event = EventPageFactory(
        parent=site_tree.events,
        format=event_format,
        online_url="https://meet.example.org/x",
        start=NOW + datetime.timedelta(days=3),
        end=NOW + datetime.timedelta(days=3, hours=2),
    )
    if language != "en":
        event = in_language({"event": event}, locales[language])["event"]
    html = soup(client, event)
    rows = facts(html)
    assert rows
    for label, value in rows:
        assert label.casefold() not in value.casefold(), (label, value)
    labels = [label for label, _value in rows]
    assert len(labels) == len(set(labels))
    with translation.override(language):
        online = str(translation.gettext("Online")).casefold()
        join = translation.gettext("Join online")
    assert online not in [label.casefold() for label in labels]
    if event_format == "online":
        box = " ".join(f"{label} {value}" for label, value in rows).casefold()
        assert box.count(online) == join.casefold().count(online)
    assert html.select_one(".facts a[href='https://meet.example.org/x']").get_text() == join
    assert html.select_one("a[download]")  # the calendar file is still offered


@time_machine.travel(NOW, tick=False)
def test_people_and_blocks_do_not_repeat_their_labels(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        start=NOW + datetime.timedelta(days=3),
        end=NOW + datetime.timedelta(days=3, hours=2),
    )
    EventSpeaker.objects.create(
        page=event,
        person=PersonFactory(
            name="Sri Wahyuni",
            role="Professor, Universitas Indonesia",
            institution="Universitas Indonesia",
        ),
    )
    role = soup(client, event).select_one(".person__role").get_text(strip=True)
    assert role == "Professor, Universitas Indonesia"

    home = site_tree.home
    home.key_figures = [
        {"type": "figure", "value": {"value": "25 countries", "label": "Countries"}},
        {"type": "figure", "value": {"value": "95", "label": "students"}},
    ]
    home.save_revision().publish()
    figures = soup(client, home).select(".key-figures .figure")
    shown = [
        " ".join(
            part.get_text(strip=True)
            for part in figure.select("dt, dd")
            if "visually-hidden" not in part.get("class", [])
        )
        for figure in figures
    ]
    assert shown == ["25 countries", "students 95"]

    partner = PartnerPageFactory(
        parent=site_tree.partners,
        title="Leiden University Medical Center (LUMC)",
        short_name="LUMC",
    )
    heading = soup(client, partner).select_one("h1").get_text(" ", strip=True)
    assert heading == "Leiden University Medical Center (LUMC)"


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("language", "between_items"), [("ar", "، "), ("zh-hans", "、")])
def test_lists_are_separated_the_way_the_language_writes_them(
    client, reader_site, locales, language, between_items
):
    """No Latin comma between the items of a list on Arabic or Chinese pages."""
    event = reader_site["event"]
    event.languages = ["en", "fr"]
    event.save_revision().publish()
    pages = in_language(reader_site, locales[language])
    for name, page in pages.items():
        html = soup(client, page)
        # What editors typed ("LUMC, lecture hall 1") and zones ("CET, UTC+1") are isolated
        # text of their own; the separators between them are the page's.
        for isolated in html.select("bdi, .tz"):
            isolated.decompose()
        for selector in (
            ".facts dd",
            ".person__role",
            ".session__speakers",
            ".byline",
            ".card__meta",
        ):
            for element in html.select(selector):
                assert ", " not in element.get_text(), (name, element.get_text())
    facts = soup(client, pages["event"]).select_one(".facts").get_text()
    assert between_items in facts


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "Afrika Selatan"),  # django-countries has no Indonesian names at all
        ("ar", "جنوب أفريقيا"),  # not its "جنوب افريقيا (الجمهورية)"
        ("fr", "Afrique du Sud"),
    ],
)
def test_country_names_are_in_the_readers_language(client, site_tree, locales, language, expected):
    partner = PartnerPageFactory(parent=site_tree.partners, city="Cape Town", country="ZA")
    page = in_language({"partner": partner}, locales[language])["partner"]
    assert expected in soup(client, page).get_text(" ")
    assert "South Africa" not in soup(client, page).get_text(" ")
