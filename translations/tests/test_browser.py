"""A translator's first page, in Chromium, through wagtail-localize's own editor."""

import os
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import Page

from translations.tests.test_drafts import spanish as spanish_site
from translations.tests.test_drafts import submit

spanish = spanish_site

pytestmark = pytest.mark.django_db


def test_translator_publishes_in_the_editor_and_reads_what_is_left(
    admin_client, browser, spanish, locales, django_capture_on_commit_callbacks, tmp_path
):
    draft = submit(admin_client, spanish.article, locales["es"], django_capture_on_commit_callbacks)
    editor = browser.open(f"/admin/pages/{draft.pk}/edit/")

    # Publishing before translating anything is refused, and the message says what to do.
    editor.get_by_role("button", name="Publish in Español").click()
    editor.wait_for_load_state()
    refused = editor.locator(".messages").inner_text()
    assert "not published" in refused and "Slug" in refused
    assert not Page.objects.get(pk=draft.pk).live

    # Translate the title, then publish: the message names what is still in English.
    editor.get_by_role("button", name="Translate").first.click()
    editor.locator("textarea").first.fill("Empieza la semana de las vacunas")
    editor.get_by_role("button", name="Save").first.click()
    editor.get_by_role("button", name="Edit").first.wait_for()
    with django_capture_on_commit_callbacks(execute=True):
        editor.get_by_role("button", name="Publish in Español").click()
        editor.wait_for_load_state()
    shown = editor.locator(".messages").inner_text()
    shots = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    editor.screenshot(path=shots / "translation-published.png")
    assert "Published" in shown and "Still in the original language" in shown
    assert "Slug: “vaccine-week-opens”" in shown and "see below" not in shown

    published = Page.objects.get(pk=draft.pk)
    assert published.live and published.title == "Empieza la semana de las vacunas"
    reader = Client()
    answer = reader.get(published.url, HTTP_HOST="localhost")
    assert answer.status_code == 200 and b'lang="es"' in answer.content
