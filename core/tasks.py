"""Background tasks: scheduled publishing and keeping translations in step with sources.

They run through Wagtail's tasks framework: in the request with the immediate backend,
or queued in the database for `python manage.py run_worker` (TASKS_BACKEND=database).
"""

import contextlib
import logging
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks import task

logger = logging.getLogger(__name__)


@contextmanager
def only_one_at_a_time(name):
    """A PostgreSQL advisory lock, so that several workers never run the same job at
    once; yields False when another holds it. Other databases have one worker."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [name])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [name])


@task()
def publish_scheduled_pages():
    """Publish pages whose go-live time has come and unpublish expired ones."""
    with only_one_at_a_time("publish_scheduled") as acquired:
        if acquired:
            call_command("publish_scheduled", verbosity=0)
        else:
            logger.info("scheduled publishing already running elsewhere")


@task()
def prune_task_results():
    """Forget results of finished tasks after 14 days, and of failed ones after 30."""
    with only_one_at_a_time("prune_task_results") as acquired:
        if acquired:
            call_command("prune_db_task_results", "--failed-min-age-days", "30", verbosity=0)


@task()
def sync_translations(page_id):
    """After a source page is published, bring its translations up to date.

    The translation editors show the new source text at once. Synchronised fields
    (dates, places, images, links) reach every language at once where the text is all
    translated; a live translation with new text to translate stays as it is, its draft
    waiting for its translator; one never published is brought up to date as a draft."""
    from wagtail.models import Page
    from wagtail_localize.models import TranslationSource

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return 0
    with transaction.atomic():
        source.update_from_db()
        synced = 0
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            target = page.get_translation_or_none(translation.target_locale)
            live = target is not None and target.live
            # A live translation with new text to translate keeps its live content and
            # gets a draft for its translator (core.translation_policy).
            with contextlib.suppress(ValidationError):
                translation.save_target(publish=live)
                synced += 1
    logger.info("synced %d translation(s) of page %d", synced, page_id)
    return synced


def sync_translations_after_publish(sender, instance, **kwargs):
    """Queue the sync when a page that others are translated from is published."""
    from wagtail_localize.models import TranslationSource

    is_source = TranslationSource.objects.filter(
        object_id=instance.translation_key,
        locale_id=instance.locale_id,
        translations__enabled=True,
    ).exists()
    if is_source:
        page_id = instance.pk
        transaction.on_commit(lambda: sync_translations.enqueue(page_id))
