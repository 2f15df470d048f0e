from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide")

    def ready(self):
        from wagtail.images import get_image_model

        from core import invalidation  # imports models: after loading
        from core.models import FooterText, Person, SiteSettings, Topic

        # What a change purges from the caches: the answers that showed it.
        invalidation.connect(
            shown_models=[Person, Topic, get_image_model()],
            site_wide_models=[FooterText, SiteSettings],
        )
