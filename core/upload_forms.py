"""Admin upload forms that tell the editor when the media storage cannot take a file."""

import logging

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from core.health import check_storage

logger = logging.getLogger(__name__)

STORAGE_DOWN = _(
    "The file store cannot be reached just now, so nothing was saved. Please try again "
    "in a few minutes; if this keeps happening, tell the site's operators."
)


class StorageCheckedUploadMixin:
    """Checks the storage answers before a new file is accepted, so that an outage is a
    form error rather than a server error (and no record is saved without its file)."""

    def clean(self):
        cleaned_data = super().clean()
        if "file" in self.changed_data and not self.errors.get("file"):
            try:
                check_storage()
            except Exception as error:  # any failure of the storage means: not now
                logger.warning("upload refused, media storage unavailable: %s", error)
                self.add_error("file", forms.ValidationError(STORAGE_DOWN, code="storage"))
        return cleaned_data


class ImageForm(StorageCheckedUploadMixin, BaseImageForm):
    pass


class DocumentForm(StorageCheckedUploadMixin, BaseDocumentForm):
    pass
