"""What search engines and link previews read in a page's head."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from core.structured_data import image_url
from core.templatetags.site_tags import json_ld
from seo.views import indexable

register = template.Library()

# Open Graph wants language_TERRITORY.
OG_LOCALES = {
    "en": "en_GB",
    "nl": "nl_NL",
    "fr": "fr_FR",
    "es": "es_ES",
    "pt": "pt_PT",
    "zh-hans": "zh_CN",
    "id": "id_ID",
    "ar": "ar_AR",
}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This view's address on the site's own host, without query parameters (filters and
    pages of a listing are not separate documents)."""
    request = context["request"]
    site = Site.find_for_request(request)
    base = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    return base + request.path


@register.simple_tag(takes_context=True)
def social_image(context):
    """An absolute URL of the page's picture for link previews (hero image, else a
    partner's logo), or None."""
    page = context.get("page")
    image = getattr(page, "hero_image", None) or getattr(page, "logo", None)
    return image_url(context["request"], image, "fill-1200x630|format-jpeg") if image else None


@register.filter
def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code.replace("-", "_"))


@register.simple_tag(takes_context=True)
def search_engines_welcome(context):
    return indexable(context["request"])


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org data blocks (see BasePage.structured_data)."""
    page = context.get("page")
    if not hasattr(page, "structured_data"):
        return ""
    blocks = [data for data in page.structured_data(context["request"]) if data]
    return mark_safe("".join(json_ld(data) for data in blocks))  # noqa: S308 - escaped
