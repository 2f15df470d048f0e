from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import post_page_move

from core.content_cache import bump_content_version


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide")

    def ready(self):
        from core.signals import bump_when_content_changes  # imports models: after loading

        # Publishing, unpublishing and deleting all save or delete the page; a move
        # rewrites paths without a save.
        post_save.connect(bump_when_content_changes, dispatch_uid="content-version-save")
        post_delete.connect(bump_when_content_changes, dispatch_uid="content-version-delete")
        post_page_move.connect(bump_content_version, dispatch_uid="content-version-move")
