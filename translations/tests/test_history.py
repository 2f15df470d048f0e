"""The page's translation view: each language's state, who made its texts, and who
translated, reviewed and published it when, read from the admin as an editor sees it."""

import datetime
import io
from contextlib import contextmanager

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import LogContext, log
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation

from core.factories import translate
from news.factories import NewsPageFactory
from translations.models import SegmentReview
from translations.review import current_translations, unreviewed_segments
from translations.tests.test_drafts import (
    publish_in_editor,
    submit,
    translation_for,
    type_in_editor,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
DAY = datetime.datetime(2026, 3, 2, tzinfo=UTC)


def at(hour):
    return time_machine.travel(DAY.replace(hour=hour), tick=False)


def view_url(page):
    return reverse("page_translations", args=(page.pk,))


@pytest.fixture
def ana(admin_client, django_user_model):
    """The signed-in editor, who reads the admin in Jakarta's time zone."""
    user = django_user_model.objects.get(username="editor")
    user.first_name, user.last_name = "Ana", "Silva"
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "Asia/Jakarta"
    profile.save()
    return user


@pytest.fixture
def bo(django_user_model):
    return django_user_model.objects.create_user(
        "bo", password="x", first_name="Bo", last_name="Chen"
    )


@pytest.fixture
def article(site_tree, locales):
    """An English article of five texts, in a site with a Spanish home and news page."""
    translate(site_tree.home, locales["es"], hero_heading="Inicio")
    translate(site_tree.news, locales["es"], title="Noticias")
    return NewsPageFactory(
        parent=site_tree.news,
        title="Vaccine week opens",
        slug="vaccine-week-opens",
        summary="Students meet vaccine researchers.",
        body=[
            {"type": "paragraph", "value": "<p>The week opens on Monday.</p>"},
            {"type": "paragraph", "value": "<p>Lectures are in English.</p>"},
        ],
    )


def machine_translate(translation, user, texts):
    """What the machine-translation button leaves behind for `texts` (source texts), and
    the log entry the control room writes on the translated page."""
    segments = StringSegment.objects.filter(
        source=translation.source, string__data__in=texts
    ).select_related("string", "context")
    made = [
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            data=" ".join(reversed(segment.string.data.split())),
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            last_translated_by=user,
        )
        for segment in segments
    ]
    page = translation.source.get_translated_instance(translation.target_locale)
    log(
        page,
        "translations.machine_translate",
        user=user,
        data={"count": len(made), "locale": translation.target_locale.language_code},
    )
    return made


def approve(string_translation, user):
    SegmentReview.objects.create(
        string_translation=string_translation, data=string_translation.data, reviewed_by=user
    )
    page = Page.objects.get(
        translation_key=string_translation.context.object_id, locale=string_translation.locale
    )
    log(page, "translations.review", user=user, data={"count": 1, "locale": "es"})


@pytest.fixture
def spanish(admin_client, ana, bo, article, locales, django_capture_on_commit_callbacks):
    """Ana translates the article into Spanish through the admin, types two texts and
    publishes; Bo machine-translates two more; Ana approves one of them. One paragraph is
    left untranslated."""
    capture = django_capture_on_commit_callbacks
    with at(8):
        draft = submit(admin_client, article, locales["es"], capture)
    translation = translation_for(article, locales["es"])
    with at(9):
        type_in_editor(
            admin_client,
            translation,
            {"title": "Empieza la semana de las vacunas", "slug": "semana-de-las-vacunas"},
        )
    with at(10):
        publish_in_editor(admin_client, draft, as_in_the_request(ana, capture))
    with at(11):
        summary, _paragraph = machine_translate(
            translation,
            bo,
            ["Students meet vaccine researchers.", "The week opens on Monday."],
        )
    with at(12):
        approve(summary, ana)
    return draft, translation


def as_in_the_request(user, capture):
    """`capture` for a request whose work at commit is logged as `user`'s. In production
    the admin commits before its view returns, inside Wagtail's log context of the signed-in
    user; the test's one transaction runs that work after the request."""

    @contextmanager
    def capture_as_user(execute):
        with LogContext(user=user), capture(execute=execute) as callbacks:
            yield callbacks

    return capture_as_user


def read(client, page):
    response = client.get(view_url(page))
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def section(html, code):
    return html.select_one(f"section[data-locale='{code}']")


def cells(row):
    return [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td")]


def test_each_language_shows_its_state_texts_and_who_made_them(
    admin_client, spanish, article, locales
):
    draft, translation = spanish
    html = read(admin_client, article)

    codes = [s["data-locale"] for s in html.select("section[data-locale]")]
    assert codes == ["nl", "fr", "es", "pt", "zh-hans", "id", "ar"]  # settings.LANGUAGES
    es = section(html, "es")
    assert (es["data-state"], es["data-publication"]) == ("progress", "live")
    assert "4 of 5 texts, 80%" in es.get_text(" ", strip=True)
    assert es.select_one(".page-translation__state a")["href"] == reverse(
        "wagtailadmin_pages:edit", args=(draft.pk,)
    )
    counts = {dd["data-count"]: int(dd.get_text(strip=True)) for dd in es.select("dd")}
    assert counts == {"human": 2, "reviewed": 1, "unreviewed": 1, "untranslated": 1}
    assert counts["unreviewed"] == unreviewed_segments(translation).count()

    who = [cells(row) for row in es.select("[data-table=contributions] tbody tr")]
    assert [row[:3] for row in who] == [
        ["Ana Silva", "Translated", "2"],
        ["Bo Chen", "Machine-translated", "2"],
        ["Ana Silva", "Approved machine translations", "1"],
    ]
    last_typed, last_machine, last_review = (
        row.select_one("time")["datetime"]
        for row in es.select("[data-table=contributions] tbody tr")
    )
    # Ana reads the admin in Jakarta's time, seven hours ahead of UTC.
    assert last_typed == "2026-03-02T16:00:00+07:00"
    assert last_machine == "2026-03-02T18:00:00+07:00"
    assert last_review == "2026-03-02T19:00:00+07:00"

    fr = section(html, "fr")
    assert fr["data-state"] == "missing" and not fr.select("dd, table")
    link = fr.select_one(".page-translation__state a")
    assert link["href"] == (
        reverse("wagtail_localize:submit_page_translation", args=(article.pk,))
        + "?select_locale=fr"
    )
    assert link.get_text(strip=True) == "Translate"


def test_the_history_says_who_did_what_when_newest_first(admin_client, spanish, article):
    html = read(admin_client, article)
    rows = section(html, "es").select("[data-table=history] tbody tr")
    lines = [
        (row["data-action"], *cells(row)[1:], row.select_one("time")["datetime"]) for row in rows
    ]
    assert lines[:3] == [
        (
            "translations.review",
            "Ana Silva",
            "Approved 1 machine-translated text",
            "2026-03-02T19:00:00+07:00",
        ),
        (
            "translations.machine_translate",
            "Bo Chen",
            "Machine-translated 2 texts",
            "2026-03-02T18:00:00+07:00",
        ),
        ("wagtail.publish", "Ana Silva", "Published", "2026-03-02T17:00:00+07:00"),
    ]
    first = lines[-1]
    assert first[0] in ("wagtail.copy_for_translation", "wagtail.create")
    assert first[1] == "Ana Silva" and first[3] == "2026-03-02T15:00:00+07:00"
    times = [line[3] for line in lines]
    assert times == sorted(times, reverse=True)
    assert not section(html, "fr").select("[data-table=history]")


def test_the_history_keeps_its_newest_entries_and_links_to_the_rest(admin_client, spanish, article):
    draft, _translation = spanish
    older = reverse("wagtailadmin_pages:history", args=(draft.pk,))
    assert not section(read(admin_client, article), "es").find("a", href=older)
    with at(13):
        for number in range(60):
            log(draft, "translations.review", user=None, data={"count": number, "locale": "es"})
    html = read(admin_client, article)
    es = section(html, "es")
    rows = es.select("[data-table=history] tbody tr")
    assert len(rows) == 50
    assert cells(rows[0])[1:] == ["system", "Approved 59 machine-translated texts"]
    assert es.find("a", href=older)


def test_queries_do_not_grow_with_the_history_or_the_texts(
    admin_client,
    ana,
    bo,
    site_tree,
    locales,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    capture = django_capture_on_commit_callbacks
    translate(site_tree.home, locales["es"], hero_heading="Inicio")
    translate(site_tree.news, locales["es"], title="Noticias")
    translate(site_tree.home, locales["fr"], hero_heading="Accueil")
    translate(site_tree.news, locales["fr"], title="Actualités")

    def translated_article(paragraphs, entries):
        page = NewsPageFactory(
            parent=site_tree.news,
            body=[
                {"type": "paragraph", "value": f"<p>Paragraph {n}.</p>"} for n in range(paragraphs)
            ],
        )
        for code in ("es", "fr"):
            draft = submit(admin_client, page, locales[code], capture)
            translation = translation_for(page, locales[code])
            texts = [f"Paragraph {n}." for n in range(paragraphs)]
            for made in machine_translate(translation, bo, texts)[::2]:
                approve(made, ana)
            for _entry in range(entries):
                log(draft, "wagtail.edit", user=ana)
        return page

    few = translated_article(paragraphs=2, entries=1)
    many = translated_article(paragraphs=30, entries=80)
    with CaptureQueriesContext(connection) as captured:
        read(admin_client, few)
    assert len(captured) <= 25
    with django_assert_max_num_queries(len(captured)):
        read(admin_client, many)


def test_editors_and_translators_see_it_others_are_refused(
    client, django_user_model, spanish, article
):
    call_command("create_roles", stdout=io.StringIO())
    call_command("create_translator_groups", stdout=io.StringIO())

    def member(group):
        user = django_user_model.objects.create_user(f"member-{group}", password="x")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)

    member("Editors")
    assert client.get(view_url(article)).status_code == 200
    member("Translators (fr)")
    assert client.get(view_url(article)).status_code == 200
    member("Partner liaisons")  # in the admin, but may not edit news
    assert client.get(view_url(article)).status_code == 403
    client.logout()
    response = client.get(view_url(article))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_an_unknown_page_is_not_found_and_a_translation_leads_to_its_original(
    admin_client, spanish, article
):
    draft, _translation = spanish
    assert admin_client.get(reverse("page_translations", args=(999_999,))).status_code == 404
    root = Page.get_first_root_node()
    assert admin_client.get(view_url(root)).status_code == 404
    response = admin_client.get(view_url(draft))
    assert response.status_code == 302
    assert response["Location"] == view_url(article)


def test_a_page_only_in_another_language_has_no_view(admin_client, spanish, locales):
    draft, _translation = spanish
    alone = NewsPageFactory(parent=draft.get_parent(), locale=locales["es"])
    assert admin_client.get(view_url(alone)).status_code == 404


def test_the_page_menus_lead_to_the_view_in_every_language(admin_client, spanish, article):
    draft, _translation = spanish

    def links(url):
        response = admin_client.get(url)
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser")
        return [a.get_text(strip=True) for a in html.find_all("a", href=view_url(article))]

    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    assert links(edit) == ["Translations"]  # the header's menu
    listing = reverse("wagtailadmin_explore", args=(article.get_parent().pk,))
    assert links(listing) == ["Translations"]  # the article's row
    # The Spanish page opens in wagtail-localize's editor, which has a header of its own;
    # the explorer's header for it leads to the original's view.
    assert links(reverse("wagtailadmin_explore", args=(draft.pk,))) == ["Translations"]


def test_texts_saved_without_a_type_count_as_translated_by_hand(admin_client, spanish, article):
    """An import (or an older demo) may save a text with no translation type: the view
    counts it with the texts people typed, never answers with a server error."""
    _draft, translation = spanish
    current_translations(translation).filter(translation_type="manual").update(translation_type="")
    es = section(read(admin_client, article), "es")
    who = [cells(row)[:3] for row in es.select("[data-table=contributions] tbody tr")]
    assert who[0] == ["Ana Silva", "Translated", "2"]
    counts = {dd["data-count"]: int(dd.get_text(strip=True)) for dd in es.select("dd")}
    assert counts["human"] == 2
