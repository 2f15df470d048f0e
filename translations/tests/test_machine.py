"""Machine translation through the translation editor honours the do-not-translate list."""

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.models import SiteSettings
from news.factories import NewsPageFactory
from translations.machine import ProtectedTermsMixin

pytestmark = pytest.mark.django_db


class ReversingTranslator(ProtectedTermsMixin, DummyTranslator):
    """Reverses the word order, like wagtail-localize's dummy translator, offline."""


FAKE = {"CLASS": "translations.tests.test_machine.ReversingTranslator", "OPTIONS": {}}


def test_machine_translation_keeps_protected_terms(admin_client, site_tree, locales, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = FAKE
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.do_not_translate = "Leiden University Medical Center\nInnoCore"
    site_settings.save()
    article = NewsPageFactory(
        parent=site_tree.news,
        title="InnoCore welcomes new partners",
        summary="Students visit Leiden University Medical Center this week",
    )
    home_fr = site_tree.home.copy_for_translation(locales["fr"])
    home_fr.save_revision().publish()
    news_fr = site_tree.news.copy_for_translation(locales["fr"])
    news_fr.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=locales["fr"])
    translation.save_target(publish=False)  # what "Translate" in the page menu does

    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=(translation.pk,)), {"next": "/admin/"}
    )
    assert response.status_code == 302

    translated = dict(
        StringTranslation.objects.filter(locale=locales["fr"]).values_list(
            "translation_of__data", "data"
        )
    )
    title = translated["InnoCore welcomes new partners"]
    summary = translated["Students visit Leiden University Medical Center this week"]
    # The fake translator reverses word order; protected names come back whole.
    assert "InnoCore" in title and title.split()[:2] == ["partners", "new"]
    assert "Leiden University Medical Center" in summary
    assert "Center Medical University Leiden" not in summary
    assert summary.split()[0] == "week"
    assert StringTranslation.objects.filter(translation_type="machine").exists()


def test_no_machine_translation_without_a_key(admin_client, site_tree, locales, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    article = NewsPageFactory(parent=site_tree.news)
    source, _created = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=locales["fr"])
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=(translation.pk,))
    )
    assert response.status_code == 404
