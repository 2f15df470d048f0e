from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Receivers connect once the app registry is ready (they import the models).
        from . import signals  # noqa: F401
