from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from core.content_cache import bump_content_version

# Fields Wagtail fills in on a document's first use; nothing a reader sees changes.
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def bump_when_media_changes(sender, update_fields=None, **kwargs):
    """Pages show image texts, document versions and documents' names and addresses."""
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    bump_content_version()


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Media")

    def ready(self):
        from wagtail.documents import get_document_model

        from media.models import DocumentVariant, ImageText

        for model in (ImageText, DocumentVariant, get_document_model()):
            uid = f"content-version-{model._meta.label_lower}"
            post_save.connect(bump_when_media_changes, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(bump_when_media_changes, sender=model, dispatch_uid=f"{uid}-delete")
