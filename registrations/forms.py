"""The registration form, with its two quiet checks against robots: a field people never
see, and a minimum time between showing the form and sending it."""

import time
import zoneinfo

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.admin_widgets import COMMON_TIME_ZONES
from registrations.models import Registration

MINIMUM_FILL_SECONDS = 3
SHOWN_AT_SALT = "registrations.form.shown_at"
# Characters that could start a new header line or hide in one.
FORBIDDEN_CHARACTERS = {chr(code) for code in range(32)} | {"\x7f", "\u2028", "\u2029"}


def shown_at_value(moment=None):
    """The signed moment the form was shown, for its hidden field."""
    return signing.dumps(moment if moment is not None else time.time(), salt=SHOWN_AT_SALT)


def one_line(value):
    if any(character in FORBIDDEN_CHARACTERS for character in value):
        raise forms.ValidationError(_("Use one line of ordinary text."), code="control")
    return value


class TimeZoneField(forms.ChoiceField):
    """The common zones to choose from; any zone the browser names is accepted too."""

    def __init__(self, **kwargs):
        choices = [(name, name.replace("_", " ")) for name in COMMON_TIME_ZONES]
        super().__init__(choices=choices, **kwargs)

    def ensure_listed(self, name):
        if name and name not in dict(self.choices):
            self.choices = [(name, name.replace("_", " ")), *self.choices]

    def valid_value(self, value):
        return value in zoneinfo.available_timezones()


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, validators=[one_line])
    email = forms.EmailField(label=_("E-mail"), max_length=254, validators=[one_line])
    institution = forms.CharField(
        label=_("Institution"), max_length=200, required=False, validators=[one_line]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Registration.Role.choices)
    time_zone = TimeZoneField(
        label=_("Your time zone"),
        help_text=_("We write the event's times in your time zone too."),
    )
    consent = forms.BooleanField(label=_("I agree that my registration is stored"))
    # The honeypot: hidden from people, filled in by robots.
    website = forms.CharField(required=False, max_length=200)
    shown_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, event_zone, **kwargs):
        kwargs.setdefault("initial", {}).update(time_zone=event_zone, shown_at=shown_at_value())
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]
        self.fields["time_zone"].ensure_listed(event_zone)
        if self.is_bound:
            self.fields["time_zone"].ensure_listed(self.data.get("time_zone"))
        else:  # registration-zone.js puts the reader's own zone in its place
            self.fields["time_zone"].widget.attrs["data-browser-zone"] = ""
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def sent_by_a_robot(self):
        """True when the honeypot is filled, or the form came back too fast or unsigned."""
        if self.data.get("website"):
            return True
        try:
            shown_at = float(signing.loads(self.data.get("shown_at", ""), salt=SHOWN_AT_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return True
        return time.time() - shown_at < MINIMUM_FILL_SECONDS
