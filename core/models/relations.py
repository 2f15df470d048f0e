from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from core.admin_widgets import FilterableSelect


class PersonRelation(Orderable):
    """An ordered link from a page to a person (speaker, author, organiser)."""

    person = models.ForeignKey(
        "core.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person", widget=FilterableSelect)]

    class Meta(Orderable.Meta):
        abstract = True
