"""The choices an event offers its editor: format, status, how to register, who sees the
join link."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationMode(models.TextChoices):
    EXTERNAL = "external", _("At the registration address")
    SITE = "site", _("With the form on this site")


class JoinLinkVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone: shown on the event's page")
    REGISTRANTS = "registrants", _("Registrants only: in their reminders and on their own page")
