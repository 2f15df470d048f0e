"""Admin upload forms: a file is stored only if its content is what its name says, it
cannot exhaust the server when read, and the media storage answers."""

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from media.file_checks import check_document, declared_image_size
from media.storage import check_storage

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


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, which decodes an image before counting its pixels: here the
    header's count is checked first, and an image that fails to decode (truncated,
    corrupt) is a form error instead of a server error."""

    def to_python(self, data):
        if isinstance(data, UploadedFile) and self.max_image_pixels:
            size = declared_image_size(data)
            if size and size[0] * size[1] > self.max_image_pixels:
                raise ValidationError(
                    self.error_messages["file_too_many_pixels"]
                    % {"num_pixels": size[0] * size[1], "max_pixels_count": self.max_image_pixels},
                    code="file_too_many_pixels",
                )
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # Pillow's decoders raise OSError, SyntaxError, zlib.error...
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    @classmethod
    def replacing(cls, field):
        """The same field as `field` (label, widget, required), checked."""
        return cls(
            label=field.label,
            required=field.required,
            widget=field.widget,
            initial=field.initial,
            disabled=field.disabled,
        )


class ImageForm(StorageCheckedUploadMixin, BaseImageForm):
    """Every image upload view (add, multiple, chooser, edit) builds this form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailImageField):
            self.fields["file"] = CheckedImageField.replacing(self.fields["file"])


class DocumentForm(StorageCheckedUploadMixin, BaseDocumentForm):
    """Every document upload view (add, multiple, chooser, edit) builds this form; its
    content is checked against its extension (media/file_checks.py)."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):
            check_document(upload)
        return upload

    def _post_clean(self):
        # Wagtail's Document.clean() checks the extension again, on an instance that has no
        # file yet when the upload was refused: its "File extension “” is not allowed" would
        # follow the real reason. Keep only the reasons given before it.
        reasons = len(self.errors.get("file", []))
        super()._post_clean()
        if reasons:
            del self._errors["file"][reasons:]
