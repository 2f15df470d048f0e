"""The fields and panels every page type shares."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.blocks import ALT_TEXT_REQUIRED
from core.dependencies import page_tag, remember, shows
from core.page_forms import LocalePickersPageForm
from core.querysets import locales_by_id, restricted_and_alias_paths
from core.structured_data import breadcrumb_list


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

    def clean(self):
        super().clean()
        if self.hero_image and not (self.hero_alt_text or self.hero_image.description):
            raise ValidationError({"hero_alt_text": ALT_TEXT_REQUIRED})

    @property
    def hero_alt(self):
        """The page's own alternative text (translated with the page), else the image's in
        the page's language as an "image_alt_in_locale" hook gives it (the media app's,
        marked with its language where it falls back), else the image's description."""
        if self.hero_alt_text or not self.hero_image:
            return self.hero_alt_text
        for alt_in_locale in hooks.get_hooks("image_alt_in_locale"):
            return alt_in_locale(self.hero_image, self.locale_id)
        return self.hero_image.description


def has_subpage_route(page_class, path_components):
    """Whether a routable page type answers this sub-path itself (`past/`)."""
    if not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Http404:
        return False
    return True


class BasePage(Page):
    """Base of every page type: a summary used in listings, search and link previews."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown in listings, search results and link previews."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    base_form_class = LocalePickersPageForm
    og_type = "website"  # Open Graph type of link previews
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shows(page_tag(self))
        # The page's main part may be kept whole (templates/base.html, core.templatetags.
        # fragments): the same for every reader of this address.
        context["cache_main"] = True
        return context

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def route(self, request, path_components):
        """Wagtail finds a page one path level at a time, two queries a level; this finds
        every level in one query. A routable page on the way still resolves its own
        sub-paths first (`/events/past/`), as with Wagtail's routing."""
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:level])}/"
            for level in range(1, len(path_components) + 1)
        ]
        chain = {
            page.url_path: page
            for page in Page.objects.descendant_of(self).filter(url_path__in=prefixes)
        }
        for level, prefix in enumerate(prefixes, start=1):
            page = chain.get(prefix)
            if page is None:
                raise Http404
            remaining = path_components[level:]
            if remaining and has_subpage_route(page.specific_class, remaining):
                return page.specific.route(request, remaining)
        return page.specific.route(request, [])

    def get_view_restrictions(self):
        # Wagtail reads the ancestors and then the restrictions on every view; the
        # restricted and alias paths are cached until they change, so a page that no
        # restriction covers (and no alias is above) costs no query here.
        restricted, aliases = restricted_and_alias_paths()
        if not any(self.path.startswith(path) for path in (*restricted, *aliases)):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def structured_data(self, request):
        """schema.org objects describing this page (JSON-LD), built from the page and what
        it relates to; page types add theirs. The `structured_data` tag prints them."""
        ancestors = self.remembered(request, "ancestors", self.shown_ancestors)
        return [breadcrumb_list(self, request, ancestors)]

    def shown_ancestors(self):
        """The pages above this one (the breadcrumb): their titles show here."""
        ancestors = list(self.get_ancestors().filter(depth__gt=1))
        shows(*(page_tag(page) for page in ancestors))
        return ancestors

    def listed_about(self):
        """The pages whose listings this page joins by being linked to them (a partner
        lists its events and news, a series its sessions): the parent, and for page types
        that link to partners, those partners. Publishing it purges those listings."""
        return [page for page in [self.get_parent()] if page is not None]

    def related_localized(self):
        """What the page shows of related content (people, partners, topics) in the
        reader's language, by context name; page types add theirs."""
        return {}

    def related(self, request):
        """`related_localized()` for this request: computed once for the page's context
        and its structured data, and remembered until the page or what it shows changes."""
        if "_related" not in self.__dict__:
            key = f"related-{self._meta.label_lower}"
            self._related = self.remembered(request, key, self.related_localized)
        return self._related

    def remembered(self, request, name, compute):
        """`compute()` for this page in the reader's language, read once until the page
        (or what `compute` records) changes; a preview always computes it from the editor's
        unsaved page."""
        if getattr(request, "is_preview", False) or not self.pk:
            return compute()
        key = f"{name}:{self.pk}:{translation.get_language()}"
        return remember(key, compute, tags=[page_tag(self)])

    @property
    def listing_locale(self):
        """The page's locale, for listings and filters: from the cache of locales, not
        one more query."""
        return locales_by_id().get(self.locale_id) or self.locale

    def serve_password_required_response(self, request, form, action_url):
        # The same URL shows the page once the password is given: no cache may keep the form.
        response = super().serve_password_required_response(request, form, action_url)
        add_never_cache_headers(response)
        return response
