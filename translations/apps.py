from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from wagtail.signals import page_published

        # These import models, so they wait until the apps are loaded.
        from translations import permissions, policy, review
        from translations.tasks import sync_translations_after_publish

        permissions.register()
        policy.install()
        review.install()
        # Translations follow their source in the background.
        page_published.connect(sync_translations_after_publish, dispatch_uid="sync-translations")
