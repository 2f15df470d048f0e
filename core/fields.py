"""Model fields shared by several content types."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class MultipleChoiceField(models.JSONField):
    """A list of codes from fixed choices, edited as checkboxes.

    Stored as JSON so it works the same on PostgreSQL and SQLite.
    """

    def __init__(self, *args, multiple_choices=(), **kwargs):
        self.multiple_choices = list(multiple_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["multiple_choices"] = self.multiple_choices
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.multiple_choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {code for code, _label in self.multiple_choices}
        unknown = [code for code in value or [] if code not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(codes)s"), params={"codes": ", ".join(unknown)}
            )

    def labels(self, value):
        names = dict(self.multiple_choices)
        return [names[code] for code in value or [] if code in names]
