"""Event listings that partners embed: an iframe page and the script that places it."""

import hashlib
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from caching.http_cache import conditional_cache, cors_open
from core.params import query_parameters
from operations.security import source_hash

from .models import EventIndexPage, with_hosting_partners
from .params import EmbedParams

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "embed-events.js"


PAPER = {"light": "#ffffff", "dark": "#15191e"}  # as static/css/embed.css


def luminance(colour):
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other):
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour, paper, ratio=4.5):
    """`colour`, mixed toward white on dark paper (black on light) until text in it
    reads on `paper` (WCAG AA): a partner's accent never makes links unreadable."""
    towards = 255 if luminance(paper) < 0.5 else 0
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(11):
        mixed = "#" + "".join(f"{round(c + (towards - c) * step / 10):02x}" for c in rgb)
        if contrast(mixed, paper) >= ratio:
            return mixed
    return "#ffffff" if towards else "#000000"


def accent_css(params):
    """The partner's accent colour (a checked hex value) as the embed's one inline style,
    with the link colour it gives on the theme's paper."""
    if not params.accent:
        return ""
    text = readable(params.accent, PAPER[params.theme])
    return f"body{{--accent:{params.accent};--accent-text:{text}}}"


def embed_csp(inline_style=""):
    styles = " ".join(filter(None, ("'self'", inline_style and source_hash(inline_style))))
    return (
        f"default-src 'none'; style-src {styles}; img-src 'self' https: data:; "
        "script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *"
    )


def embed_bad_request(error):
    response = error.as_response()
    response["Content-Security-Policy"] = embed_csp()
    return response


@require_safe
@xframe_options_exempt
@conditional_cache
@query_parameters(EmbedParams, embed_bad_request)
def events_embed(request, params):
    locale = params.locale
    with translation.override(locale.language_code):
        events = list(params.events()[params.offset : params.offset + params.limit])
        events = with_hosting_partners(events, locale)
        index = EventIndexPage.objects.live().public().filter(locale=locale).first()
        feed_query = urlencode(
            params.as_query(
                theme=None, accent=None, layout=None, target=None, frame=None, limit=None
            )
        )
        feed_path = reverse("events_ics") + (f"?{feed_query}" if feed_query else "")
        subscribe = request.build_absolute_uri(feed_path).replace("https://", "webcal://", 1)
        subscribe = subscribe.replace("http://", "webcal://", 1)
        response = render(
            request,
            "embed/events.html",
            {
                "params": params.cleaned_data,
                "events": events,
                "index_url": index.get_full_url(request) if index else None,
                "subscribe_url": subscribe,
                "feed_url": request.build_absolute_uri(feed_path),
                "LANGUAGE_CODE": locale.language_code,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                "accent_css": accent_css(params),
            },
        )
    response["Content-Security-Policy"] = embed_csp(accent_css(params))
    response["Content-Language"] = locale.language_code
    return response


@require_safe
@cors_open
def events_script(request):
    """The script partners paste. At `/embed/events.js` it is cached for an hour and
    revalidated by ETag, so partners get updates; at `?v=<version>` (the version this
    answer names in `X-Script-Version`) it never changes and may be cached for a year."""
    body = SCRIPT.read_bytes()
    version = hashlib.sha256(body).hexdigest()[:16]
    etag = f'"{version}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["X-Script-Version"] = version
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=31_536_000, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=3600)
    return response
