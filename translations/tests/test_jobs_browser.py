"""A bulk job started from the translation overview in Chromium, its progress bars filling
on the job's screen without a reload while the worker runs it."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Page

from news.factories import NewsPageFactory
from translations.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translations.machine.TestTranslator",
        "OPTIONS": {},
    }


def test_a_bulk_job_from_the_overview_reports_its_progress_as_the_worker_goes(
    admin_client, browser, site_tree, locales, queued, django_capture_on_commit_callbacks, tmp_path
):
    articles = [
        NewsPageFactory(parent=site_tree.news, title=title)
        for title in ("Fellows arrive in Leiden", "Lecture week opens")
    ]
    overview = browser.open("/admin/translations/overview/")
    for article in articles:
        overview.get_by_label(f"Choose {article.title}").check()
    overview.get_by_label("Action").select_option(label="Create missing translations")
    languages = overview.get_by_role("group", name="Languages")
    for box in languages.get_by_role("checkbox").all():
        box.uncheck()
    languages.get_by_label("Français").check()
    languages.get_by_label("Español").check()
    with django_capture_on_commit_callbacks(execute=True):
        overview.get_by_role("button", name="Run on the chosen pages").click()
        overview.wait_for_url("**/admin/translations/jobs/*/")
    job = Job.objects.get()
    assert overview.url.endswith(f"/admin/translations/jobs/{job.pk}/")
    bars = overview.locator("progress[data-page-progress]")
    assert bars.count() == 2
    assert [bars.nth(i).get_attribute("value") for i in range(2)] == ["0", "0"]
    assert "Running in the background" in overview.locator("[data-job-state]").inner_text()

    # The worker runs the queued tasks; the screen follows without being reloaded.
    overview.evaluate("window.notReloaded = true")
    call_command("run_worker", "--once", stdout=io.StringIO())
    expect(overview.locator("[data-job-state]")).to_have_text("Finished.", timeout=15000)
    assert overview.evaluate("window.notReloaded") is True
    assert [bars.nth(i).evaluate("bar => [bar.value, bar.max]") for i in range(2)] == [[2, 2]] * 2
    outcomes = overview.locator("[data-item-message]").all_inner_texts()
    assert outcomes == ["Created as a draft, to translate."] * 4
    assert overview.locator('[data-count="done"]').inner_text() == "4"
    shots = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    overview.screenshot(path=shots / "translation-job.png", full_page=True)
    assert not browser.console_errors
    for article in articles:
        assert Page.objects.filter(translation_key=article.translation_key).count() == 3
