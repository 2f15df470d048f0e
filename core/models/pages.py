"""The fields and panels every page type shares."""

from django.conf import settings
from django.db import models
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class HeroImageMixin(models.Model):
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Wide image at the top of the page and in listings; at least 1600 px wide."),
    )
    hero_alt_text = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. Leave empty to use the "
            "image's own description."
        ),
    )

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")],
            heading=_("Hero image"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def hero_alt(self):
        if self.hero_alt_text:
            return self.hero_alt_text
        return self.hero_image.description if self.hero_image else ""


class BasePage(Page):
    """Base of every page type: a summary used in listings, search and link previews."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown in listings, search results and link previews."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def serve_password_required_response(self, request, form, action_url):
        # The same URL shows the page once the password is given: no cache may keep the form.
        response = super().serve_password_required_response(request, form, action_url)
        add_never_cache_headers(response)
        return response
