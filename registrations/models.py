"""A reader's registration for an event: who, in which language and zone, and where it stands."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


def new_token():
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
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

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def waiting_position(self):
        """1 for the first in line; None unless waiting."""
        if self.status != self.Status.WAITING:
            return None
        ahead = Registration.objects.filter(event_id=self.event_id).waiting_in_line()
        ahead = ahead.filter(
            Q(confirmed_at__lt=self.confirmed_at)
            | Q(confirmed_at=self.confirmed_at, pk__lt=self.pk)
        )
        return ahead.count() + 1
