"""All languages go live together: an editor plans a page's translations to go live with
it on the "Go live together" screen; nothing of them shows before the moment; the worker
publishes the ready ones at the moment, reports the others, and warns beforehand."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageLogEntry
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment

from core.factories import translate
from mail.models import OutgoingEmail
from news.factories import NewsPageFactory
from operations.tasks import publish_scheduled_pages
from translations.models import Job, LaunchPlan
from translations.tests.test_drafts import publish_in_editor, submit, text, translation_for

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 3, 20, 12, tzinfo=datetime.UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The editor works in Amsterdam: 09:00 there on 21 March is 08:00 UTC.
MOMENT = datetime.datetime(2030, 3, 21, 9, tzinfo=AMSTERDAM)
MOMENT_TYPED = "2030-03-21T09:00"
READY = ("fr", "es")
HUMAN = {"fr": "Semaine des vaccins", "es": "Semana de las vacunas", "nl": "Vaccinweek"}
TRANSLATOR = {"CLASS": "translations.machine.TestTranslator", "OPTIONS": {}}


def go_live_url(page):
    return reverse("translation_go_live", args=(page.pk,))


def type_everything(client, translation, title):
    """Every text of the page typed into the translation editor: the title as given, the
    slug made from it, the other texts marked with the language."""
    code = translation.target_locale.language_code
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "context", "string"
    )
    for segment in segments:
        path = segment.context.path
        if path == "title":
            value = title
        elif path == "slug":
            value = title.lower().replace(" ", "-")
        else:
            value = f"[{code}] {segment.string.data}"
        url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))
        response = client.put(
            url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 201), response.content[:300]


def type_title_only(client, translation, title):
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))
    response = client.put(
        url, urlencode({"value": title}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201)


@pytest.fixture
def world(site_tree, locales, admin_client, time_machine, settings, django_user_model):
    """An English article not yet published, translated through the admin: completely into
    French and Spanish, only its title into Dutch, by machine into Portuguese; none in
    Chinese. The editor works in Amsterdam."""
    time_machine.move_to(NOW, tick=False)
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = TRANSLATOR
    for code in ("fr", "es", "nl", "pt"):
        translate(site_tree.home, locales[code], slug=f"home-{code}")
        translate(site_tree.news, locales[code], title=f"News {code}")
    article = NewsPageFactory(
        parent=site_tree.news,
        title="Vaccine week opens",
        slug="vaccine-week-opens",
        summary="Students meet vaccine researchers.",
        publication_date=datetime.date(2030, 3, 21),
        live=False,
    )
    article.save_revision()
    editor = django_user_model.objects.get(username="editor")
    admin_client.force_login(editor)  # a session of the frozen time
    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(current_time_zone="Europe/Amsterdam")
    site_tree.article = article
    site_tree.editor = editor
    site_tree.translations = {}
    return site_tree


@pytest.fixture
def translated(world, locales, admin_client, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    for code in ("fr", "es", "nl", "pt"):
        page = submit(admin_client, world.article, locales[code], capture)
        translation = translation_for(world.article, locales[code])
        world.translations[code] = (page, translation)
        if code in HUMAN and code != "nl":
            type_everything(admin_client, translation, HUMAN[code])
        elif code == "nl":
            type_title_only(admin_client, translation, HUMAN[code])
        else:
            response = admin_client.post(
                reverse("wagtail_localize:machine_translate", args=(translation.pk,)),
                {"next": "/admin/"},
            )
            assert response.status_code == 302
    return world


def save_plan(admin_client, page, locales, codes, moment=MOMENT_TYPED):
    """The go-live screen's Save, with the languages `codes` ticked."""
    data = {"action": "save", "go_live_at": moment, "locales": [locales[c].pk for c in codes]}
    return admin_client.post(go_live_url(page), data)


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def readiness_lines(admin_client, page):
    response = admin_client.get(go_live_url(page))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return html, {
        item["data-locale"]: (
            item.select_one(".go-live-state").get_text(strip=True),
            item.select_one("input")["checked"] if item.select_one("input[checked]") else None,
        )
        for item in html.select("li[data-locale]")
    }


def live_state(admin_client, page, code):
    """What the screen says of a live translation (None when it is not live)."""
    html, _lines = readiness_lines(admin_client, page)
    state = html.select_one(f'li[data-locale="{code}"] .w-status')
    return state.get_text(strip=True) if state else None


# What readers get ------------------------------------------------------------------------


def search_results(client, code, query):
    """Only the list of results: the rest of the page repeats the query."""
    html = BeautifulSoup(text(client, f"/{code}/search/", q=query), "html.parser")
    return str(html.select_one(".search-results") or "")


def reader_surfaces(client, world, code):
    """Everything a reader of `code`, or a program asking for it, gets."""
    news = Page.objects.get(translation_key=world.news.translation_key, locale__language_code=code)
    return {
        "news index": text(client, news.url),
        "home": text(client, f"/{code}/"),
        "search": search_results(client, code, "vaccine"),
        "search translated": search_results(client, code, HUMAN.get(code, "vaccine")),
        "sitemap": text(client, "/sitemap.xml"),
        "api pages": text(client, "/api/v2/pages/", locale=code, limit=100),
        "api search": text(
            client, "/api/v2/pages/", search=HUMAN.get(code, "vaccine").split()[0], locale=code
        ),
        "news feed": text(client, "/feeds/news.xml", locale=code),
        "events api": text(client, "/api/v2/events/", locale=code),
        "events feed": text(client, "/feeds/events.ics", locale=code),
    }


def sitemap_urls(answer):
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(answer)  # noqa: S314 - our own sitemap
    return {loc.text for loc in root.findall("sm:url/sm:loc", namespace)}


def feed_titles(answer):
    root = ET.fromstring(answer)  # noqa: S314 - our own feed
    return {item.findtext("title") for item in root.iter("item")} | {
        entry.findtext("{http://www.w3.org/2005/Atom}title")
        for entry in root.iter("{http://www.w3.org/2005/Atom}entry")
    }


def assert_unseen(client, world, code, page):
    page = Page.objects.get(pk=page.pk)  # its address now, with the translated slug
    assert client.get(page.url, HTTP_HOST="localhost").status_code == 404
    surfaces = reader_surfaces(client, world, code)
    for name, answer in surfaces.items():
        for marker in (page.url, HUMAN.get(code, "\0")):
            assert marker not in answer, f"the {code} translation shows in the {name}"
    assert not any(page.url in url for url in sitemap_urls(surfaces["sitemap"]))
    assert HUMAN.get(code) not in feed_titles(surfaces["news feed"])


def assert_seen(client, world, code, page):
    page = Page.objects.get(pk=page.pk)
    response = client.get(page.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == code and html.h1.get_text(strip=True) == HUMAN[code]
    surfaces = reader_surfaces(client, world, code)
    for name in ("news index", "home", "api pages", "search translated"):
        assert HUMAN[code] in surfaces[name], f"the {code} translation is missing from the {name}"
    assert any(url.endswith(page.url) for url in sitemap_urls(surfaces["sitemap"]))
    assert HUMAN[code] in feed_titles(surfaces["news feed"])


def english_alternates(client, article):
    response = client.get(article.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')
    }
    switcher = {
        choice["data-language-choice"]: choice["href"]
        for choice in html.select("[data-language-choice]")
    }
    return alternates, switcher


def run_worker():
    publish_scheduled_pages.call()


# The screen ------------------------------------------------------------------------------


def test_the_screen_shows_each_language_readiness_and_schedules_the_page(
    admin_client, translated, locales
):
    article = translated.article
    html, lines = readiness_lines(admin_client, article)
    assert lines["fr"][0] == lines["es"][0] == "ready"
    assert lines["nl"][0].endswith("texts untranslated") and lines["nl"][0].startswith(
        f"{translated.translations['nl'][1].get_progress()[0] - 1} of "
    )
    assert lines["pt"][0].endswith("machine-translated texts not reviewed")
    assert lines["zh-hans"][0] == "no translation yet"
    assert html.select_one("h1").get_text(strip=True).startswith("Go live together")
    assert "not scheduled yet" in html.get_text()

    response = save_plan(admin_client, article, locales, ("fr", "es", "nl", "pt"))
    assert response.status_code == 302 and response["Location"] == go_live_url(article)
    saved, warning = shown_messages(response)
    assert "21 March 2030" in saved or "March 21, 2030" in saved
    assert "Nederlands (" in warning and "texts untranslated" in warning
    assert "Português (" in warning and "Français" not in warning

    # Wagtail's own scheduling: the latest revision, approved for 09:00 in Amsterdam.
    page = Page.objects.get(pk=article.pk)
    revision = page.scheduled_revision
    assert not page.live and revision.approved_go_live_at == MOMENT
    assert revision == page.latest_revision
    plan = LaunchPlan.objects.get(page=article)
    assert plan.go_live_at == MOMENT and plan.launched_at is None
    assert {x.language_code for x in plan.locales.all()} == {"fr", "es", "nl", "pt"}

    html, lines = readiness_lines(admin_client, article)
    scheduled = html.select_one("[data-scheduled] time")
    assert scheduled["datetime"] == "2030-03-21T09:00:00+01:00"  # in the editor's zone
    assert html.select_one("#id_go_live_at")["value"] == MOMENT_TYPED
    assert lines["fr"][1] is not None and lines["zh-hans"][1] is None


def test_the_page_menu_leads_to_the_screen_for_default_language_pages_only(
    admin_client, translated
):
    english = admin_client.get(reverse("wagtailadmin_pages:edit", args=(translated.article.pk,)))
    assert go_live_url(translated.article) in english.content.decode()
    french, _translation = translated.translations["fr"]
    in_french = admin_client.get(reverse("wagtailadmin_pages:edit", args=(french.pk,)))
    assert in_french.status_code == 200
    assert go_live_url(french) not in in_french.content.decode()


def test_cancelling_the_plan_lets_translators_publish_again(
    admin_client, translated, locales, django_capture_on_commit_callbacks
):
    article = translated.article
    save_plan(admin_client, article, locales, ("fr",))
    response = admin_client.post(go_live_url(article), {"action": "cancel"})
    assert response.status_code == 302
    assert not LaunchPlan.objects.exists()
    assert Page.objects.get(pk=article.pk).scheduled_revision is not None  # page schedule stays
    french, _translation = translated.translations["fr"]
    (message,) = publish_in_editor(admin_client, french, django_capture_on_commit_callbacks)
    assert message.startswith("Published") and Page.objects.get(pk=french.pk).live


# Held until the moment, then live together -------------------------------------------------


def test_before_the_moment_nothing_shows_and_at_the_moment_the_ready_ones_go_live(
    admin_client, client, translated, locales, time_machine, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    article = translated.article
    pages = {code: page for code, (page, _t) in translated.translations.items()}
    save_plan(admin_client, article, locales, ("fr", "es", "nl", "pt"))

    # The French translator publishes early: it is saved and held.
    (message,) = publish_in_editor(admin_client, pages["fr"], capture)
    assert "goes live with the original on" in message
    assert not Page.objects.get(pk=pages["fr"].pk).live

    anonymous = client.__class__()
    time_machine.move_to(MOMENT - datetime.timedelta(minutes=1), tick=False)
    with capture(execute=True):
        run_worker()
    assert not Page.objects.get(pk=article.pk).live
    for code in ("fr", "es", "nl"):
        assert_unseen(anonymous, translated, code, pages[code])
    assert anonymous.get(article.url, HTTP_HOST="localhost").status_code == 404

    time_machine.move_to(MOMENT + datetime.timedelta(seconds=20), tick=False)
    with capture(execute=True):
        run_worker()
    assert Page.objects.get(pk=article.pk).live
    for code in READY:
        assert Page.objects.get(pk=pages[code].pk).live, code
        assert_seen(anonymous, translated, code, pages[code])
        logged = PageLogEntry.objects.get(page=pages[code], action="translations.launch")
        assert logged.user == translated.editor and logged.data["locale"] == code
    for code in ("nl", "pt"):
        assert not Page.objects.get(pk=pages[code].pk).live, code
    assert_unseen(anonymous, translated, "nl", pages["nl"])

    alternates, switcher = english_alternates(anonymous, article)
    assert {"en", "fr", "es"} <= set(alternates) and not {"nl", "pt"} & set(alternates)
    assert switcher["fr"] == Page.objects.get(pk=pages["fr"].pk).url
    assert switcher["nl"] == "/nl/"

    plan = LaunchPlan.objects.get(page=article)
    assert plan.launched_at == MOMENT + datetime.timedelta(seconds=20)
    assert plan.report["fr"] == plan.report["es"] == "published"
    assert plan.report["nl"].endswith("texts untranslated")
    assert plan.report["pt"].endswith("machine-translated texts not reviewed")

    (report,) = OutgoingEmail.objects.filter(subject__startswith="Gone live together")
    assert report.recipient == "editor@example.org"
    assert "Français: published" in report.text and "Nederlands: not published (" in report.text
    assert "21 March 2030 09:00 (Europe/Amsterdam)" in report.text
    assert go_live_url(article) in report.text

    # Another run, or a second worker, launches nothing twice.
    with capture(execute=True):
        run_worker()
    assert OutgoingEmail.objects.filter(subject__startswith="Gone live together").count() == 1
    assert PageLogEntry.objects.filter(action="translations.launch").count() == 2


def test_a_translation_made_while_the_plan_waits_is_held_too(
    admin_client, world, locales, time_machine, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    response = save_plan(admin_client, world.article, locales, ("fr",))
    assert response.status_code == 302
    french = submit(admin_client, world.article, locales["fr"], capture)
    translation = translation_for(world.article, locales["fr"])
    type_everything(admin_client, translation, HUMAN["fr"])
    with capture(execute=True):
        translation.save_target(publish=True)  # what a sync or a bulk publish asks
    # Neither published nor scheduled (a copy of a scheduled page has its go-live date).
    assert Page.objects.get(pk=french.pk).scheduled_revision is None
    (message,) = publish_in_editor(admin_client, french, capture)
    assert "goes live with the original" in message
    assert not Page.objects.get(pk=french.pk).live

    time_machine.move_to(MOMENT + datetime.timedelta(minutes=1), tick=False)
    with capture(execute=True):
        run_worker()
    assert Page.objects.get(pk=french.pk).live


def test_the_editor_is_warned_once_before_the_moment(
    admin_client, translated, locales, time_machine, django_capture_on_commit_callbacks, settings
):
    settings.LAUNCH_WARNING_HOURS = 24
    UserProfile.objects.filter(user=translated.editor).update(preferred_language="fr")
    save_plan(admin_client, translated.article, locales, ("fr", "nl"))
    warnings = OutgoingEmail.objects.filter(subject__contains=translated.article.title)

    time_machine.move_to(MOMENT - datetime.timedelta(hours=25), tick=False)
    run_worker()
    assert not warnings.exists()

    time_machine.move_to(MOMENT - datetime.timedelta(hours=23), tick=False)
    run_worker()
    (warning,) = warnings
    assert warning.recipient == "editor@example.org"
    assert warning.headers == {"Content-Language": "fr"}
    assert "non traduits" in warning.text and go_live_url(translated.article) in warning.text
    lines = [line for line in warning.text.splitlines() if line.startswith("- ")]
    assert len(lines) == 1 and "non traduits" in lines[0]  # Dutch only, not French

    time_machine.move_to(MOMENT - datetime.timedelta(hours=1), tick=False)
    run_worker()
    assert warnings.count() == 1
    assert LaunchPlan.objects.get().warned_at == MOMENT - datetime.timedelta(hours=23)


# Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "error"),
    [
        ("2030-03-19T09:00", "Choose a moment in the future."),
        ("2030-03-20T12:30", "Choose a moment in the future."),  # 11:30 UTC, passed
        ("tomorrow", "Enter a valid date/time."),
        ("", "This field is required."),
    ],
)
def test_a_moment_not_in_the_future_is_refused(admin_client, world, locales, moment, error):
    response = save_plan(admin_client, world.article, locales, ("fr",), moment=moment)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert error in html.select_one("#go-live-at-errors").get_text()
    assert not LaunchPlan.objects.exists()
    assert Page.objects.get(pk=world.article.pk).scheduled_revision is None


@pytest.mark.parametrize("chosen", [["999999"], ["fr"], [], ["en"]])
def test_unknown_or_no_languages_are_refused(admin_client, world, locales, chosen):
    values = [str(locales["en"].pk) if value == "en" else value for value in chosen]
    response = admin_client.post(
        go_live_url(world.article),
        {"action": "save", "go_live_at": MOMENT_TYPED, "locales": values},
    )
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("fieldset .error-message")
    assert not LaunchPlan.objects.exists()


def test_other_pages_and_users_are_refused(admin_client, client, world, locales, django_user_model):
    french_news = world.news.get_translation(locales["fr"])
    assert admin_client.get(go_live_url(french_news)).status_code == 404
    assert admin_client.post(go_live_url(french_news), {"action": "save"}).status_code == 404
    assert admin_client.get(reverse("translation_go_live", args=(999999,))).status_code == 404
    assert admin_client.get(reverse("translation_go_live", args=(1,))).status_code == 404  # root

    # A writer who may edit but not publish.
    writers = Group.objects.create(name="Writers")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=writers, page=world.home, permission=Permission.objects.get(codename=codename)
        )
    writer = django_user_model.objects.create_user("writer", "writer@example.org", "x")
    writer.groups.add(writers)
    client.force_login(writer)
    refused = client.get(go_live_url(world.article))
    assert refused.status_code == 403 and "Only people who may publish" in refused.content.decode()
    response = client.post(
        go_live_url(world.article),
        {"action": "save", "go_live_at": MOMENT_TYPED, "locales": [locales["fr"].pk]},
    )
    assert response.status_code == 403
    assert not LaunchPlan.objects.exists()
    client.logout()
    assert client.get(go_live_url(world.article)).status_code == 302  # to the login


def test_a_live_page_and_its_live_translation_change_together(
    admin_client, client, world, locales, time_machine, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    article = world.article
    with capture(execute=True):
        article.save_revision().publish()
    french = submit(admin_client, article, locales["fr"], capture)
    translation = translation_for(article, locales["fr"])
    type_everything(admin_client, translation, HUMAN["fr"])
    publish_in_editor(admin_client, french, capture)
    live_url = Page.objects.get(pk=french.pk).url
    assert text(client, live_url).count(HUMAN["fr"])

    assert live_state(admin_client, article, "fr") == "Live"  # no plan holds it yet

    # The new wording is planned for the moment, the translator publishes theirs early.
    save_plan(admin_client, article, locales, ("fr",))
    assert live_state(admin_client, article, "fr") == "Live; its changes wait for the moment"
    assert Page.objects.get(pk=article.pk).live  # the current wording stays meanwhile
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    response = admin_client.put(
        reverse("wagtail_localize:edit_string_translation", args=(translation.pk, title.pk)),
        urlencode({"value": "Semaine des vaccins 2030"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    (message,) = publish_in_editor(admin_client, french, capture)
    assert "goes live with the original on" in message
    assert "Semaine des vaccins 2030" not in text(client, live_url)

    time_machine.move_to(MOMENT + datetime.timedelta(seconds=5), tick=False)
    with capture(execute=True):
        run_worker()
    assert "Semaine des vaccins 2030" in text(client, live_url)
    assert LaunchPlan.objects.get().report == {"fr": "published"}


def test_the_overviews_bulk_publish_holds_planned_translations_too(
    admin_client, translated, locales, django_capture_on_commit_callbacks
):
    article = translated.article
    save_plan(admin_client, article, locales, ("fr",))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("translation_job_start"),
            {"action": Job.PUBLISH, "page": [article.pk], "locales": ["fr", "es"]},
        )
    assert response.status_code == 302
    outcomes = dict(Job.objects.get().items.values_list("locale__language_code", "message"))
    assert outcomes["fr"].startswith("Goes live with the original on")
    assert not Page.objects.get(pk=translated.translations["fr"][0].pk).live
