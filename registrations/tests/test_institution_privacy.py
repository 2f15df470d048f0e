"""The institution, chosen from our partners in the reader's language or typed; and the
privacy notice the consent links to, in the reader's language."""

import re

import pytest
from wagtail.models import Site

from home.factories import ContentPageFactory
from partners.factories import PartnerPageFactory
from registrations.models import Registration, RegistrationSettings
from registrations.tests.conftest import form_url

pytestmark = pytest.mark.django_db


def translate(page, locale, title):
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    return copy


@pytest.fixture
def partners(site_tree):
    return {
        "leiden": PartnerPageFactory(parent=site_tree.partners, title="Leiden University"),
        "makerere": PartnerPageFactory(parent=site_tree.partners, title="Makerere University"),
    }


def options(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_partners_to_choose_from_and_other(client, event, partners):
    draft = PartnerPageFactory(parent=event.get_parent().get_parent(), title="Draft partner")
    draft.unpublish()

    html = client.get(form_url(event)).content.decode()

    assert options(html, "partner") == [
        ("", "—"),
        (str(partners["leiden"].pk), "Leiden University"),
        (str(partners["makerere"].pk), "Makerere University"),
        ("other", "Other (type it)"),
    ]
    assert '<label for="id_partner">Institution</label>' in html
    assert '<label for="id_institution">Other institution</label>' in html


def test_without_partners_the_institution_is_typed(client, event):
    html = client.get(form_url(event)).content.decode()
    assert 'name="partner"' not in html
    assert '<label for="id_institution">Institution</label>' in html


def test_partners_in_the_readers_language_else_the_default_one(
    client, translated_event, locales, partners
):
    french_event = translated_event("fr")
    french_leiden = translate(partners["leiden"], locales["fr"], "Université de Leyde")

    html = client.get(form_url(french_event, "fr")).content.decode()

    names = [label for _value, label in options(html, "partner")[1:-1]]
    assert names == ["Makerere University", "Université de Leyde"]
    assert str(french_leiden.pk) in html and f'value="{partners["leiden"].pk}"' not in html


def test_choosing_a_partner_sets_it_and_its_name(register, event, partners):
    register(event, partner=str(partners["leiden"].pk), institution="typed too")
    registration = Registration.objects.get()
    assert registration.partner.specific == partners["leiden"]
    assert registration.institution == "Leiden University"


@pytest.mark.parametrize("choice", ["other", ""])
def test_another_institution_is_typed(register, event, partners, choice):
    register(event, partner=choice, institution="Gulu University")
    registration = Registration.objects.get()
    assert registration.partner is None
    assert registration.institution == "Gulu University"


@pytest.fixture
def privacy(site_tree):
    page = ContentPageFactory(parent=site_tree.home, title="Privacy notice", slug="privacy")
    settings = RegistrationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = page
    settings.save()
    return page


def test_without_a_privacy_page_the_notice_is_inline(client, event):
    html = client.get(form_url(event)).content.decode()
    assert "we do not share them" in html
    assert 'aria-describedby="privacy-notice"' in html and 'id="privacy-notice"' in html


def test_the_consent_links_to_the_privacy_notice(client, event, privacy):
    html = client.get(form_url(event)).content.decode()
    assert f'<a href="{privacy.url}">privacy notice</a>' in html
    assert "we do not share them" not in html


def test_the_privacy_notice_in_the_readers_language(client, translated_event, locales, privacy):
    french_event = translated_event("fr")
    french = translate(privacy, locales["fr"], "Protection des données")

    html = client.get(form_url(french_event, "fr")).content.decode()

    assert f'href="{french.url}"' in html and french.url.startswith("/fr/")


def test_an_unpublished_translation_links_to_the_original(
    client, translated_event, locales, privacy
):
    french_event = translated_event("fr")
    french = translate(privacy, locales["fr"], "Protection des données")
    french.refresh_from_db()
    french.unpublish()

    html = client.get(form_url(french_event, "fr")).content.decode()

    assert f'href="{privacy.url}"' in html


def test_an_unpublished_privacy_page_is_not_linked(client, event, privacy):
    privacy.unpublish()
    html = client.get(form_url(event)).content.decode()
    assert "/privacy/" not in html and "we do not share them" in html
