from django.db import models
from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.admin_widgets import FilterableCheckboxes
from core.blocks import BodyBlock
from core.choices import AUDIENCES
from core.fields import MultipleChoiceField
from core.localization import localize_all
from core.models import BasePage, HeroImageMixin, PersonRelation
from core.querysets import ListingQuerySet
from partners.models import PartnerRelation

from ..structured_data import series_json_ld
from .choices import EventFormat
from .event import EventPage
from .relations import EventSpeaker, SessionMaterial


class LectureSeriesPage(HeroImageMixin, BasePage):
    """A course or lecture series; its sessions are the event pages beneath it."""

    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    audience = MultipleChoiceField(_("audience"), multiple_choices=AUDIENCES, default=list)
    topics = ParentalManyToManyField("core.Topic", blank=True, verbose_name=_("topics"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    objects = PageManager.from_queryset(ListingQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("audience"),
                FieldPanel("topics", widget=FilterableCheckboxes),
            ],
            heading=_("Format and audience"),
        ),
        InlinePanel("organisers", label=_("Organisers")),
        InlinePanel("partners", label=_("Partners")),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("lecture series")
        verbose_name_plural = _("lecture series")

    @cached_property
    def sessions(self):
        return list(
            EventPage.objects.child_of(self)
            .shown_to_readers()
            .shown_about(self)
            .order_by("start", "pk")
            .select_related("locale")
            .prefetch_related(
                Prefetch("speakers", EventSpeaker.objects.select_related("person")),
                Prefetch("materials", SessionMaterial.objects.select_related("document")),
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read when the page's main part is rendered, not when it comes from the cache.
        context["sessions"] = SimpleLazyObject(lambda: self.sessions)
        context["next_session"] = SimpleLazyObject(
            lambda: next((s for s in self.sessions if not s.is_past), None)
        )
        context.update(self.related(request))
        return context

    def related_localized(self):
        """Organisers, partners and topics in the reader's language."""
        return {
            "organisers": localize_all(o.person for o in self.organisers.select_related("person")),
            "partners": localize_all(p.partner for p in self.partners.select_related("partner")),
            "topics": localize_all(self.topics.all()),
        }

    def structured_data(self, request):
        related = self.related(request)
        series = series_json_ld(
            self, request, self.sessions, related["organisers"], related["partners"]
        )
        return [*super().structured_data(request), series]

    def get_audience_labels(self):
        return self._meta.get_field("audience").labels(self.audience)


class SeriesOrganiser(PersonRelation):
    page = ParentalKey(LectureSeriesPage, on_delete=models.CASCADE, related_name="organisers")


class SeriesPartner(PartnerRelation):
    page = ParentalKey(LectureSeriesPage, on_delete=models.CASCADE, related_name="partners")
