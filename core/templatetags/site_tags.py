"""Site chrome: the locale's home page, the menu, the footer and the language links.

Each is looked up once per request and kept on the request object.
"""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from core.models import FooterText

register = template.Library()


def _per_request(request, key, compute):
    cache = request.__dict__.setdefault("_site_chrome", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _homes(request):
    """The live home page of every language, by language code."""

    def compute():
        root = _site_root(request)
        if root is None:
            return {}
        homes = root.get_translations(inclusive=True).live().select_related("locale")
        return {home.locale.language_code: home for home in homes}

    return _per_request(request, "homes", compute)


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page in the reader's language (falling back to the default language's)."""
    homes = _homes(context["request"])
    return homes.get(translation.get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children shown in menus, each marked current when the reader is on
    it ("page") or inside it ("true"), for `aria-current`."""
    request = context["request"]
    home = locale_home(context)
    if home is None:
        return []
    page = context.get("page")
    path = page.path if isinstance(page, Page) else ""

    def compute():
        items = []
        for item in home.get_children().live().public().in_menu():
            current = None
            if path == item.path:
                current = "page"
            elif path.startswith(item.path):
                current = "true"
            items.append({"page": item, "current": current})
        return items

    return _per_request(request, "menu", compute)


@register.simple_tag(takes_context=True)
def footer_text(context):
    request = context["request"]

    def compute():
        texts = {f.locale.language_code: f for f in FooterText.objects.select_related("locale")}
        return texts.get(translation.get_language()) or texts.get(settings.LANGUAGE_CODE)

    return _per_request(request, "footer", compute)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: to this page's live translation, else to that language's
    home page (marked as such). Pages that are not Wagtail pages link to the locale's home."""
    request = context["request"]
    page = context.get("page")

    def compute():
        root = _site_root(request)
        pages = []
        if isinstance(page, Page):
            pages = list(page.get_translations(inclusive=True).live().select_related("locale"))
        homes = (
            list(root.get_translations(inclusive=True).live().select_related("locale"))
            if root
            else []
        )
        by_locale = {p.locale.language_code: p for p in pages}
        home_by_locale = {p.locale.language_code: p for p in homes}
        current = translation.get_language()
        links = []
        for code, name in settings.LANGUAGES:
            target = by_locale.get(code)
            fallback = target is None
            target = target or home_by_locale.get(code)
            if target is None:
                continue
            links.append(
                {
                    "code": code,
                    "name": name,
                    "url": target.get_url(request),
                    "current": code == current,
                    "fallback": fallback and isinstance(page, Page),
                }
            )
        return links

    return _per_request(request, "languages", compute)
