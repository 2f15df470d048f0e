"""Machine translations wait for a person before they go live.

A machine-translated text counts as reviewed once someone holding the language's
translator role, or a moderator, approves it (a `SegmentReview` of that very text); a
human edit makes it a human translation. A translation with unreviewed machine text is
not published in that language (translations.policy, translations.publish_checks).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import TaskState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from accounts.roles import MODERATORS
from translations.models import SegmentReview

MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE


def translated_instance_or_none(translation):
    try:
        return translation.source.get_translated_instance(translation.target_locale)
    except ObjectDoesNotExist:
        return None


def current_translations(translation):
    """The target language's translations of the source's current texts."""
    in_source = StringSegment.objects.filter(
        source_id=translation.source_id,
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    )
    return StringTranslation.objects.filter(
        Exists(in_source), locale_id=translation.target_locale_id, has_error=False
    )


def approved():
    """A filter: the machine translation's approval is of its present text."""
    return Exists(
        SegmentReview.objects.filter(string_translation_id=OuterRef("pk"), data=OuterRef("data"))
    )


def unreviewed_segments(translation):
    """The machine translations of the source's current texts that nobody approved."""
    return current_translations(translation).filter(translation_type=MACHINE).exclude(approved())


def reviewer_locales(user):
    """The locales whose machine translations `user` may approve: every locale for
    superusers and moderators, else those of the user's translator groups."""
    if not user.is_active:
        return set()
    if user.is_superuser or user.groups.filter(name=MODERATORS).exists():
        return None
    return set(
        user.groups.filter(translator_locale__isnull=False).values_list(
            "translator_locale__locale_id", flat=True
        )
    )


def may_review(user, locale):
    locales = reviewer_locales(user)
    return locales is None or locale.pk in locales


def approve(translation, user, ids=None):
    """Approve the translation's unreviewed machine texts (those with primary keys in
    `ids`, or all); log it on the translated page; return how many were approved."""
    pending = unreviewed_segments(translation)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    now = timezone.now()
    approved_count = 0
    with transaction.atomic():
        for string_translation in pending.select_for_update(of=("self",)):
            SegmentReview.objects.update_or_create(
                string_translation=string_translation,
                defaults={"data": string_translation.data, "reviewed_by": user, "reviewed_at": now},
            )
            approved_count += 1
        target = translated_instance_or_none(translation)
        if approved_count and target is not None:
            log(
                instance=target,
                action="translations.review",
                user=user,
                data={"count": approved_count, "locale": translation.target_locale.language_code},
            )
    return approved_count


def translation_of(instance):
    """The wagtail-localize translation that `instance` (a page or snippet) is the target
    of, or None for an original or an unmanaged translation."""
    key = getattr(instance, "translation_key", None)
    if key is None:
        return None
    return (
        Translation.objects.filter(
            source__object_id=key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


_library_task_approve = TaskState.approve


def approve_task_with_review(task_state, user=None, update=True, comment=""):
    """A moderation approval by someone who may review the language approves the
    translation's machine texts too: the approver has read the page they approve."""
    if user is not None:
        instance = task_state.workflow_state.content_object
        translation = translation_of(instance) if instance is not None else None
        if translation is not None and may_review(user, translation.target_locale):
            approve(translation, user)
    return _library_task_approve(task_state, user=user, update=update, comment=comment)


def install():
    TaskState.approve = approve_task_with_review
