"""The admin's forms on registrations: the listing's filters and the message to registrants."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from registrations.models import Registration


class RegistrationFilterForm(forms.Form):
    """Search and filters of a registrations listing; the export applies the same."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, e-mail or institution")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Registration.Status.choices],
    )
    attended = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[("", _("Anyone")), ("yes", _("Attended")), ("no", _("Not attended"))],
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Registration.Role.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        named = [(code, countries.name(code)) for code in country_codes if code]
        self.fields["country"].choices = [
            ("", _("Any country")),
            *sorted(named, key=lambda choice: choice[1]),
        ]

    def filter(self, registrations):
        """The registrations that match; none for a filter that makes no sense, so that an
        export never holds more than what was asked for."""
        if not self.is_bound:
            return registrations
        if not self.is_valid():
            return registrations.none()
        data = self.cleaned_data
        if text := data["q"].strip():
            registrations = registrations.filter(
                Q(name__icontains=text)
                | Q(email__icontains=text)
                | Q(institution__icontains=text)
                | Q(partner__title__icontains=text)
            )
        if data["status"]:
            registrations = registrations.filter(status=data["status"])
        if data["attended"]:
            registrations = registrations.filter(attended=data["attended"] == "yes")
        if data["role"]:
            registrations = registrations.filter(role=data["role"])
        if data["country"]:
            registrations = registrations.filter(country=data["country"])
        return registrations


class MessageForm(forms.Form):
    """A message to every confirmed registrant; the subject goes into a header, one line."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 12}))

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("The subject must be a single line."))
        return subject
