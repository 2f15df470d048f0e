"""Debian's Chromium, headless, as the browser tests and the benchmark launch it."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# A phone's screen: 375 CSS px wide at pixel ratio 2.
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def media_route():
    """(URL pattern, handler) for Playwright's `route`: media answered from MEDIA_ROOT, as
    a bucket or CDN would serve them, where the site under production settings does not."""
    from django.conf import settings

    media_root = Path(settings.MEDIA_ROOT).resolve()

    def serve(route):
        relative = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
        path = (media_root / relative).resolve()
        if path.is_file() and media_root in path.parents:
            route.fulfill(path=path)
        else:
            route.fulfill(status=404)

    return f"**{settings.MEDIA_URL}**", serve
