from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide")

    def ready(self):
        from . import permissions

        permissions.register()
        from . import translation_policy

        translation_policy.install()
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .cdn import purge_listings
        from .content_cache import bump_content_version, bump_when_content_changes
        from .tasks import sync_translations_after_publish

        # Publishing, unpublishing and deleting all save or delete the page; a move
        # rewrites paths without a save.
        post_save.connect(bump_when_content_changes, dispatch_uid="content-version-save")
        post_delete.connect(bump_when_content_changes, dispatch_uid="content-version-delete")
        post_page_move.connect(bump_content_version, dispatch_uid="content-version-move")
        # A CDN, when configured: the listings and feeds that show a published page.
        page_published.connect(purge_listings, dispatch_uid="cdn-listings-published")
        page_unpublished.connect(purge_listings, dispatch_uid="cdn-listings-unpublished")
        # Translations follow their source in the background.
        page_published.connect(sync_translations_after_publish, dispatch_uid="sync-translations")
        # Failed sign-ins are cleared once a sign-in is complete (two-step code included).
        from django.contrib.auth.signals import user_logged_in

        from .login_security import clear_failures_after_sign_in

        user_logged_in.connect(clear_failures_after_sign_in, dispatch_uid="clear-sign-in-failures")
