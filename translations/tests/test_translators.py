"""Translators of one locale edit and submit that locale's pages and snippets only."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core.factories import PersonFactory
from news.factories import NewsPageFactory
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_tree(site_tree, locales):
    trees = {}
    for code in ("fr", "nl"):
        home = site_tree.home.copy_for_translation(locales[code])
        home.save_revision().publish()
        news = site_tree.news.copy_for_translation(locales[code])
        news.save_revision().publish()
        trees[code] = NewsPageFactory(parent=news, title=f"Article ({code})", locale=locales[code])
    call_command("create_translator_groups", stdout=None)
    return trees


@pytest.fixture
def french_translator(client, django_user_model, translated_tree):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("traductrice", password="x")
    user.groups.add(Group.objects.get(name="Translators (fr)"))
    client.force_login(user)
    return client


def test_command_creates_one_group_per_locale(translated_tree):
    from django.contrib.auth.models import Group

    names = set(Group.objects.filter(name__startswith="Translators").values_list("name", flat=True))
    assert names == {f"Translators ({c})" for c in ("nl", "fr", "es", "pt", "zh-hans", "id", "ar")}
    call_command("create_translator_groups", stdout=None)  # idempotent
    assert Group.objects.filter(name__startswith="Translators").count() == 7


def test_translator_edits_and_submits_own_locale_page(french_translator, translated_tree):
    page = translated_tree["fr"]
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert french_translator.get(edit).status_code == 200
    data = page_form_data(type(page), "Article traduit", publish=False, slug=page.slug)
    data["action-submit"] = "Submit"
    response = french_translator.post(edit, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().content["title"] == "Article traduit"
    assert page.current_workflow_state is not None  # submitted for moderation


def test_translator_is_refused_on_another_locales_page(
    french_translator, translated_tree, site_tree
):
    for page in (translated_tree["nl"], site_tree.news):
        edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        response = french_translator.get(edit)
        assert response.status_code in (302, 403)
        response = french_translator.post(
            edit, page_form_data(type(page.specific), "Hacked", slug=page.slug)
        )
        page.refresh_from_db()
        assert page.title != "Hacked"


def test_translator_edits_own_locale_snippets_only(french_translator, locales):
    french = PersonFactory(name="Amina", locale=locales["fr"])
    dutch = PersonFactory(name="Amina", locale=locales["nl"])
    assert (
        french_translator.get(
            reverse("wagtailsnippets_core_person:edit", args=(french.pk,))
        ).status_code
        == 200
    )
    refused = french_translator.get(reverse("wagtailsnippets_core_person:edit", args=(dutch.pk,)))
    assert refused.status_code in (302, 403)


def test_translator_publishes_own_languages_snippet_translation_only(
    french_translator, locales, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringTranslation, TranslationSource

    person = PersonFactory(name="Ana Costa", role="Professor", locale=locales["en"])
    source, _created = TranslationSource.get_or_create_from_instance(person)
    drafts = {}
    for code in ("fr", "nl"):
        translation = source.translations.create(target_locale=locales[code])
        for segment in source.stringsegment_set.select_related("string", "context"):
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locales[code],
                context=segment.context,
                data=f"{segment.string.data} ({code})",
            )
        translation.save_target(publish=False)
        drafts[code] = type(person).objects.get(
            translation_key=person.translation_key, locale=locales[code]
        )
        assert drafts[code].live is False
    for code in ("nl", "fr"):
        edit = reverse("wagtailsnippets_core_person:edit", args=(drafts[code].pk,))
        with django_capture_on_commit_callbacks(execute=True):
            response = french_translator.post(edit, {"action": "publish"})
        # Refused: the admin's permission-denied redirect; allowed: back to the editor.
        assert response["Location"] == ("/admin/" if code == "nl" else edit), code
    assert type(person).objects.get(pk=drafts["nl"].pk).live is False
    assert type(person).objects.get(pk=drafts["fr"].pk).live is True


def test_a_translator_is_offered_only_what_they_may_do(
    french_translator, django_user_model, translated_tree, site_tree
):
    """No "Add event"/"Add news" on the dashboard, no "Translate" link that creates a
    translation, and the bulk form ticks only their own language."""
    from django.contrib.auth.models import Group

    assert (
        not Group.objects.get(name="Translators (fr)")
        .permissions.filter(codename="submit_translation")
        .exists()
    )
    dashboard = french_translator.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("events:choose_parent") not in dashboard
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    editors = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("events:choose_parent") in editors

    NewsPageFactory(parent=site_tree.news, title="Only in English")
    overview = french_translator.get(reverse("translation_overview")).content.decode()
    assert "submit/page/" not in overview  # no link that would create a translation
    ticked = re.findall(r'name="locales"\s+value="([^"]+)"\s+checked', overview)
    assert ticked == ["fr"]
