"""Bulk work from the translation overview, run by the worker.

A job is one action on pages × languages. Starting it records an item per page and
language and queues one task per page; each task works through its page's languages and
records every outcome (done, skipped and why, failed), which the job's screen shows as it
goes. No action ever replaces a text a person translated: machine translation fills only
texts without a translation, and an update from the original keeps every translation.
"""

import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from translations import policy
from translations.launch import editor_language, held_until
from translations.models import Job, JobItem
from translations.publish_checks import may_publish
from translations.review import unreviewed_segments

logger = logging.getLogger(__name__)

# Texts sent to the machine translator in one request (DeepL takes at most 50).
MACHINE_BATCH = 50


# Said when a user works on a language that is not theirs.
REFUSED_LANGUAGE = gettext_lazy("You may not translate into this language.")


class Skip(Exception):  # noqa: N818 - an outcome, not an error
    """An item left as it was, with the reason a person reads in the report."""


def start(action, pages, locales, user):
    """Record the job and its items and queue its tasks once the transaction commits."""
    job = Job.objects.create(action=action, created_by=user)
    JobItem.objects.bulk_create(
        JobItem(job=job, page=page, locale=locale) for page in pages for locale in locales
    )
    page_ids = [page.pk for page in pages]
    transaction.on_commit(lambda: [run_page.enqueue(job.pk, page_id) for page_id in page_ids])
    return job


@task()
def run_page(job_id, page_id):
    """Carry out a job's action on one page in each of the job's languages."""
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return 0
    items = list(
        job.items.filter(page_id=page_id, status=JobItem.QUEUED)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page is not None else None
    # The report speaks the admin language of whoever started the job.
    with translation.override(editor_language(job.created_by)):
        run_items(job, page, items)
    if not job.items.exclude(status__in=JobItem.FINISHED).exists():
        Job.objects.filter(pk=job_id, finished_at__isnull=True).update(finished_at=timezone.now())
    return len(items)


def run_items(job, page, items):
    if page is not None and job.action == Job.SYNC and items:
        source = source_of(page)
        if source is not None:
            source.update_from_db()
    for item in items:
        JobItem.objects.filter(pk=item.pk).update(status=JobItem.RUNNING)
        try:
            if page is None:
                raise Skip(_("The page has been deleted."))
            with transaction.atomic():
                message = ACTIONS[job.action](page, item.locale, job.created_by)
            status = JobItem.DONE
        except Skip as reason:
            status, message = JobItem.SKIPPED, str(reason)
        except Exception as error:
            logger.exception("translation job %s: page %s in %s", job.pk, item.page_id, item.locale)
            status, message = JobItem.FAILED, _("Failed: %(error)s") % {"error": error}
        JobItem.objects.filter(pk=item.pk).update(
            status=status, message=message, finished_at=timezone.now()
        )


def source_of(page):
    return TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()


def translation_for(page, locale):
    """The page's translation into `locale`, or Skip when there is none to work on."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            source__locale_id=page.locale_id,
            target_locale=locale,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )
    target = policy.translated_instance_or_none(translation) if translation else None
    if target is None or getattr(target, "alias_of_id", None):
        raise Skip(_("Not translated yet: create the translation first."))
    return translation, target


def may_edit(user, target):
    return user is not None and target.permissions_for_user(user).can_edit()


def create(page, locale, user):
    if user is None or not user.has_perm("wagtail_localize.submit_translation"):
        raise Skip(_("You may not create translations."))
    existing = page.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id:
        raise Skip(_("Already translated."))
    TranslationCreator(user, [locale]).create_translations(page)
    return _("Created as a draft, to translate.")


def machine_translate(page, locale, user):
    translation, target = translation_for(page, locale)
    if not may_edit(user, target):
        raise Skip(REFUSED_LANGUAGE)
    translator = get_machine_translator()
    if translator is None:
        raise Skip(_("No machine translator is set up (DEEPL_API_KEY)."))
    if not translator.can_translate(translation.source.locale, locale):
        raise Skip(_("The machine translator does not translate into this language."))
    missing = policy.untranslated_segments(translation)
    if not missing:
        raise Skip(_("Nothing left to translate."))
    contexts = defaultdict(list)
    for segment in missing:
        contexts[segment.string.as_value()].append((segment.string_id, segment.context_id))
    strings = list(contexts)
    created = 0
    for start_at in range(0, len(strings), MACHINE_BATCH):
        batch = strings[start_at : start_at + MACHINE_BATCH]
        results = translator.translate(translation.source.locale, locale, batch)
        for string in batch:
            result = results.get(string)
            if result is None or result.data is None:
                continue
            for string_id, context_id in contexts[string]:
                # get_or_create: a text someone translated meanwhile stays theirs.
                _found, made = StringTranslation.objects.get_or_create(
                    translation_of_id=string_id,
                    locale=locale,
                    context_id=context_id,
                    defaults={
                        "data": result.data,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                        "tool_name": str(translator.display_name),
                        "last_translated_by": user,
                        "has_error": False,
                        "field_error": "",
                    },
                )
                created += made
    invalid = _save_draft(translation, user)
    log(
        instance=target,
        action="translations.machine_translate",
        user=user,
        data={"count": created, "locale": locale.language_code},
    )
    return (
        ngettext(
            "Machine-translated %(count)d text, to review.",
            "Machine-translated %(count)d texts, to review.",
            created,
        )
        % {"count": created}
        + invalid
    )


def sync(page, locale, user):
    translation, target = translation_for(page, locale)
    if not may_edit(user, target):
        raise Skip(REFUSED_LANGUAGE)
    if up_to_date(page, target):
        raise Skip(_("Already up to date with the original."))
    invalid = _save_draft(translation, user, publish=target.live)
    if invalid:
        raise Skip(invalid.strip())
    missing = len(policy.untranslated_segments(translation))
    if missing:
        return ngettext(
            "Updated from the original; %(count)d text to translate.",
            "Updated from the original; %(count)d texts to translate.",
            missing,
        ) % {"count": missing}
    return _("Updated from the original.")


def up_to_date(page, target):
    """Whether `target` was saved (or published, when it has no draft) after the last
    change to its original: an update would only add a revision and a publication."""
    saved = (
        target.latest_revision_created_at
        if target.has_unpublished_changes or not target.live
        else target.last_published_at
    )
    changed = page.latest_revision_created_at or page.last_published_at
    return bool(saved and changed and changed <= saved)


def save_newer_texts(translation, target, user):
    """Texts translated (in the editor) since the translation's latest revision become a
    draft revision: what is submitted is what the translator sees."""
    latest = StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    ).aggregate(latest=Max("updated_at"))["latest"]
    made = target.latest_revision_created_at
    if latest and (made is None or latest > made):
        translation.save_target(user=user, publish=False)
        target.refresh_from_db()


def submit(page, locale, user):
    translation, target = translation_for(page, locale)
    if not may_edit(user, target):
        raise Skip(REFUSED_LANGUAGE)
    _refuse_unfinished(translation, reviewed=False)  # the review is what it is submitted for
    if target.workflow_in_progress:
        raise Skip(_("Already in review."))
    save_newer_texts(translation, target, user)
    workflow = target.get_workflow()
    if workflow is None:
        raise Skip(_("No review workflow applies to this page."))
    if not target.has_unpublished_changes:
        raise Skip(_("Live and current: nothing to review."))
    workflow.start(target, user)
    return _("Submitted for review (%(workflow)s).") % {"workflow": workflow.name}


def publish(page, locale, user):
    translation, target = translation_for(page, locale)
    if user is None or not may_publish(user, target):
        raise Skip(_("You may not publish in this language."))
    if target.live and not target.has_unpublished_changes:
        raise Skip(_("Already live and current."))
    if moment := held_until(translation):
        raise Skip(
            _("Goes live with the original on %(moment)s.")
            % {"moment": date_format(timezone.localtime(moment), "DATETIME_FORMAT")}
        )
    _refuse_unfinished(translation)
    policy.publish_by_translator(translation, user)
    return _("Published.")


def _refuse_unfinished(translation, reviewed=True):
    missing = len(policy.untranslated_segments(translation))
    if missing:
        raise Skip(
            ngettext(
                "%(count)d text is not translated yet.",
                "%(count)d texts are not translated yet.",
                missing,
            )
            % {"count": missing}
        )
    waiting = unreviewed_segments(translation).count() if reviewed else 0
    if waiting:
        raise Skip(
            ngettext(
                "%(count)d machine-translated text awaits review.",
                "%(count)d machine-translated texts await review.",
                waiting,
            )
            % {"count": waiting}
        )


def _save_draft(translation, user, publish=False):
    """Save the translated page; return what the report says when it does not validate
    (the texts are kept, the translation editor shows the errors)."""
    try:
        translation.save_target(user=user, publish=publish)
    except ValidationError as error:
        return " " + _("The page does not validate yet: %(error)s") % {
            "error": "; ".join(error.messages)
        }
    return ""


ACTIONS = {
    Job.CREATE: create,
    Job.MACHINE: machine_translate,
    Job.SYNC: sync,
    Job.SUBMIT: submit,
    Job.PUBLISH: publish,
}
