"""Machine translations wait for a person before they go live.

A machine-translated text counts as reviewed once someone holding the language's
translator role, or a moderator, approves it (a `SegmentReview` of that very text); a
human edit makes it a human translation. A translation with unreviewed machine text is
not published in that language (translations.policy, translations.publish_checks).
"""

from django.db.models import Exists, OuterRef
from wagtail_localize.models import StringSegment, StringTranslation

from translations.models import SegmentReview

MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE


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
