"""Images and documents in the reader's language: an image's alternative text and credit,
and a document's version, per locale. The image's own description and credit, and the
original document, are the default language's."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string


class ImageText(models.Model):
    """What an image says in one language: its alternative text and credit or caption."""

    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="texts",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it, in this language."),
    )
    credit = models.CharField(
        _("credit or caption"),
        max_length=200,
        blank=True,
        help_text=_("The image's credit line in this language, e.g. “Photo: A. Jansen / LUMC”."),
    )

    class Meta:
        verbose_name = _("image text")
        verbose_name_plural = _("image texts")
        constraints = [
            models.UniqueConstraint(fields=["image", "locale"], name="unique_image_text_per_locale")
        ]

    def __str__(self):
        return f"{self.image} ({self.locale})"


class DocumentVariant(models.Model):
    """The version of a document that pages in one language link instead of it."""

    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="variants",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    variant = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("version in this language"),
        on_delete=models.CASCADE,
        related_name="variant_of",
    )

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "locale"], name="unique_document_variant_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.locale})"

    def clean(self):
        super().clean()
        if self.variant_id and self.variant_id == self.document_id:
            raise ValidationError({"variant": _("Choose another document than the original.")})
