"""Sitemap with the alternates of every translation, robots.txt and the web manifest."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from core.dependencies import remember, section_tag
from core.models import SiteSettings


def sitemap_entries(request):
    """Every live, public page of the site once per language it is published in, each with
    the URLs of all its live translations. Aliases (pages standing in for a missing
    translation) are left out. Read per section (the homes, then each page under the
    home in every language and all below it), each kept until a page in it changes."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    roots = list(site.root_page.get_translations(inclusive=True).live())
    sections = Page.objects.filter(
        translation_key__in=Page.objects.child_of(site.root_page).values("translation_key")
    )
    groups = defaultdict(list)  # section translation key: its pages' paths
    for section in sections.filter(depth=site.root_page.depth + 1).order_by("path"):
        groups[section.translation_key].append(section.path)
    host = request.get_host()
    entries = remember(
        f"sitemap:{host}:homes", lambda: _entries(request, [r.path for r in roots], exact=True)
    )
    for key, paths in groups.items():
        entries = entries + remember(
            f"sitemap:{host}:{key}",
            lambda paths=paths: _entries(request, paths),
            tags=[section_tag(key)],
        )
    return entries


def _entries(request, paths, exact=False):
    """The entries of the pages at `paths` (and below them unless `exact`)."""
    where = Q()
    for path in paths:
        where |= Q(path=path) if exact else Q(path__startswith=path)
    pages = (
        Page.objects.live()
        .public()
        .filter(where or Q(pk__in=[]), alias_of__isnull=True)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .select_related("locale")
        .order_by("path")
    )
    groups = defaultdict(list)
    for page in pages:
        url = page.get_full_url(request)
        if url:
            groups[page.translation_key].append((page, url))
    entries = []
    for members in groups.values():
        alternates = [(page.locale.language_code, url) for page, url in members]
        for page, url in members:
            entries.append(
                {"url": url, "lastmod": page.last_published_at, "alternates": alternates}
            )
    return entries


@require_GET
def sitemap(request):
    return TemplateResponse(
        request,
        "seo/sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )


def indexable(request):
    """Search engines are welcome only where SEARCH_ENGINE_INDEXING is on (production)
    and only on the site's own host names: a staging copy, a preview host or the bare
    address of a container stays out of the indexes."""
    if not settings.SEARCH_ENGINE_INDEXING:
        return False
    host = request.get_host().split(":")[0].lower()
    return host in {hostname.lower() for hostname in site_hostnames()}


def site_hostnames():
    return remember("site-hostnames", lambda: list(Site.objects.values_list("hostname", flat=True)))


@require_GET
def robots_txt(request):
    if not indexable(request):
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /*/search/",
            f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


THEME_COLOUR = "#0b6e69"


@require_GET
def web_manifest(request):
    """Name, icons and colours for a reader who adds the site to a phone's home screen."""
    site = Site.find_for_request(request)
    found = SiteSettings.for_request(request) if site else None
    name = (found and found.organisation_name) or (site and site.site_name) or ""
    manifest = {
        "name": name,
        "short_name": name[:24],
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
