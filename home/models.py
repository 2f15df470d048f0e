from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock, FigureBlock
from core.dependencies import remember
from core.models import BasePage, HeroImageMixin, SiteSettings
from core.structured_data import image_url, publisher
from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage
from partners.models import PartnerIndexPage, PartnerPage


class HomePage(HeroImageMixin, BasePage):
    """The programme's front page: hero, key figures, and the latest of everything."""

    hero_heading = models.CharField(
        _("hero heading"), max_length=160, help_text=_("The programme's promise in one line.")
    )
    hero_intro = models.TextField(_("hero introduction"), blank=True, max_length=500)
    key_figures = StreamField(
        [("figure", FigureBlock())],
        blank=True,
        max_num=6,
        verbose_name=_("key figures"),
        help_text=_("Up to six numbers that show the programme's reach."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("key_figures"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = self.listing_locale
        context["latest_news"] = NewsPage.objects.for_listing(locale)[:3]
        context["upcoming_events"] = EventPage.objects.for_listing(locale).upcoming()[:4]
        context["partner_highlights"] = PartnerPage.objects.for_listing(locale).featured()[:6]
        context["sections"] = self.sections()
        return context

    def sections(self):
        """The full listings the home sections link to ("All events"), by name, in one
        query once until they change (they are in the menu: a site-wide change)."""
        names = {EventIndexPage: "events", NewsIndexPage: "news", PartnerIndexPage: "partners"}

        def compute():
            indexes = self.get_children().live().public().type(*names)
            return {names[index.specific_class]: index for index in indexes}

        return remember(f"home-sections:{self.pk}", compute)

    def structured_data(self, request):
        organisation = publisher(request, SiteSettings.for_request(request))
        if self.hero_image_id:
            organisation["image"] = image_url(request, self.hero_image)
        website = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": organisation["name"],
            "url": self.get_full_url(request),
            "inLanguage": self.listing_locale.language_code,
            "publisher": organisation,
        }
        return [*super().structured_data(request), website]


class ContentPage(HeroImageMixin, BasePage):
    """A general page such as About, Contact or a programme description."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, *HeroImageMixin.hero_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")
