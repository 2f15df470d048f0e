"""schema.org data (JSON-LD) every page shares: where it sits, and who publishes it.

Each page type adds its own object (`NewsArticle`, `Event`, `EventSeries`, a partner's
`CollegeOrUniversity`) through `BasePage.structured_data`.
"""

from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from core.querysets import shown_to_readers


def breadcrumb_list(page, request, ancestors):
    """The page's place in the site: its `ancestors` below the root, and itself; an
    ancestor readers may not see (a series still in draft) is left out."""
    chain = [*shown_to_readers(ancestors), page]
    if len(chain) < 2:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": item.title,
                "item": item.get_full_url(request),
            }
            for position, item in enumerate(chain, start=1)
        ],
    }


def publisher(request, settings=None):
    """The organisation behind the site, from its settings."""
    site = Site.find_for_request(request)
    root_url = site.root_url if site else request.build_absolute_uri("/")
    data = {
        "@type": "Organization",
        "name": (settings and settings.organisation_name) or (site and site.site_name) or "",
        "url": root_url + "/",
    }
    if settings and settings.contact_email:
        data["email"] = settings.contact_email
    if settings and settings.social_links:
        data["sameAs"] = [link.value["url"] for link in settings.social_links]
    return data


def image_url(request, image, spec="fill-1200x675|format-jpeg"):
    """An absolute URL of a rendition for link previews and search results."""
    if image is None:
        return None
    try:
        url = image.get_rendition(spec).url
    except SourceImageIOError:  # the media storage is down: no picture this time
        return None
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)
