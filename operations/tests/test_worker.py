"""Background tasks: scheduled publishing and translation syncs, run by `run_worker`."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from events.factories import EventPageFactory
from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker(*args):
    """The documented worker command, with tasks queued in the database."""
    output = io.StringIO()
    call_command("run_worker", *args, stdout=output)
    return output.getvalue()


def translate_into_french(admin_client, site_tree, page, locales, on_commit=None):
    """Submit the page (and its parents) for French, translate every string, publish
    (wagtail-localize publishes once the transaction commits)."""
    for submitted in (site_tree.home, page.get_parent(), page):
        url = reverse("wagtail_localize:submit_page_translation", args=(submitted.pk,))
        admin_client.post(url, {"locales": [locales["fr"].pk]})
    source = TranslationSource.objects.get_for_instance(page)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            context=segment.context,
            locale=locales["fr"],
            defaults={"data": f"FR {segment.string.data}"},
        )
    translation = source.translations.get(target_locale=locales["fr"])
    if on_commit is None:
        translation.save_target(publish=True)
    else:
        with on_commit(execute=True):
            translation.save_target(publish=True)
    return page.get_translation(locales["fr"]).specific


def move_start(page, days):
    page.start += datetime.timedelta(days=days)
    page.end += datetime.timedelta(days=days)
    page.save_revision().publish()


def test_new_dates_reach_a_fully_translated_event_at_once(
    admin_client, site_tree, locales, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=site_tree.events, title="Malaria symposium")
    french = translate_into_french(
        admin_client, site_tree, event, locales, django_capture_on_commit_callbacks
    )
    assert french.live and french.title == "FR Malaria symposium"

    with django_capture_on_commit_callbacks(execute=True):
        move_start(event, days=7)

    french.refresh_from_db()
    assert french.start == event.start  # published in French too
    assert french.title == "FR Malaria symposium"


def test_new_text_waits_for_the_translator(
    admin_client, site_tree, locales, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=site_tree.events, title="Malaria symposium")
    french = translate_into_french(
        admin_client, site_tree, event, locales, django_capture_on_commit_callbacks
    )
    live_start = french.start

    event.title = "Malaria and dengue symposium"
    with django_capture_on_commit_callbacks(execute=True):
        move_start(event, days=7)

    french.refresh_from_db()
    assert (french.start, french.title) == (live_start, "FR Malaria symposium")  # untouched
    source = TranslationSource.objects.get_for_instance(event)
    translation = source.translations.get(target_locale=locales["fr"])
    total, translated = translation.get_progress()
    assert translated == total - 1  # the new title, waiting in the translation editor


def test_the_worker_publishes_scheduled_pages(site_tree, queued_tasks):
    article = NewsPageFactory(parent=site_tree.news, live=False, title="Embargoed results")
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    assert not article.live
    # The go-live time comes.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()

    output = run_worker("--once")

    assert "queued in the database" in output
    assert Page.objects.get(pk=article.pk).live


def test_the_worker_runs_queued_translation_syncs(
    admin_client, site_tree, locales, django_capture_on_commit_callbacks, settings
):
    event = EventPageFactory(parent=site_tree.events, title="Vaccine lecture")
    french = translate_into_french(
        admin_client, site_tree, event, locales, django_capture_on_commit_callbacks
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        move_start(event, days=3)
    queued = DBTaskResult.objects.filter(task_path="translations.tasks.sync_translations")
    assert queued.filter(status="READY").count() == 1
    french.refresh_from_db()
    assert french.start != event.start  # not in the request: queued for the worker

    run_worker("--once")

    french.refresh_from_db()
    assert french.start == event.start
    assert queued.get().status == "SUCCESSFUL"
