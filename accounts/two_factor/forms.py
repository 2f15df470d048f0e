"""The code field phones fill in by themselves, and the form that turns verification off."""

from django import forms
from django.utils.translation import gettext_lazy as _

CODE_LENGTH = 6


def code_field(required=True):
    return forms.CharField(
        label=_("6-digit code"),
        required=required,
        help_text=_("The code your authenticator app shows for this site now."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "maxlength": CODE_LENGTH + 1,
                "size": CODE_LENGTH + 1,
                "spellcheck": "false",
            }
        ),
    )


def clean_code(value):
    code = "".join(value.split())
    if value and not (code.isdigit() and len(code) == CODE_LENGTH):
        raise forms.ValidationError(_("Enter the 6 digits your authenticator app shows."))
    return code


class CodeForm(forms.Form):
    code = code_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["autofocus"] = True

    def clean_code(self):
        return clean_code(self.cleaned_data["code"])


class TurnOffForm(forms.Form):
    code = code_field(required=False)
    password = forms.CharField(
        label=_("Or your password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_code(self):
        return clean_code(self.cleaned_data["code"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("code") or cleaned.get("password")):
            raise forms.ValidationError(_("Enter a code from your app or your password."))
        return cleaned
