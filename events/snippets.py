"""The code a partner pastes to show our events on their site (script, iframe and
calendar link); it reads no content, so any page may offer it."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

EMBED_DEFAULT_LIMIT = 10

# Without the resize script the iframe keeps a fixed height: tall enough for the listing
# on a 320 px phone (measured with long titles and summaries, per event and layout), with
# room to spare on wider screens; the script makes it fit exactly.
FRAME_CHROME_HEIGHT = 100
EVENT_HEIGHT = {"full": 340, "compact": 180}
MAX_DEFAULT_HEIGHT = 4000


def default_frame_height(limit, layout):
    """A fixed iframe height that shows `limit` events on a phone without clipping."""
    count = int(limit or EMBED_DEFAULT_LIMIT)
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
