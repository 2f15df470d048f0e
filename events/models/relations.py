"""What an event page holds besides its fields: speakers, hosting partners, the
materials of a session that took place."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from core.models import PersonRelation
from partners.models import PartnerRelation


class EventSpeaker(PersonRelation):
    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="speakers")


class EventHostPartner(PartnerRelation):
    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="host_partners")


class SessionMaterial(Orderable):
    """A recording, slides or other material from a session that took place."""

    class Kind(models.TextChoices):
        RECORDING = "recording", _("Recording")
        SLIDES = "slides", _("Slides")
        OTHER = "other", _("Other material")

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RECORDING)
    title = models.CharField(_("title"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("or an address"), blank=True)

    panels = [FieldPanel("kind"), FieldPanel("title"), FieldPanel("document"), FieldPanel("url")]

    def clean(self):
        super().clean()
        if bool(self.document_id) == bool(self.url):
            raise ValidationError({"url": _("Choose a document or enter an address, not both.")})

    @property
    def href(self):
        return self.document.url if self.document_id else self.url
