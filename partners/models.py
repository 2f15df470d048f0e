from django import forms
from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core.admin_widgets import FilterableCheckboxes, FilterableSelect
from core.blocks import BodyBlock
from core.dependencies import remember
from core.forms import ListingFilterForm
from core.listing import FilteredIndexMixin
from core.localization import localize_all
from core.models import BasePage
from core.querysets import ListingQuerySet, by_title
from events.snippets import embed_snippets

from .structured_data import partner_json_ld


class PartnerKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    MEDICAL_CENTRE = "medical_centre", _("University medical centre")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    COMPANY = "company", _("Company")
    NETWORK = "network", _("Network")
    FUNDER = "funder", _("Funder")
    PUBLIC_AGENCY = "public_agency", _("Public agency")


class PartnerRelation(Orderable):
    """An ordered link from a page to a partner institution."""

    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("partner", widget=FilterableSelect)]

    class Meta(Orderable.Meta):
        abstract = True


class PartnerPageQuerySet(ListingQuerySet):
    listing_images = ("logo",)

    def featured(self):
        return self.filter(featured=True).order_by("title")


class PartnerPage(BasePage):
    """A partner institution: who they are, where, and what we do together."""

    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_('An acronym such as "LUMC".')
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    partner_since = models.PositiveSmallIntegerField(
        _("partner since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year the partnership began."),
    )
    topics = ParentalManyToManyField(
        "core.Topic", blank=True, verbose_name=_("areas of collaboration")
    )
    featured = models.BooleanField(_("highlight on the home page"), default=False)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    objects = PageManager.from_queryset(PartnerPageQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("short_name"),
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("website"),
                FieldPanel("partner_since"),
                FieldPanel("logo"),
                FieldPanel("featured"),
            ],
            heading=_("Institution"),
        ),
        FieldPanel("topics", widget=FilterableCheckboxes),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("short_name", boost=2),
        index.SearchField("city"),
        index.SearchField("body"),
    ]

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def get_context(self, request, *args, **kwargs):
        # Events and news link to partners, so their models are looked up, not imported.
        event_page = apps.get_model("events", "EventPage")
        news_page = apps.get_model("news", "NewsPage")
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = (
            event_page.objects.for_listing(self.listing_locale).hosted_by(self).upcoming()[:6]
        )
        context["news"] = news_page.objects.for_listing(self.listing_locale).about_partner(self)[:4]
        context.update(self.related(request))
        context["embed"] = embed_snippets(
            request, locale=self.listing_locale.language_code, partner=self.slug
        )
        return context

    def related_localized(self):
        """The areas of collaboration in the reader's language."""
        return {"topics": localize_all(self.topics.all())}

    def structured_data(self, request):
        return [*super().structured_data(request), partner_json_ld(self, request)]


class PartnerFilterForm(ListingFilterForm):
    country = forms.ChoiceField(label=_("Country"))
    kind = forms.ChoiceField(label=_("Kind"))

    def __init__(self, data, *, locale, countries, **kwargs):
        super().__init__(data, locale=locale, **kwargs)
        self.fields["country"].choices = [("", _("All")), *countries]
        self.fields["kind"].choices = [("", _("All")), *PartnerKind.choices]

    def filter(self, queryset):
        if country := self.selected("country"):
            queryset = queryset.filter(country=country)
        if kind := self.selected("kind"):
            queryset = queryset.filter(kind=kind)
        return queryset


class PartnerIndexPage(FilteredIndexMixin, BasePage):
    """All partner institutions, filterable by country and kind."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count_per_parent = 1
    per_page = 24

    class Meta:
        verbose_name = _("partner index")

    def listing_items(self, **kwargs):
        return by_title(
            PartnerPage.objects.for_listing(self.listing_locale),
            self.listing_locale.language_code,
        )

    def filter_form(self, request, items):
        """Countries to choose from: those of the listed partners, by name."""
        key = f"partner-countries:{self.pk}"
        codes = remember(key, lambda: set(items.values_list("country", flat=True)))
        countries = sorted(
            ((code, all_countries.name(code)) for code in codes), key=lambda item: item[1]
        )
        return PartnerFilterForm(request.GET, locale=self.listing_locale, countries=countries)
