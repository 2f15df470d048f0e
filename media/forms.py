"""The forms of the media translations screen."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.documents.widgets import AdminDocumentChooser

from media.models import ImageText

IMAGES = "images"
DOCUMENTS = "documents"
KINDS = {IMAGES: _("Images"), DOCUMENTS: _("Documents")}
CHOOSE_OR_UPLOAD = _("Choose a document or upload one.")
NOT_BOTH = _("Choose a document or upload one, not both.")
NOT_THE_ORIGINAL = _("Choose another document than the original.")


class MediaFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Show"), required=False, choices=list(KINDS.items()))
    locale = forms.ChoiceField(label=_("Language"), required=False)
    missing = forms.BooleanField(label=_("Missing only"), required=False)
    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)

    def __init__(self, data, *, locales):
        super().__init__(data)
        self.fields["locale"].choices = [("", _("All my languages"))] + [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]


class ImageTextForm(forms.ModelForm):
    class Meta:
        model = ImageText
        fields = ["alt_text", "credit"]


class DocumentChooser(AdminDocumentChooser):
    """Wagtail's chooser, which shows an id sent back that is no number as no choice
    (the field says what is wrong) instead of failing."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, ValidationError):
            return None


class VariantChoiceForm(forms.Form):
    variant = forms.ModelChoiceField(
        label=_("An existing document"),
        queryset=get_document_model().objects.all(),
        required=False,
        widget=DocumentChooser,
    )


def variant_upload_form(original, user, data=None, files=None, default_title=""):
    """Wagtail's document form (with this site's checks of the file), for a new document in
    the original's collection, so that it has the same readers."""
    form_class = get_document_form(get_document_model(), fields=["title", "file"])
    if data is not None and not data.get("upload-title"):
        data = data.copy()
        data["upload-title"] = default_title
    instance = get_document_model()(collection=original.collection, uploaded_by_user=user)
    form = form_class(data, files, instance=instance, prefix="upload", user=None)
    form.fields.pop("collection", None)
    form.fields["file"].required = False
    form.fields["title"].required = False
    form.fields["title"].help_text = _("Leave empty to use the original's title and the language.")
    return form
