"""Content Security Policy and Permissions-Policy on every answer: a strict policy for the
public site (no inline or evaluated script), the admin's own (Wagtail's editor needs
inline script), a sandbox for served documents. A view that sets its own policy (the
embed, which any site may frame) keeps it."""

import base64
import functools
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import get_script_prefix

#: The only inline style of the site: the plain error and maintenance pages, which must
#: render without the database or the stylesheet. Its hash is in the public policy.
ERROR_PAGE_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;"
    "padding:0 1rem;line-height:1.5;color:#1a1a1a}"
)
#: Video hosts the video block loads (only once a reader asks for the video).
VIDEO_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
#: Powerful browser features no page of ours uses.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def source_hash(text):
    """A CSP source expression allowing exactly this inline `<script>` or `<style>`."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def media_origin():
    """Where uploaded images are served from, when that is another host (S3, a CDN)."""
    url = default_storage.url  # sets the lazily made storage up
    storage = default_storage._wrapped
    if not hasattr(storage, "csp_media_origin"):
        parts = urlsplit(url("csp"))
        storage.csp_media_origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return storage.csp_media_origin


@functools.cache
def public_policy(media):
    """The policy for a media host (built once per host, not per answer)."""
    images = " ".join(filter(None, ("'self'", "data:", media)))
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": f"'self' {source_hash(ERROR_PAGE_CSS)}",
        "img-src": images,
        "media-src": " ".join(filter(None, ("'self'", media))),
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": " ".join(VIDEO_HOSTS),
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "manifest-src": "'self'",
    }
    return _join(directives)


@functools.cache
def admin_policy(media):
    """Wagtail's admin renders inline script and style (widgets, panels); nothing may come
    from another host but uploaded images, and only the admin itself may frame it (the
    preview panel)."""
    directives = {
        "default-src": "'self'",
        "script-src": "'self' 'unsafe-inline'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": " ".join(filter(None, ("'self'", "data:", "blob:", media))),
        "media-src": " ".join(filter(None, ("'self'", media))),
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "frame-src": " ".join(("'self'", *VIDEO_HOSTS)),
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",
    }
    return _join(directives)


#: Documents served by the site itself: whatever a file holds, it runs nothing.
DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _join(directives):
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    """Adds the policies above; Django's SecurityMiddleware adds HSTS, nosniff,
    Referrer-Policy and Cross-Origin-Opener-Policy, its clickjacking middleware
    X-Frame-Options."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.media_prefix = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 304:
            # Browsers copy a 304's headers onto their stored answer: keep that answer's
            # own policy (the embed's, which other sites may frame).
            return response
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        path, prefix = request.path, get_script_prefix()  # the site may live under a path
        if path.startswith(f"{prefix}admin/"):
            # Also over the public policy of a page the admin rendered for its preview
            # panel (Wagtail passes the preview through the middleware as a request for
            # the page's own address): the admin frames it.
            response["Content-Security-Policy"] = admin_policy(media_origin())
            return response
        if response.has_header("Content-Security-Policy"):
            return response
        if path.startswith(f"{prefix}documents/") or (
            self.media_prefix and path.startswith(self.media_prefix)
        ):
            policy = DOCUMENT_POLICY
        else:
            policy = public_policy(media_origin())
        response["Content-Security-Policy"] = policy
        return response
