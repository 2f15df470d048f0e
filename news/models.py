from django import forms
from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core.admin_widgets import FilterableCheckboxes
from core.blocks import BodyBlock
from core.forms import ListingFilterForm
from core.listing import FilteredIndexMixin
from core.localization import localize_all
from core.models import BasePage, HeroImageMixin, PersonRelation, SiteSettings, Topic
from core.querysets import ListingQuerySet
from partners.models import PartnerRelation

from .structured_data import news_article_json_ld


class NewsPageQuerySet(ListingQuerySet):
    listing_images = ("hero_image",)

    def for_listing(self, locale):
        return super().for_listing(locale).newest_first()

    def newest_first(self):
        return self.annotate(
            published_on=Coalesce("publication_date", TruncDate("first_published_at"))
        ).order_by("-published_on", "-pk")

    def about_partner(self, partner):
        related = self.filter(related_partners__partner__translation_key=partner.translation_key)
        return related.distinct().shown_about(partner)


class NewsPage(HeroImageMixin, BasePage):
    """A news article, announcement or story."""

    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the date of first publication."),
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, verbose_name=_("topics"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("publication_date"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("authors", label=_("Authors")),
                FieldPanel("topics", widget=FilterableCheckboxes),
                InlinePanel("related_partners", label=_("Related partners")),
                InlinePanel("related_events", label=_("Related events")),
            ],
            heading=_("Related"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def save(self, *args, **kwargs):
        if self.live and not self.publication_date:
            self.publication_date = (self.first_published_at or timezone.now()).date()
        super().save(*args, **kwargs)

    @property
    def date(self):
        if self.publication_date:
            return self.publication_date
        return (self.first_published_at or self.latest_revision_created_at or timezone.now()).date()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.related(request))
        return context

    def listed_about(self):
        partners = [link.partner for link in self.related_partners.select_related("partner")]
        return [*super().listed_about(), *partners]

    def related_localized(self):
        """Authors, topics, partners and events in the reader's language."""
        return {
            "authors": localize_all(a.person for a in self.authors.select_related("person__photo")),
            "topics": localize_all(self.topics.all()),
            "partners": localize_all(
                p.partner for p in self.related_partners.select_related("partner")
            ),
            "events": localize_all(e.event for e in self.related_events.select_related("event")),
        }

    def structured_data(self, request):
        authors = self.related(request)["authors"]
        article = news_article_json_ld(self, request, authors, SiteSettings.for_request(request))
        return [*super().structured_data(request), article]


class NewsAuthor(PersonRelation):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")


class NewsPartner(PartnerRelation):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_partners")


class NewsEvent(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_events")
    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("event")]


class NewsFilterForm(ListingFilterForm):
    topic = forms.ChoiceField(label=_("Topic"))

    def choice_queryset(self, name):
        return Topic.objects.filter(live=True)

    def filter(self, queryset):
        if topic := self.selected("topic"):
            queryset = queryset.with_topic(topic)
        return queryset


class NewsIndexPage(FilteredIndexMixin, BasePage):
    """News, newest first, paginated and filterable by topic."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1
    filter_form_class = NewsFilterForm

    class Meta:
        verbose_name = _("news index")

    def listing_items(self, **kwargs):
        return NewsPage.objects.for_listing(self.listing_locale)
