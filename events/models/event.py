import zoneinfo

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.admin_widgets import FilterableCheckboxes, FilterableSelect, known_zones
from core.blocks import BodyBlock
from core.choices import AUDIENCES, SPOKEN_LANGUAGES
from core.fields import MultipleChoiceField
from core.localization import attach_localized, localize_all
from core.models import BasePage, HeroImageMixin
from core.querysets import ListingQuerySet, shown_to_readers
from events.structured_data import event_json_ld

from .choices import EventFormat, EventStatus, JoinLinkVisibility, RegistrationMode
from .event_form import EventPageForm
from .relations import EventHostPartner


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(known_zones())]


class EventPageQuerySet(ListingQuerySet):
    listing_related = ("series",)
    listing_images = ("hero_image",)

    def for_listing(self, locale):
        # Hosting partners joined to their relation rows: one query for the whole list.
        hosts = Prefetch("host_partners", EventHostPartner.objects.select_related("partner"))
        return super().for_listing(locale).prefetch_related(hosts)

    def upcoming(self, now=None):
        """Events that have not ended: one running now stays upcoming until it ends."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def in_series(self, series):
        return self.filter(series__translation_key=series.translation_key)

    def hosted_by(self, partner):
        hosted = self.filter(host_partners__partner__translation_key=partner.translation_key)
        return hosted.distinct().shown_about(partner)


def with_hosting_partners(events, locale):
    """The events as a list, each with `partners_localized`: its hosting partners in
    `locale`, fetched in one query for the whole list."""
    return attach_localized(
        events,
        "partners_localized",
        lambda event: [h.partner for h in event.host_partners.all()],
        locale,
    )


def with_public_series(events):
    """The events as a list, each with `public_series` decided for the whole list at once
    (one look at the view restrictions instead of one per event)."""
    events = list(events)
    shown = {series.pk for series in shown_to_readers([event.series for event in events])}
    for event in events:
        event.public_series = event.series if event.series_id in shown else None
    return events


class EventPage(HeroImageMixin, BasePage):
    """A lecture, workshop, course session or meeting, in person, online or both."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default="Europe/Amsterdam",
        help_text=_("Where the event happens; start and end are in this zone."),
    )
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Times are ignored; the event lasts whole days.")
    )
    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("Keep cancelled and postponed events published so readers learn of it."),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(
        _("online join address"),
        blank=True,
        help_text=_("Where participants join an online or hybrid event."),
    )
    join_link_visibility = models.CharField(
        _("who sees the join address"),
        max_length=20,
        choices=JoinLinkVisibility.choices,
        default=JoinLinkVisibility.PUBLIC,
        help_text=_(
            "Registrants only needs registration with this site's form: they get the address "
            "in reminders and on their registration page shortly before the start."
        ),
    )
    registration_mode = models.CharField(
        _("registration"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.EXTERNAL,
        help_text=_("Where readers register: elsewhere, or with this site's form."),
    )
    registration_url = models.URLField(_("registration address"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "Registrations on this site beyond this number join a waiting list. "
            "Leave empty for no limit."
        ),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_(
            "In the event's time zone, as its start and end. Leave empty to take "
            "registrations until the event ends."
        ),
    )
    languages = MultipleChoiceField(
        _("languages spoken"), multiple_choices=SPOKEN_LANGUAGES, default=list
    )
    audience = MultipleChoiceField(_("audience"), multiple_choices=AUDIENCES, default=list)
    series = models.ForeignKey(
        "events.LectureSeriesPage",
        verbose_name=_("lecture series"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set by placing the event under a lecture series."),
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, verbose_name=_("topics"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    objects = PageManager.from_queryset(EventPageQuerySet)()
    base_form_class = EventPageForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone", widget=FilterableSelect),
                FieldPanel("all_day"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online_url"),
                FieldPanel("join_link_visibility"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                InlinePanel(
                    "registration_questions",
                    label=_("Questions on the form"),
                    help_text=_("Asked besides name, e-mail, institution, country and role."),
                ),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("speakers", label=_("Speakers")),
        InlinePanel("host_partners", label=_("Hosting partners")),
        MultiFieldPanel(
            [
                FieldPanel("languages"),
                FieldPanel("audience"),
                FieldPanel("topics", widget=FilterableCheckboxes),
            ],
            heading=_("Who and what"),
        ),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        InlinePanel(
            "materials",
            label=_("Recordings and slides"),
            help_text=_("Add these once the session has taken place."),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["events.EventIndexPage", "events.LectureSeriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["end", "start"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start and not self.all_day:
            errors["end"] = _("The event must end after it starts.")
        if self.start and self.end and self.all_day and self.end < self.start:
            errors["end"] = _("The last day cannot be before the first day.")
        if self.format in (EventFormat.ONLINE, EventFormat.HYBRID) and not self.online_url:
            errors["online_url"] = _("Online and hybrid events need a join address.")
        if self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not (
            self.venue_name or self.city
        ):
            errors["venue_name"] = _("Events held in person need a venue or at least a city.")
        if self.registration_mode == RegistrationMode.SITE and self.registration_url:
            errors["registration_url"] = _(
                "Readers register with this site's form: clear the registration address, "
                "or choose registration at that address."
            )
        if (
            self.join_link_visibility == JoinLinkVisibility.REGISTRANTS
            and self.registration_mode != RegistrationMode.SITE
        ):
            errors["join_link_visibility"] = _(
                "Only registrations made with this site's form can receive the join address."
            )
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _("Registration cannot close after the event ends.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.series_id = self.series_id_from_parent()
        super().save(*args, **kwargs)

    def series_id_from_parent(self):
        if not self.path or self.depth is None or self.depth <= 1:
            return None
        parent = self.get_parent()
        # The series module imports this one, so its model is looked up, not imported.
        series_page = apps.get_model("events", "LectureSeriesPage")
        return parent.pk if parent and parent.specific_class is series_page else None

    @cached_property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def is_multi_day(self):
        return self.local_start.date() != self.local_end.date()

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def has_started(self):
        return self.start <= timezone.now()

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def registers_on_site(self):
        return self.registration_mode == RegistrationMode.SITE

    @property
    def registration_open(self):
        if not (self.registers_on_site or self.registration_url):
            return False
        if self.is_past or self.status != EventStatus.SCHEDULED:
            return False
        return not self.registration_deadline or self.registration_deadline >= timezone.now()

    @property
    def has_venue(self):
        return self.format != EventFormat.ONLINE

    @property
    def public_join_url(self):
        """The join address as readers see it on the event's page, and as public calendars
        carry it: none once the event is over or cancelled, nor when it is for registrants
        only."""
        if not self.online_url or self.is_past or self.is_cancelled:
            return ""
        if self.join_link_visibility != JoinLinkVisibility.PUBLIC:
            return ""
        return self.online_url

    @cached_property
    def public_series(self):
        """The lecture series once readers may see it: a session can be published
        while its series is still a draft."""
        return next(iter(shown_to_readers([self.series])), None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.related(request))
        context["languages"] = self.get_language_labels()
        context["audience"] = self.get_audience_labels()
        return context

    def structured_data(self, request):
        related = self.related(request)
        event = event_json_ld(self, request, related["partners"], related["speakers"])
        return [*super().structured_data(request), event]

    def listed_about(self):
        hosts = [host.partner for host in self.host_partners.select_related("partner")]
        return [*super().listed_about(), *hosts]

    def related_localized(self):
        """Speakers and hosting partners in the reader's language, and the materials."""
        return {
            "speakers": localize_all(
                s.person for s in self.speakers.select_related("person__photo")
            ),
            "partners": localize_all(
                h.partner for h in self.host_partners.select_related("partner")
            ),
            "materials": list(self.materials.select_related("document")),
        }

    def ics_url(self):
        """This event's calendar file; None while it is a preview never saved."""
        return reverse("event_ics", args=(self.pk,)) if self.pk else None

    def get_language_labels(self):
        return self._meta.get_field("languages").labels(self.languages)

    def get_audience_labels(self):
        return self._meta.get_field("audience").labels(self.audience)
