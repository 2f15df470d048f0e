"""The registration forms (one event, or sessions of a lecture series), with the editor's
questions, the partner institutions to choose from, and two quiet checks against robots: a
field people never see, and a minimum time between showing the form and sending it."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.admin_widgets import COMMON_TIME_ZONES, known_zones
from registrations.models import Registration, RegistrationQuestion

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


def ordinary_text(value):
    """Lines of text: line breaks and tabs, but no other control characters."""
    if any(character in FORBIDDEN_CHARACTERS - {"\n", "\r", "\t"} for character in value):
        raise forms.ValidationError(_("Use ordinary text."), code="control")
    return value


OTHER_INSTITUTION = "other"
YES, NO = "yes", "no"


class TimeZoneField(forms.ChoiceField):
    """The common zones to choose from; any zone the browser names is accepted too."""

    def __init__(self, **kwargs):
        choices = [(name, name.replace("_", " ")) for name in COMMON_TIME_ZONES]
        super().__init__(choices=choices, **kwargs)

    def ensure_listed(self, name):
        if name and name not in dict(self.choices):
            self.choices = [(name, name.replace("_", " ")), *self.choices]

    def valid_value(self, value):
        return value in known_zones()


def question_field(question, required):
    """The form field for an editor's question."""
    options = {"label": question.label, "required": required}
    Kind = RegistrationQuestion.Kind
    if question.kind == Kind.LONG_TEXT:
        return forms.CharField(
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
            validators=[ordinary_text],
            **options,
        )
    if question.kind == Kind.CHOICE:
        choices = [(choice, choice) for choice in question.choice_list()]
        if len(choices) <= 5:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
        return forms.ChoiceField(choices=[("", "—"), *choices], **options)
    if question.kind == Kind.YES_NO:
        return forms.BooleanField(**options)
    return forms.CharField(max_length=500, validators=[one_line], **options)


class ZoneForm(forms.Form):
    """A registrant's own time zone, changed on their page."""

    time_zone = TimeZoneField(
        label=_("Your time zone"),
        help_text=_("We write the event's times in your time zone too."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.fields["time_zone"].ensure_listed(self.data.get("time_zone"))


class RegistrationForm(forms.Form):
    """Who registers, the answers to the event's questions, and their consent."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    # An address reads left to right in every language: a stray dot stays where it is.
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        validators=[one_line],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    partner = forms.ChoiceField(label=_("Institution"), required=False)
    institution = forms.CharField(
        label=_("Institution"),
        max_length=200,
        required=False,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, widget=forms.Select(attrs={"autocomplete": "country"})
    )
    role = forms.ChoiceField(label=_("Role"), choices=Registration.Role.choices)
    time_zone = TimeZoneField(
        label=_("Your time zone"),
        help_text=_("We write the event's times in your time zone too."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my registration is stored"),
        error_messages={
            "required": _(
                "Tick this box to register: we cannot keep a registration without your agreement."
            )
        },
    )
    # The honeypot: hidden from people, filled in by robots.
    website = forms.CharField(required=False, max_length=200)
    shown_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, event_zone, questions=(), partners=(), **kwargs):
        """`questions`: the event's RegistrationQuestions; `partners`: the partner pages
        to choose the institution from, in the reader's language."""
        kwargs.setdefault("initial", {}).update(time_zone=event_zone, shown_at=shown_at_value())
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]
        self.fields["time_zone"].ensure_listed(event_zone)
        if self.is_bound:
            self.fields["time_zone"].ensure_listed(self.data.get("time_zone"))
        else:  # registration-zone.js puts the reader's own zone in its place
            self.fields["time_zone"].widget.attrs["data-browser-zone"] = ""
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["consent"].widget.attrs["aria-describedby"] = "privacy-notice"
        self._offer_partners(partners)
        self._ask(questions)

    def _offer_partners(self, partners):
        self.partners = {str(partner.pk): partner for partner in partners}
        if not self.partners:
            del self.fields["partner"]
            return
        self.fields["partner"].choices = [
            ("", "—"),
            *((pk, partner.title) for pk, partner in self.partners.items()),
            (OTHER_INSTITUTION, _("Other (type it)")),
        ]
        institution = self.fields["institution"]
        institution.label = _("Other institution")
        institution.help_text = _("If yours is not in the list above.")

    def _ask(self, questions, required=True):
        """A field per question label (a label asked twice is asked once)."""
        self.question_fields = {}
        for question in questions:
            if question.label in self.question_fields:
                continue
            name = f"question_{len(self.question_fields) + 1}"
            self.fields[name] = question_field(question, required and question.required)
            self.question_fields[question.label] = name

    def clean_partner(self):
        return self.partners.get(self.cleaned_data.get("partner") or "")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("partner"):
            cleaned["institution"] = cleaned["partner"].title[:200]
        return cleaned

    def answers_to(self, questions):
        """What `Registration.answers` keeps: each question's wording, its key (the same in
        every language) and the answer."""
        answers = []
        for question in questions:
            value = self.cleaned_data.get(self.question_fields[question.label])
            if question.kind == RegistrationQuestion.Kind.YES_NO:
                value = YES if value else NO
            answers.append(
                {
                    "question": question.label,
                    "key": str(question.translation_key),
                    "answer": value or "",
                }
            )
        return answers

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def full_clean(self):
        super().full_clean()
        if "consent" in self.errors:  # the notice describes the box, and so does its error
            self.fields["consent"].widget.attrs["aria-describedby"] = (
                f"privacy-notice {self['consent'].auto_id}_error"
            )

    def _shown_at(self):
        try:
            return float(signing.loads(self.data.get("shown_at", ""), salt=SHOWN_AT_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def sent_by_a_robot(self):
        """True when the honeypot is filled or the form came back unsigned."""
        return bool(self.data.get("website")) or self._shown_at() is None

    def ask_again_if_too_fast(self):
        """When the form came back sooner than a person fills it in (or a browser filled
        it in for them), put the request to send it again on the form, with a new moment
        shown, and say True: nothing is stored."""
        if time.time() - self._shown_at() >= MINIMUM_FILL_SECONDS:
            return False
        self.is_valid()
        self.add_error(
            None,
            _("That was quick: please check your details and send the form again."),
        )
        self.data = self.data.copy()
        self.data["shown_at"] = shown_at_value()
        return True


class SeriesRegistrationForm(RegistrationForm):
    """Several sessions of a lecture series at once, every open one ticked at first. The
    questions of all the sessions offered are asked (a label once), since the form cannot
    know beforehand which will be chosen; a question is required only when a chosen
    session requires it, and each registration keeps the answers to its own session's."""

    sessions = forms.MultipleChoiceField(
        label=_("Sessions"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one session.")},
    )

    def __init__(self, *args, sessions, **kwargs):
        self.offered = {str(session.pk): session for session in sessions}
        questions = [q for session in sessions for q in session.questions]
        super().__init__(*args, **kwargs)
        self._ask(questions, required=False)
        # Each box's label is its session, which the template shows with its time.
        self.fields["sessions"].choices = [(str(session.pk), session) for session in sessions]
        self.fields["sessions"].initial = list(self.offered)

    def clean_sessions(self):
        return [self.offered[pk] for pk in self.cleaned_data["sessions"]]

    def clean(self):
        cleaned = super().clean()
        for session in cleaned.get("sessions") or ():
            for question in session.questions:
                name = self.question_fields[question.label]
                if question.required and not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, forms.Field.default_error_messages["required"])
        return cleaned
