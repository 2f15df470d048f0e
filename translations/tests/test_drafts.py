"""A translation is never published before it is translated.

The translator's path through the admin's own views (Translate, the translation editor,
Publish), and what readers of that language get on every public surface before and after.
"""

import datetime
import json
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from core.factories import translate
from events.factories import EventPageFactory
from news.factories import NewsPageFactory
from news.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(site_tree, locales):
    """The site in English and Spanish, with a live English article and event."""
    site_tree.es_home = translate(site_tree.home, locales["es"], hero_heading="Inicio")
    site_tree.es_news = translate(site_tree.news, locales["es"], title="Noticias")
    site_tree.es_events = translate(site_tree.events, locales["es"], title="Agenda")
    start = timezone.now() + datetime.timedelta(days=10)
    site_tree.article = NewsPageFactory(
        parent=site_tree.news,
        title="Vaccine week opens",
        slug="vaccine-week-opens",
        summary="Students meet vaccine researchers.",
        publication_date=timezone.localdate(),
    )
    site_tree.event = EventPageFactory(
        parent=site_tree.events,
        title="Immunology lecture",
        slug="immunology-lecture",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    return site_tree


def submit(client, page, locale, capture, subtree=False):
    """The admin's "Translate" action, with everything it runs after the commit."""
    data = {"locales": [locale.pk]}
    if subtree:
        data["include_subtree"] = "on"
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=(page.pk,)), data
        )
    assert response.status_code == 302, response.content[:300]
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def translation_for(page, locale):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def type_in_editor(client, translation, texts):
    """Type translations into the translation editor, as its text boxes do: `texts` maps
    a segment's path (title, slug, summary) or its source text to the translation."""
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "context", "string"
    )
    typed = 0
    for segment in segments:
        value = texts.get(segment.context.path, texts.get(segment.string.data))
        if value is None:
            continue
        url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))
        response = client.put(
            url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 201), response.content[:300]
        typed += 1
    assert typed == len(texts), "some texts are not segments of the page"


def publish_in_editor(client, page, capture):
    """The translation editor's Publish button; returns the messages shown after."""
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    with capture(execute=True):
        response = client.post(url, {"action": "publish"})
    assert response.status_code == 302
    assert response["Location"] == url
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    return shown[-1:]


def text(client, url, **params):
    response = client.get(url, params, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def public_surfaces(client, site_tree):
    """What a Spanish reader and a program asking for Spanish content get."""
    return {
        "news index": text(client, site_tree.es_news.url),
        "home": text(client, "/es/"),
        "search": text(client, "/es/search/", q="vaccine"),
        "sitemap": text(client, "/sitemap.xml"),
        "english page": text(client, site_tree.article.url),
        "english event": text(client, site_tree.event.url),
        "news feed": text(client, "/feeds/news.xml", locale="es"),
        "events api": text(client, "/api/v2/events/", locale="es"),
        "pages api": text(client, "/api/v2/pages/", locale="es"),
        "events feed": text(client, "/feeds/events.ics", locale="es"),
        "embed": text(client, "/embed/events/", locale="es"),
    }


def test_translate_makes_a_draft_that_readers_never_see(
    admin_client, client, spanish, locales, django_capture_on_commit_callbacks
):
    draft = submit(admin_client, spanish.article, locales["es"], django_capture_on_commit_callbacks)
    event = submit(admin_client, spanish.event, locales["es"], django_capture_on_commit_callbacks)
    assert not draft.live and not event.live
    client.logout()
    assert client.get(draft.url, HTTP_HOST="localhost").status_code == 404
    assert client.get(event.url, HTTP_HOST="localhost").status_code == 404
    surfaces = public_surfaces(client, spanish)
    for name, answer in surfaces.items():
        for address in (draft.url, event.url):
            assert address not in answer, f"the draft's address shows in the {name}"
    # Spanish readers get the English originals, marked as English.
    listing = BeautifulSoup(surfaces["news index"], "html.parser")
    item = listing.find(lambda tag: tag.get("lang") == "en" and "Vaccine week opens" in tag.text)
    assert item is not None and item.find("a")["href"] == spanish.article.url
    english = BeautifulSoup(surfaces["english page"], "html.parser")
    alternates = {link["hreflang"] for link in english.select('link[rel="alternate"][hreflang]')}
    assert "es" not in alternates
    switcher = {a["hreflang"]: a["href"] for a in english.select(".language-switcher a")}
    assert switcher["es"] == "/es/"


def test_published_by_the_translator_it_replaces_the_original_everywhere(
    admin_client, client, spanish, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    draft = submit(admin_client, spanish.article, locales["es"], capture)
    translation = translation_for(spanish.article, locales["es"])
    texts = {
        "title": "Empieza la semana de las vacunas",
        "slug": "empieza-la-semana-de-las-vacunas",
        "summary": "Estudiantes conocen a investigadores de vacunas.",
    }
    type_in_editor(admin_client, translation, texts)
    assert not Page.objects.get(pk=draft.pk).live  # typing does not publish

    shown = publish_in_editor(admin_client, draft, capture)
    published = NewsPage.objects.get(pk=draft.pk)
    assert published.live and published.title == texts["title"]
    assert any("Published" in message for message in shown)
    client.logout()
    page = BeautifulSoup(text(client, published.url), "html.parser")
    assert page.html["lang"] == "es" and page.h1.get_text(strip=True) == texts["title"]
    surfaces = public_surfaces(client, spanish)
    for name in ("news index", "home", "sitemap", "english page", "news feed", "pages api"):
        assert published.url in surfaces[name], f"the translation is missing from the {name}"
    assert texts["title"] in surfaces["news index"]
    assert published.url in text(client, "/es/search/", q="vacunas")
    api = json.loads(text(client, "/api/v2/pages/", locale="es", search="vacunas"))
    assert [item["title"] for item in api["items"]] == [texts["title"]]
    english = BeautifulSoup(surfaces["english page"], "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in english.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["es"].endswith(published.url)
    switcher = {a["hreflang"]: a["href"] for a in english.select(".language-switcher a")}
    assert switcher["es"] == published.url


def test_nothing_translated_is_not_published_and_the_editor_says_what_to_translate(
    admin_client, spanish, locales, django_capture_on_commit_callbacks
):
    draft = submit(admin_client, spanish.article, locales["es"], django_capture_on_commit_callbacks)
    shown = publish_in_editor(admin_client, draft, django_capture_on_commit_callbacks)
    assert not Page.objects.get(pk=draft.pk).live
    (message,) = shown
    assert "not published" in message
    for name in ("Title", "Slug", "Summary", "Vaccine week opens", "vaccine-week-opens"):
        assert name in message


def test_partly_translated_it_publishes_and_names_what_is_left_slug_included(
    admin_client, spanish, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    draft = submit(admin_client, spanish.article, locales["es"], capture)
    translation = translation_for(spanish.article, locales["es"])
    type_in_editor(admin_client, translation, {"title": "Semana de las vacunas"})
    (message,) = publish_in_editor(admin_client, draft, capture)
    assert Page.objects.get(pk=draft.pk).live
    assert "Still in the original language" in message
    assert "Slug: “vaccine-week-opens”" in message
    assert "Summary: “Students meet vaccine researchers.”" in message
    assert "see below" not in message and "Title:" not in message
    assert message.startswith("Published 'Semana de las vacunas' in")  # its own title


def test_a_sync_never_writes_untranslated_text_into_a_live_translation(
    admin_client, spanish, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    draft = submit(admin_client, spanish.article, locales["es"], capture)
    translation = translation_for(spanish.article, locales["es"])
    texts = {"title": "Semana de las vacunas", "slug": "semana", "summary": "Estudiantes."}
    type_in_editor(admin_client, translation, texts)
    publish_in_editor(admin_client, draft, capture)

    # The source gains a new sentence; the sync is asked to publish.
    article = spanish.article
    article.summary = "Students from twelve countries meet vaccine researchers."
    with capture(execute=True):
        article.save_revision().publish()
    sync = reverse("wagtail_localize:update_translations", args=(translation.source_id,))
    with capture(execute=True):
        response = admin_client.post(sync, {"publish_translations": "on"})
    assert response.status_code == 302
    live = NewsPage.objects.get(pk=draft.pk)
    assert live.live and live.summary == "Estudiantes."
    # The new text waits in a draft for the translator.
    latest = live.get_latest_revision_as_object()
    assert latest.summary == "Students from twelve countries meet vaccine researchers."
    assert latest.title == "Semana de las vacunas"


def test_translating_a_section_leaves_live_translations_alone(
    admin_client, spanish, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    draft = submit(admin_client, spanish.article, locales["es"], capture)
    translation = translation_for(spanish.article, locales["es"])
    type_in_editor(admin_client, translation, {"title": "Semana", "slug": "semana"})
    publish_in_editor(admin_client, draft, capture)
    spanish.article.title = "Vaccine week opens in Leiden"
    spanish.article.save_revision().publish()
    newer = NewsPageFactory(parent=spanish.news, title="Fellows arrive", slug="fellows-arrive")

    submit(admin_client, spanish.news, locales["nl"], capture, subtree=True)
    assert NewsPage.objects.get(pk=draft.pk).title == "Semana"
    dutch = NewsPage.objects.filter(locale=locales["nl"])
    assert dutch.count() == 2 and not dutch.filter(live=True).exists()
    assert newer.get_translation(locales["nl"]).live is False


def test_an_alias_turned_into_a_translation_is_not_live_until_published(
    admin_client, client, spanish, locales, django_capture_on_commit_callbacks
):
    # What "Synchronise content from English" makes of a new language's pages.
    alias = spanish.article.copy_for_translation(locales["es"], alias=True)
    assert alias.live
    page = submit(admin_client, spanish.article, locales["es"], django_capture_on_commit_callbacks)
    assert page.pk == alias.pk and page.alias_of_id is None
    assert not page.live
    client.logout()
    assert client.get(page.url, HTTP_HOST="localhost").status_code == 404


def overview(admin_client, **params):
    response = admin_client.get(reverse("translation_overview"), params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {
        (row.select_one("th a").get_text(strip=True), cell["data-locale"]): (
            cell["data-state"],
            cell["data-publication"],
            " ".join(cell.get_text(" ", strip=True).split()),
        )
        for row in html.select("tbody tr")
        for cell in row.select("td[data-locale]")
    }


def test_overview_reports_progress_from_the_segments(
    admin_client, spanish, locales, django_capture_on_commit_callbacks, settings
):
    capture = django_capture_on_commit_callbacks
    draft = submit(admin_client, spanish.article, locales["es"], capture)
    title = "Vaccine week opens"
    state, publication, shown = overview(admin_client)[(title, "es")]
    assert (state, publication) == ("missing", "draft")
    assert "Translated" not in shown

    translation = translation_for(spanish.article, locales["es"])
    total, _done = translation.get_progress()
    type_in_editor(admin_client, translation, {"title": "Semana de las vacunas"})
    state, publication, shown = overview(admin_client)[(title, "es")]
    assert (state, publication) == ("progress", "draft")
    assert f"1 of {total} texts, {round(100 / total)}%" in shown

    type_in_editor(admin_client, translation, {"slug": "semana", "summary": "Estudiantes."})
    assert overview(admin_client)[(title, "es")][:2] == ("current", "draft")
    publish_in_editor(admin_client, draft, capture)
    assert overview(admin_client)[(title, "es")][:2] == ("current", "live")
    assert overview(admin_client)[(title, "nl")][:2] == ("missing", "")
    only_live = overview(admin_client, publication="live", locale="es")
    assert {page for page, _locale in only_live} == {title, "Home", "News", "Events"}

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translations.tests.test_machine.ReversingTranslator",
        "OPTIONS": {},
    }
    submit(admin_client, spanish.event, locales["es"], capture)
    event_translation = translation_for(spanish.event, locales["es"])
    admin_client.post(reverse("wagtail_localize:machine_translate", args=(event_translation.pk,)))
    assert overview(admin_client)[("Immunology lecture", "es")][:2] == ("machine", "draft")


def test_command_unpublishes_live_translations_that_are_all_source_text(
    admin_client, spanish, locales, django_capture_on_commit_callbacks, capsys
):
    capture = django_capture_on_commit_callbacks
    # As a site did before: a translation created live with the English text.
    untranslated = submit(admin_client, spanish.article, locales["es"], capture)
    untranslated.save_revision().publish()
    partly = submit(admin_client, spanish.event, locales["es"], capture)
    type_in_editor(admin_client, translation_for(spanish.event, locales["es"]), {"title": "Clase"})
    publish_in_editor(admin_client, partly, capture)

    call_command("unpublish_untranslated", "--dry-run")
    assert Page.objects.get(pk=untranslated.pk).live
    call_command("unpublish_untranslated")
    out = capsys.readouterr().out
    assert Page.objects.get(pk=untranslated.pk).live is False
    assert Page.objects.get(pk=partly.pk).live is True
    assert untranslated.url_path in out or "Vaccine week opens" in out
    assert "1 translation" in out


def test_snippet_translations_start_as_drafts_and_readers_get_the_original(
    admin_client, spanish, locales, django_capture_on_commit_callbacks
):
    from core.factories import PersonFactory, TopicFactory
    from core.models import Person, Topic

    topic = TopicFactory(name="Immunology", slug="immunology", locale=locales["en"])
    speaker = PersonFactory(name="Ana Costa", role="Professor of Immunology")
    spanish.article.topics.add(topic)
    spanish.article.save_revision().publish()
    for model, instance in (("topic", topic), ("person", speaker)):
        url = reverse(
            "wagtail_localize:submit_snippet_translation", args=("core", model, instance.pk)
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(url, {"locales": [locales["es"].pk]})
        assert response.status_code == 302
    es_topic = Topic.objects.get(translation_key=topic.translation_key, locale=locales["es"])
    es_speaker = Person.objects.get(translation_key=speaker.translation_key, locale=locales["es"])
    assert es_topic.live is False and es_speaker.live is False
    reader = Client()
    listing = text(reader, spanish.es_news.url)
    assert f'value="{topic.slug}"' not in listing  # no Spanish topic to filter by yet

    translation = translation_for(topic, locales["es"])
    type_in_editor(admin_client, translation, {"name": "Inmunología"})
    edit = reverse("wagtailsnippets_core_topic:edit", args=(es_topic.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(edit, {"action": "publish"}).status_code == 302
    assert Topic.objects.get(pk=es_topic.pk).live
    assert "Inmunología" in text(reader, spanish.es_news.url)


def test_overview_translate_opens_the_form_with_that_language_ticked(
    admin_client, spanish, locales
):
    response = admin_client.get(reverse("translation_overview"), {"locale": "fr"})
    html = BeautifulSoup(response.content, "html.parser")
    cell = next(
        row.select_one('td[data-locale="fr"] a')
        for row in html.select("tbody tr")
        if row.select_one("th a").get_text(strip=True) == "Vaccine week opens"
    )
    form = BeautifulSoup(admin_client.get(cell["href"]).content, "html.parser")
    ticked = {box["value"] for box in form.select('input[name="locales"][checked]')}
    assert ticked == {str(locales["fr"].pk)}


def test_a_part_left_in_the_original_is_marked_in_its_language(
    admin_client, client, spanish, locales, django_capture_on_commit_callbacks
):
    """Published with one paragraph still in English, the Spanish page says so: that
    paragraph carries lang="en" (screen readers read it as English), the translated one
    does not."""
    capture = django_capture_on_commit_callbacks
    article = NewsPageFactory(
        parent=spanish.news,
        title="Lecture week",
        slug="lecture-week",
        body=[
            {"type": "paragraph", "value": "<p>The week opens on Monday.</p>"},
            {"type": "paragraph", "value": "<p>Lectures are recorded.</p>"},
        ],
    )
    draft = submit(admin_client, article, locales["es"], capture)
    texts = {
        "title": "Semana de clases",
        "The week opens on Monday.": "La semana empieza el lunes.",
    }
    type_in_editor(admin_client, translation_for(article, locales["es"]), texts)
    publish_in_editor(admin_client, draft, capture)

    client.logout()
    html = BeautifulSoup(text(client, Page.objects.get(pk=draft.pk).url), "html.parser")
    english = html.select(".body [lang=en]")
    assert [part.get_text(strip=True) for part in english] == ["Lectures are recorded."]
    spanish_text = html.find(string="La semana empieza el lunes.")
    assert spanish_text is not None and not spanish_text.find_parent(attrs={"lang": "en"})
