"""A translation never becomes an alias of its original: readers of that language would
get the original's text under their language's address."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from news.models import NewsPage
from translations.tests.test_drafts import (
    publish_in_editor,
    spanish,  # noqa: F401 - the fixture
    submit,
    text,
    translation_for,
    type_in_editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_spanish(admin_client, spanish, locales, django_capture_on_commit_callbacks):  # noqa: F811
    capture = django_capture_on_commit_callbacks
    draft = submit(admin_client, spanish.article, locales["es"], capture)
    texts = {"title": "Empieza la semana de las vacunas", "slug": "semana-de-las-vacunas"}
    type_in_editor(admin_client, translation_for(spanish.article, locales["es"]), texts)
    publish_in_editor(admin_client, draft, capture)
    return NewsPage.objects.get(pk=draft.pk)


def test_converting_a_translation_to_an_alias_is_refused_and_readers_keep_it(
    admin_client, client, live_spanish
):
    url = reverse("wagtail_localize:convert_to_alias", args=(live_spanish.pk,))
    for method in (admin_client.get, admin_client.post):
        response = method(url, follow=True)
        assert response.redirect_chain[0] == (
            reverse("wagtailadmin_pages:edit", args=(live_spanish.pk,)),
            302,
        )
        messages = [str(m) for m in response.context["messages"]]
        assert any("cannot become an alias" in m for m in messages), messages
    page = Page.objects.get(pk=live_spanish.pk)
    assert page.alias_of_id is None and page.live
    html = BeautifulSoup(text(client, live_spanish.url), "html.parser")
    assert html.h1.get_text(strip=True) == "Empieza la semana de las vacunas"


def test_no_convert_to_alias_button_is_offered(admin_client, live_spanish, locales):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(live_spanish.pk,)))
    assert edit.status_code == 200
    html = edit.content.decode()
    # The page action menu has no such item; the translation editor's button is hidden.
    assert 'name="localize-convert-to-alias"' not in html
    assert 'a[href*="/convert_to_alias/"] { display: none !important; }' in html
    # A translation whose sync was stopped is edited in Wagtail's own form: no item there.
    translation = translation_for(live_spanish.alias_of or live_spanish, locales["es"])
    translation.enabled = False
    translation.save()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(live_spanish.pk,)))
    assert "Convert to alias page" not in edit.content.decode()


def test_an_alias_cannot_be_copied_into_another_languages_section(admin_client, spanish):  # noqa: F811
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=(spanish.article.pk,)),
        {
            "new_title": spanish.article.title,
            "new_slug": "vaccine-week-opens-alias",
            "new_parent_page": spanish.es_news.pk,
            "alias": "on",
        },
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("must stay in its own language" in m for m in messages), messages
    assert not Page.objects.filter(alias_of=spanish.article).exists()
