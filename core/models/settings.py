"""Site-wide settings: contact details and social links, and the translated footer text."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, RevisionMixin, Site, TranslatableMixin

from core.blocks import SocialLinkBlock
from core.dependencies import remember


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        blank=True,
        help_text=_("Shown in the header and footer; leave empty to use the site name."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], blank=True, verbose_name=_("social links")
    )
    do_not_translate = models.TextField(
        _("do not translate"),
        blank=True,
        help_text=_(
            "Names machine translation must leave as they are, one per line: institutions, "
            "programmes, medicines (e.g. InnoCore, Leiden University Medical Center)."
        ),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("postal_address"),
        FieldPanel("social_links"),
        FieldPanel("do_not_translate"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """For public pages: read once until the settings change (saving them purges every
        cached answer),
        not on every request, and never written (a site not yet configured reads the
        defaults). The admin edits through `for_site`, uncached."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            found = remember(
                f"site-settings:{site.pk}",
                lambda: cls.base_queryset().filter(site=site).first() or cls(site=site),
            )
            setattr(request, attr_name, found)
        return getattr(request, attr_name)

    @classmethod
    def protected_terms(cls):
        """The do-not-translate terms of the default site, longest first."""
        found = cls.objects.filter(site__is_default_site=True).first()
        terms = {line.strip() for line in (found.do_not_translate if found else "").splitlines()}
        return sorted((term for term in terms if term), key=len, reverse=True)


class FooterText(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """The footer's text, one per language (the site settings hold what is the same in all)."""

    body = RichTextField(
        _("footer text"),
        features=["bold", "italic", "link"],
        help_text=_("A short line about the programme and its funders."),
    )

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return _("Footer text (%(locale)s)") % {"locale": self.locale.get_display_name()}
