from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError

from core.storage_errors import storage_errors_as


class CustomImage(AbstractImage):
    """Wagtail's image with a credit line, shown wherever the image is."""

    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_('Photographer or source, e.g. "Photo: A. Jansen / LUMC".'),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    # With the media storage unreachable, a missing rendition is left out of the page
    # (Wagtail's "not found" rendition) instead of failing the whole page.
    def get_rendition(self, filter):
        with storage_errors_as(SourceImageIOError):
            return super().get_rendition(filter)

    def get_renditions(self, *filters):
        with storage_errors_as(SourceImageIOError):
            return super().get_renditions(*filters)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
