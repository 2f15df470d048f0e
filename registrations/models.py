"""A reader's registration for an event: who, in which language and zone, and where it stands."""

import copy
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.models import TranslationSource

from events.models import EventFormat, EventStatus


def new_token():
    return secrets.token_urlsafe(32)


def source_event(event):
    """The page an event's translations are made from: what its editors publish decides
    what registrants of every language are told. Without a translation source, the first
    page made."""
    translations = type(event).objects.filter(translation_key=event.translation_key)
    sources = TranslationSource.objects.filter(object_id=event.translation_key)
    source = sources.order_by("created_at").first()
    if source is not None:
        page = translations.filter(locale_id=source.locale_id).first()
        if page is not None:
            return page
    return translations.order_by("pk").first() or event


# An event's facts that reach every translation, and that registrants are told of.
SCHEDULE_FIELDS = (
    "start",
    "end",
    "time_zone",
    "all_day",
    "format",
    "status",
    "online_url",
    "join_link_visibility",
)


def in_step(event, source):
    """`event` (a translation, with its title) carrying `source`'s schedule: a translation
    waiting for its translator may not have the source's new dates yet."""
    if event.pk == source.pk:
        return event
    event = copy.copy(event)
    for name in SCHEDULE_FIELDS:
        setattr(event, name, getattr(source, name))
    event.__dict__.pop("zone", None)
    return event


class RegistrationQuerySet(models.QuerySet):
    def for_event(self, event):
        """Registrations for an event in every language it is published in: readers of
        each translation share its places."""
        return self.filter(event__translation_key=event.translation_key)

    def for_series(self, series):
        """Registrations for every session of a lecture series, in every language."""
        return self.filter(event__series__translation_key=series.translation_key)

    def active(self):
        """Registrations that hold or wait for a place, or wait for their confirmation."""
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting_in_line(self):
        """The waiting list, first in line first: in the order the links were followed."""
        return self.filter(status=Registration.Status.WAITING).order_by("confirmed_at", "pk")


class Registration(models.Model):
    """One person's registration for one event, counted once its e-mailed link is followed."""

    class Status(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        STUDENT = "student", _("Student")
        RESEARCHER = "researcher", _("Researcher")
        STAFF = "staff", _("Staff")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("partner institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    country = CountryField(_("country"), blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    time_zone = models.CharField(_("time zone"), max_length=64)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_CONFIRMATION
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consent_at = models.DateTimeField(_("consent given"))
    created = models.DateTimeField(_("registered"), auto_now_add=True)
    # When the link was followed: the waiting list's order.
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    # Answers to the editor's questions: [{"question": wording, "key": the question's
    # translation key, "answer": text}, ...]
    answers = models.JSONField(_("answers"), default=list, blank=True)
    # Registrations made together (several sessions of a series in one form) share a batch:
    # one e-mailed link confirms them all.
    batch = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    # Set once the personal data is gone; what is left counts in the reports.
    anonymized_at = models.DateTimeField(_("anonymized"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & Q(anonymized_at__isnull=True),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        if self.anonymized_at:
            return str(_("Anonymized registration"))
        return f"{self.name} <{self.email}>"

    def anonymize(self, also=()):
        """Forget who registered, keeping what the reports count: country, role, partner
        institution, status and attendance. The personal link stops working. `also`:
        other fields changed, saved with these."""
        self.name = ""
        self.email = ""
        self.institution = ""
        self.answers = []
        self.time_zone = ""
        self.token = new_token()
        self.anonymized_at = timezone.now()
        self.save(
            update_fields=[
                "name",
                "email",
                "institution",
                "answers",
                "time_zone",
                "token",
                "anonymized_at",
                *also,
            ]
        )

    @property
    def join_link_opens(self):
        """When the join address appears on the registrant's page."""
        return self.event.start - timedelta(minutes=settings.REGISTRATION_JOIN_LINK_MINUTES)

    @property
    def may_join_online(self):
        """A confirmed registrant of an online or hybrid event still to take place or
        taking place now (whoever else sees its join address)."""
        event = self.event
        return (
            self.status == self.Status.CONFIRMED
            and event.format in (EventFormat.ONLINE, EventFormat.HYBRID)
            and bool(event.online_url)
            and event.status == EventStatus.SCHEDULED
            and not event.is_past
        )

    @property
    def join_url(self):
        """The join address while the registrant's page shows it: from
        REGISTRATION_JOIN_LINK_MINUTES before the start until the end."""
        if self.may_join_online and self.join_link_opens <= timezone.now():
            return self.event.online_url
        return ""

    def waiting_position(self):
        """1 for the first in line; None unless waiting."""
        if self.status != self.Status.WAITING:
            return None
        ahead = Registration.objects.for_event(self.event).waiting_in_line()
        ahead = ahead.filter(
            Q(confirmed_at__lt=self.confirmed_at)
            | Q(confirmed_at=self.confirmed_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class RegistrationQuestion(TranslatableMixin, Orderable):
    """A question an editor adds to an event's registration form, translated with the page
    (its wording and choices are segments in the translation editor)."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short answer")
        LONG_TEXT = "long_text", _("Long answer")
        CHOICE = "choice", _("One of several choices")
        YES_NO = "yes_no", _("Yes or no (a tick box)")

    page = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registration_questions"
    )
    label = models.CharField(_("question"), max_length=255)
    kind = models.CharField(
        _("answer"), max_length=20, choices=Kind.choices, default=Kind.SHORT_TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For 'one of several choices': one choice per line.")
    )
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CHOICE and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SentReminder(models.Model):
    """A reminder sent to a registrant, so that each goes out once per start time, however
    many workers run. A rescheduled event gets its reminders again."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    hours_before = models.PositiveIntegerField()
    event_start = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "hours_before", "event_start"], name="one_reminder_each"
            )
        ]

    def __str__(self):
        return f"{self.hours_before} h before {self.event_start:%Y-%m-%d %H:%M}"


class EventNotices(models.Model):
    """What an event's registrants were last told: the details of their calendar entry and
    its SEQUENCE (RFC 5546), raised each time a change reaches them."""

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    format = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    online_url = models.URLField(blank=True)

    TOLD = ("start", "end", "all_day", "format", "status", "online_url")

    def __str__(self):
        return f"{self.event_id}: sequence {self.sequence}"

    @classmethod
    def of(cls, event):
        """The record of `event` and its translations, kept from its source as it stands
        now (sequence 0) if there is none yet."""
        source = source_event(event)
        defaults = {name: getattr(source, name) for name in cls.TOLD}
        notices, _created = cls.objects.get_or_create(event=source, defaults=defaults)
        return notices


@register_setting(icon="clipboard-list")
class RegistrationSettings(BaseSiteSetting):
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that tells registrants what is stored, why, for how long and how to "
            "have it deleted. The registration form links to it, in the reader's language."
        ),
    )

    panels = [FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("registration settings")
