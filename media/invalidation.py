"""What a change to an image's texts or a document purges from the caches."""

from core.dependencies import object_tag
from core.invalidation import BOOKKEEPING_FIELDS, purge_on_commit, referrers
from media.localized import MEDIA


def media_changed(sender, instance, update_fields=None, **kwargs):
    """An image's texts in a language, a document or its version in a language: the
    pages that show the image or document, and the per-language lookups (`media`)."""
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    shown = getattr(instance, "image", None) or getattr(instance, "document", None) or instance
    purge_on_commit({MEDIA, object_tag(shown), *referrers(shown)})
