"""A translation goes live only when a translator publishes it, never with source text.

wagtail-localize saves every translation through `Translation.save_target`: translating a
page or a section, syncing after a source edit, the translation editor's Publish button.
Left as it is, that call publishes new translations of live pages at once with the source
text in place of the missing translations, and saving a draft of a live translation
writes the untranslated text into the live page. `install()` puts one rule in front of
it: only a complete translation, or one a translator publishes explicitly
(`publish_by_translator`), and never one with machine-translated text nobody has
reviewed, goes live; otherwise the translation is kept as a draft
revision and what readers see stays as it was.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
)

from translations.launch import held_until
from translations.review import translated_instance_or_none, unreviewed_segments

_library_save_target = Translation.save_target


def untranslated_segments(translation):
    """The source's text segments still without a translation in the target locale, in
    the order the translation editor shows them."""
    done = set(
        StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            has_error=False,
            context__object_id=translation.source.object_id,
        ).values_list("translation_of_id", "context_id")
    )
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("context", "string")
        .order_by("order")
    )
    return [s for s in segments if (s.string_id, s.context_id) not in done]


def segment_label(segment, instance):
    """A translator's name for a segment: the field's label and the text ("Slug:
    “lecture-week”"), with the block's label for a segment in a body ("Body › Quote: …")."""
    field_name, *rest = segment.context.path.split(".")
    try:
        field = type(instance)._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    label = str(field.verbose_name).capitalize() if field else field_name.replace("_", " ")
    block = None
    if rest and isinstance(field, StreamField):
        block_type = next(
            (child.block_type for child in getattr(instance, field_name) if child.id == rest[0]),
            None,
        )
        child_block = field.stream_block.child_blocks.get(block_type)
        block = str(child_block.label) if child_block is not None else None
    text = segment.string.data
    excerpt = text if len(text) <= 40 else f"{text[:40]}…"
    return f"{label} › {block}: “{excerpt}”" if block else f"{label}: “{excerpt}”"


def save_target(translation, user=None, publish=True):
    """wagtail-localize's `save_target` under our rule (see the module's docstring)."""
    total, translated = translation.get_progress()
    target = translated_instance_or_none(translation)
    draftable = target is None or isinstance(target, DraftStateMixin)
    if publish and draftable and (translated < total or unreviewed_segments(translation).exists()):
        publish = False
    if publish and held_until(translation):  # it goes live with its original
        publish = False
    if not publish and draftable and target is not None and target.live:
        if isinstance(target, Page) and target.alias_of_id:
            # An alias only repeats the source; as a translation it starts as a draft.
            _library_save_target(translation, user=user, publish=False)
            target.refresh_from_db()
            if target.live:
                target.unpublish(user=user)
            return
        _save_draft_revision(translation, user)
        return
    _library_save_target(translation, user=user, publish=publish)


def _save_draft_revision(translation, user):
    """A new draft of a live translation: a revision, leaving the live content alone."""
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    revision = draft.save_revision(user=user, clean=False)
    TranslationLog.objects.create(
        source=translation.source, locale=translation.target_locale, revision=revision
    )


def publish_by_translator(translation, user):
    """Publish on a translator's request, with what is translated so far; returns the
    segments still untranslated. Nothing is published when no text at all is translated,
    nor while machine-translated text awaits review (translations.review)."""
    missing = untranslated_segments(translation)
    total, _translated = translation.get_progress()
    if total and len(missing) >= total:
        return missing, False
    if unreviewed_segments(translation).exists():
        return missing, False
    _library_save_target(translation, user=user, publish=True)
    return missing, True


def install():
    Translation.save_target = save_target


def describe_missing(missing, instance):
    names = [segment_label(segment, instance) for segment in missing]
    shown = names[:8]
    more = len(names) - len(shown)
    text = "; ".join(shown)
    if more:
        text += " " + _("and %(count)d more") % {"count": more}
    return text
