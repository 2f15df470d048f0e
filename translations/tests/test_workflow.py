"""The translation workflow editors run: a section at once, sync, PO files, the overview."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from news.factories import NewsPageFactory
from news.models import NewsPage

pytestmark = pytest.mark.django_db


def submit(admin_client, page, locales, subtree=False):
    data = {"locales": [locale.pk for locale in locales]}
    if subtree:
        data["include_subtree"] = "on"
    url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:300]


def overview_states(admin_client, **params):
    response = admin_client.get(reverse("translation_overview"), params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {
        (row.select_one("th a").get_text(strip=True), cell["data-locale"]): cell["data-state"]
        for row in html.select("tbody tr")
        for cell in row.select("td[data-locale]")
    }


def french_translator(django_user_model):
    """A client signed in as a member of "Translators (fr)" (the admin stays signed in on
    `admin_client`)."""
    call_command("create_translator_groups", stdout=None)
    translator = django_user_model.objects.create_user("marie", password="x")
    translator.groups.add(Group.objects.get(name="Translators (fr)"))
    client = Client()
    client.force_login(translator)
    return client


@pytest.fixture
def french_section(admin_client, site_tree, locales):
    """The home page and the whole news section translated into French in one action."""
    first = NewsPageFactory(parent=site_tree.news, title="Fellows arrive")
    second = NewsPageFactory(parent=site_tree.news, title="Lecture week")
    submit(admin_client, site_tree.home, [locales["fr"]])
    submit(admin_client, site_tree.news, [locales["fr"]], subtree=True)
    return first, second


def translated_and_published(page, locale, capture):
    """Every text of `page` translated into `locale` ("fr …"), and the translation
    published; its Translation."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=f"fr {segment.string.data}",
        )
    with capture(execute=True):
        translation.save_target(publish=True)
    return translation


def test_a_whole_section_is_translated_in_one_action(french_section, locales):
    french = NewsPage.objects.filter(locale=locales["fr"])
    assert sorted(french.values_list("title", flat=True)) == ["Fellows arrive", "Lecture week"]
    assert Translation.objects.filter(target_locale=locales["fr"]).count() == 4


def test_overview_shows_each_locales_state_and_follows_source_edits(
    admin_client, french_section, locales, django_capture_on_commit_callbacks
):
    first, _second = french_section
    states = overview_states(admin_client)
    assert states[("Fellows arrive", "fr")] == "missing"  # a draft, nothing translated yet
    assert states[("Fellows arrive", "nl")] == "missing"

    translated_and_published(first, locales["fr"], django_capture_on_commit_callbacks)
    assert overview_states(admin_client)[("Fellows arrive", "fr")] == "current"

    first.title = "Fellows arrive in Leiden"
    first.save_revision().publish()
    assert overview_states(admin_client)[("Fellows arrive in Leiden", "fr")] == "changed"

    # "Update" (sync) takes the new source text: the new title waits for its translation,
    # and the live French page keeps its translated text until then.
    source = TranslationSource.objects.get_for_instance(first)
    sync = reverse("wagtail_localize:update_translations", args=(source.pk,))
    assert admin_client.post(sync, {"publish_translations": "on"}).status_code == 302
    assert first.get_translation(locales["fr"]).title == "fr Fellows arrive"
    # Updated (as publishing the original does at once), it is still the live French page
    # whose original changed since: listed as such until its translator publishes it.
    only_fr = overview_states(admin_client, locale="fr", state="changed")
    assert only_fr == {("Fellows arrive in Leiden", "fr"): "changed"}
    missing = overview_states(admin_client, locale="nl", state="missing")
    assert {locale for _title, locale in missing} == {"nl"}


def test_a_live_translation_whose_original_was_published_since_is_listed_as_changed(
    admin_client, french_section, locales, django_capture_on_commit_callbacks
):
    """Publishing the original updates its translations at once (translations.tasks):
    the live French page with new text to translate is "Source changed since", found by
    that filter, until its translator publishes it; then it is current again."""
    first, _second = french_section
    translation = translated_and_published(first, locales["fr"], django_capture_on_commit_callbacks)
    assert overview_states(admin_client)[("Fellows arrive", "fr")] == "current"

    first.title = "Fellows arrive in Leiden"
    with django_capture_on_commit_callbacks(execute=True):
        first.save_revision().publish()
    changed = overview_states(admin_client, locale="fr", state="changed")
    assert changed == {("Fellows arrive in Leiden", "fr"): "changed"}

    segment = StringSegment.objects.get(
        source=translation.source, string__data="Fellows arrive in Leiden"
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=locales["fr"],
        context=segment.context,
        data="Les boursiers arrivent à Leyde",
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert overview_states(admin_client)[("Fellows arrive in Leiden", "fr")] == "current"


def test_overview_flags_machine_translations_not_reviewed(
    admin_client, french_section, locales, settings
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translations.tests.test_machine.ReversingTranslator",
        "OPTIONS": {},
    }
    first, _second = french_section
    translation = Translation.objects.get(
        source__object_id=first.translation_key, target_locale=locales["fr"]
    )
    admin_client.post(reverse("wagtail_localize:machine_translate", args=(translation.pk,)))
    assert StringTranslation.objects.filter(translation_type="machine").exists()
    assert overview_states(admin_client)[("Fellows arrive", "fr")] == "machine"


def test_po_files_go_out_to_translators_and_come_back(admin_client, french_section, locales):
    first, _second = french_section
    translation = Translation.objects.get(
        source__object_id=first.translation_key, target_locale=locales["fr"]
    )
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=(translation.pk,)))
    assert download.status_code == 200
    po = download.content.decode()
    assert 'msgid "Fellows arrive"' in po

    filled = po.replace(
        'msgid "Fellows arrive"\nmsgstr ""',
        'msgid "Fellows arrive"\nmsgstr "Arrivée des chercheurs"',
    )
    upload = SimpleUploadedFile("fr.po", filled.encode(), content_type="text/x-gettext-translation")
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)), {"file": upload}
    )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(
        locale=locales["fr"], data="Arrivée des chercheurs"
    ).exists()
    translation.save_target(publish=False)
    french = Page.objects.get(translation_key=first.translation_key, locale=locales["fr"])
    assert french.get_latest_revision_as_object().title == "Arrivée des chercheurs"


def test_a_revision_that_changes_no_text_leaves_translations_current(
    admin_client, french_section, locales, django_capture_on_commit_callbacks
):
    """Scheduling the original (as "Go live together" does) saves a revision with the
    same texts: its translations stay current, with their Review and Publish links."""
    first, _second = french_section
    translated_and_published(first, locales["fr"], django_capture_on_commit_callbacks)
    draft = first.get_latest_revision_as_object()
    draft.go_live_at = timezone.now() + datetime.timedelta(days=30)
    draft.save_revision()
    assert overview_states(admin_client)[("Fellows arrive", "fr")] == "current"

    draft.title = "Fellows arrive in Leiden"
    draft.save_revision()  # a new text, not yet published: the translation is behind
    assert overview_states(admin_client)[("Fellows arrive", "fr")] == "changed"


def test_texts_translated_since_publishing_are_not_called_current_until_live(
    admin_client, french_section, locales, django_capture_on_commit_callbacks
):
    first, _second = french_section
    translation = translated_and_published(first, locales["fr"], django_capture_on_commit_callbacks)
    title = StringTranslation.objects.get(
        translation_of__data="Fellows arrive", locale=locales["fr"]
    )
    title.data = "Les boursiers arrivent"
    title.save()  # as the translation editor saves a corrected text
    states = overview_states(admin_client, state="unpublished")
    assert states[("Fellows arrive", "fr")] == "unpublished"

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert overview_states(admin_client)[("Fellows arrive", "fr")] == "current"


def test_a_translator_gets_links_only_where_they_may_act(
    admin_client,
    french_section,
    locales,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    first, _second = french_section
    submit(admin_client, first, [locales["zh-hans"]])
    translated_and_published(first, locales["fr"], django_capture_on_commit_callbacks)
    first.title = "Fellows arrive in Leiden"
    with django_capture_on_commit_callbacks(execute=True):
        first.save_revision().publish()
    client = french_translator(django_user_model)

    html = BeautifulSoup(client.get(reverse("translation_overview")).content, "html.parser")
    row = next(r for r in html.select("tbody tr") if "Leiden" in r.th.get_text())
    french = row.select_one('td[data-locale="fr"]')
    assert french["data-state"] == "changed"
    [link] = french.select("a")
    assert link["href"] == reverse(
        "wagtailadmin_pages:edit", args=(first.get_translation(locales["fr"]).pk,)
    )
    assert client.get(link["href"]).status_code == 200  # not a refusal
    for code in ("zh-hans", "nl"):
        assert row.select_one(f'td[data-locale="{code}"] a') is None


def test_a_translator_submits_from_the_editor_what_they_translated(
    admin_client,
    french_section,
    locales,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    """A translator may edit but not publish: the editor offers "Submit for review", which
    sends the texts translated so far (an update of a live page too) to the moderators."""
    first, _second = french_section
    translation = translated_and_published(first, locales["fr"], django_capture_on_commit_callbacks)
    french = first.get_translation(locales["fr"])
    title = StringTranslation.objects.get(
        translation_of__data="Fellows arrive", locale=locales["fr"]
    )
    title.data = "Les boursiers arrivent"
    title.save()  # corrected in the editor after it went live
    client = french_translator(django_user_model)

    editor = client.get(reverse("wagtailadmin_pages:edit", args=(french.pk,)))
    html = BeautifulSoup(editor.content, "html.parser")
    form = html.select_one("form#submit-for-review")
    assert form["action"] == reverse("translation_submit_for_review", args=(translation.pk,))
    answer = client.post(form["action"], follow=True)
    assert "Submitted for review" in answer.content.decode()
    french.refresh_from_db()
    assert french.current_workflow_state is not None
    assert french.get_latest_revision().content["title"] == "Les boursiers arrivent"
    assert Page.objects.get(pk=french.pk).title == "fr Fellows arrive"  # live until approved

    # Another language's translation is refused, and nothing is submitted.
    submit(admin_client, first, [locales["nl"]])
    dutch = Translation.objects.get(
        source__object_id=first.translation_key, target_locale=locales["nl"]
    )
    refused = client.post(reverse("translation_submit_for_review", args=(dutch.pk,)))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert first.get_translation(locales["nl"]).current_workflow_state is None
    # Whoever may publish has Publish in the editor, not this form.
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=(french.pk,)))
    assert b'id="submit-for-review"' not in editor.content


@pytest.mark.parametrize(
    ("language", "total", "shown"),
    [
        ("ar", 11, "10 من 11 نصًا"),
        ("ar", 2, "1 من 2 نصين"),
        ("ar", 5, "4 من 5 نصوص"),
        ("fr", 1, "1 sur 1 texte,"),
        ("fr", 5, "4 sur 5 textes,"),
        ("es", 1, "1 de 1 texto,"),
    ],
)
def test_progress_counts_take_the_languages_plural_forms(language, total, shown):
    """The counted noun agrees with the total as each language counts ("11 نصًا")."""
    template = Template(
        "{% load i18n %}{% blocktrans count counter=total with done=done percent=percent %}"
        "{{ done }} of {{ counter }} text, {{ percent }}%{% plural %}"
        "{{ done }} of {{ counter }} texts, {{ percent }}%{% endblocktrans %}"
    )
    with translation.override(language):
        text = template.render(Context({"total": total, "done": max(total - 1, 1), "percent": 90}))
    assert shown in text
