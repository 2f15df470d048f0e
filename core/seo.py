"""Sitemap with the alternates of every translation, and robots.txt."""

from collections import defaultdict

from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site


def sitemap_entries(request):
    """Every live, public page of the site once per language it is published in, each with
    the URLs of all its live translations. Aliases (pages standing in for a missing
    translation) are left out."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    roots = site.root_page.get_translations(inclusive=True).live()
    in_site = Q()
    for root in roots:
        in_site |= Q(path__startswith=root.path)
    pages = (
        Page.objects.live()
        .public()
        .filter(in_site, alias_of__isnull=True)
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
        "core/sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
