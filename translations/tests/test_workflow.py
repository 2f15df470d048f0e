"""The translation workflow editors run: a section at once, sync, PO files, the overview."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
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
