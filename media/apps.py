from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Media")

    def ready(self):
        from wagtail.documents import get_document_model

        from media.invalidation import media_changed  # imports models: after loading
        from media.models import DocumentVariant, ImageText

        for model in (ImageText, DocumentVariant, get_document_model()):
            uid = f"invalidate-{model._meta.label_lower}"
            post_save.connect(media_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(media_changed, sender=model, dispatch_uid=f"{uid}-delete")
