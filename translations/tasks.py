"""Keeping translations in step with their source, in the background: queued when a
source page is published, run by the worker (or at once with the immediate backend)."""

import contextlib
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks import task
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

logger = logging.getLogger(__name__)


@task()
def sync_translations(page_id):
    """After a source page is published, bring its translations up to date.

    The translation editors show the new source text at once. Synchronised fields
    (dates, places, images, links) reach every language at once where the text is all
    translated; a live translation with new text to translate stays as it is, its draft
    waiting for its translator; one never published is brought up to date as a draft."""
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
            # gets a draft for its translator (translations.policy).
            with contextlib.suppress(ValidationError):
                translation.save_target(publish=live)
                synced += 1
    logger.info("synced %d translation(s) of page %d", synced, page_id)
    return synced


def sync_translations_after_publish(sender, instance, **kwargs):
    """Queue the sync when a page that others are translated from is published."""
    is_source = TranslationSource.objects.filter(
        object_id=instance.translation_key,
        locale_id=instance.locale_id,
        translations__enabled=True,
    ).exists()
    if is_source:
        page_id = instance.pk
        transaction.on_commit(lambda: sync_translations.enqueue(page_id))
