"""Event listings that partners embed: an iframe page and the script that places it."""

import hashlib
import re
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from caching.http_cache import conditional_cache, cors_open
from operations.security import source_hash

from .models import EventIndexPage, with_hosting_partners
from .params import HEX_COLOUR, BadParameter, EventParams

FRAME_ID = re.compile(r"^[-\w]{1,40}$")
SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "embed-events.js"


class EmbedParams(EventParams):
    extra = ("theme", "accent", "layout", "target", "frame")
    default_limit = 10

    def __init__(self, query):
        super().__init__(query)
        self.theme = self._choice("theme", ["light", "dark"]) or "light"
        self.layout = self._choice("layout", ["compact", "full"]) or "full"
        self.target = self._choice("target", ["_blank", "_top", "_parent", "_self"]) or "_top"
        accent = self._value("accent")
        if accent is not None and not HEX_COLOUR.match(accent):
            raise BadParameter("accent", "a hex colour such as 0b6e69 or #0b6e69")
        self.accent = "#" + accent.lstrip("#") if accent else None
        frame = self._value("frame")
        if frame is not None and not FRAME_ID.match(frame):
            raise BadParameter("frame", "letters, digits and hyphens")
        self.frame = frame
        if not (self.upcoming or self.past):
            self.upcoming = True


def accent_css(params):
    """The partner's accent colour (a checked hex value) as the embed's one inline style."""
    return f"body{{--accent:{params.accent}}}" if getattr(params, "accent", None) else ""


def embed_csp(inline_style=""):
    styles = " ".join(filter(None, ("'self'", inline_style and source_hash(inline_style))))
    return (
        f"default-src 'none'; style-src {styles}; img-src 'self' https: data:; "
        "script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *"
    )


@require_GET
@xframe_options_exempt
@conditional_cache
def events_embed(request):
    try:
        params = EmbedParams(request.GET)
    except BadParameter as error:
        response = error.as_response()
        response["Content-Security-Policy"] = embed_csp()
        return response
    locale = params.locale
    with translation.override(locale.language_code):
        events = list(params.events()[params.offset : params.offset + params.limit])
        events = with_hosting_partners(events)
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
                "params": params,
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
    return response


@require_GET
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


# Without the resize script the iframe keeps a fixed height: tall enough for the listing
# on a 320 px phone (measured with long titles and summaries, per event and layout), with
# room to spare on wider screens; the script makes it fit exactly.
FRAME_CHROME_HEIGHT = 100
EVENT_HEIGHT = {"full": 340, "compact": 180}
MAX_DEFAULT_HEIGHT = 4000


def default_frame_height(limit, layout):
    """A fixed iframe height that shows `limit` events on a phone without clipping."""
    count = int(limit or EmbedParams.default_limit)
    height = FRAME_CHROME_HEIGHT + count * EVENT_HEIGHT.get(layout or "full", EVENT_HEIGHT["full"])
    return min(height, MAX_DEFAULT_HEIGHT)


def embed_snippets(request, **filters):
    """The code a partner pastes for these filters, in the listing's language: the script,
    an iframe (with its resize line), and the calendar subscription link."""
    query = {name: value for name, value in filters.items() if value not in (None, "")}
    base = request.build_absolute_uri("/").rstrip("/")
    iframe_src = f"{base}{reverse('events_embed')}?{urlencode(query)}"
    script_src = f"{base}{reverse('events_script')}"
    attributes = " ".join(
        f'data-{name}="{escape(value)}"' for name, value in query.items() if name != "limit"
    )
    if "limit" in query:
        attributes += f' data-limit="{query["limit"]}"'
    feed_query = urlencode(
        {k: v for k, v in query.items() if k in ("locale", "partner", "series", "topic", "format")}
    )
    feed = f"{base}{reverse('events_ics')}" + (f"?{feed_query}" if feed_query else "")
    language = query.get("locale") or settings.LANGUAGE_CODE
    with translation.override(language):
        title = gettext("Events")
    height = default_frame_height(query.get("limit"), query.get("layout"))
    frame = (
        f'<iframe src="{escape(iframe_src)}" title="{escape(title)}" loading="lazy" '
        f'style="width:100%;height:{height}px;border:0"></iframe>'
    )
    return {
        "language": language,
        "iframe_src": iframe_src,
        "iframe_height": height,
        "frame": frame,
        "iframe": f'{frame}\n<script src="{script_src}" async></script>',
        "script": (
            f"<div data-events-embed {attributes}>\n"
            f'  <a href="{escape(iframe_src)}">{escape(title)}</a>\n'
            f"</div>\n"
            f'<script src="{script_src}" async></script>'
        ),
        "subscribe": feed.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
        "feed": feed,
    }
