"""First text and heading font of pages on an emulated 2G link, in Chromium at 375 px.

`measure` opens each page once, as a first visit (empty cache, fresh context), with
Chromium's network throttling applied through the DevTools protocol, and reports when the
first text was painted, when the h1 was first painted in its final font, which font that
is and whether a metric-matched fallback (an @font-face with `size-adjust`) stands in
until it arrives. The final font is the first family of the h1's font-family when an
@font-face with a url() declares it and its unicode-range holds a letter of the h1's
text; otherwise the h1 is in a system font from the start.

Chromium throttles only what goes through its network stack: answers given with
Playwright's `route.fulfill` arrive at once, whatever the profile, so the pages must come
from a real HTTP server. Media files are sent by `MediaServer`, reached with
`route.continue_`, which stays throttled.
"""

import functools
import http.server
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench.chromium import PHONE

# Chromium's "2G" figures: 400 kbit/s each way, 400 ms round trip.
NETWORK_2G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
LABEL_2G = "2G: 400 kbit/s, 400 ms RTT"
FIRST_TEXT_BUDGET = 3000  # ms

SYSTEM_FONT = "system font"

# Runs in every document before the page's own scripts. It marks the h1 for Element
# Timing as the parser inserts it (its first paint, which FCP may precede) and checks, in
# every frame until it holds, whether document.fonts has the h1's font loaded for its
# text; once the first text is painted, the document parsed and the fonts settled, it
# leaves its report in window.slowLinkReport.
PROBE = r"""(() => {
const unquote = name => name.trim().replace(/^["']|["']$/g, '');
// The h1's first family alone: check() on the whole list also wants every fallback face
// loaded, and a fallback never needed stays unloaded.
const fontOf = style => [style.fontStyle, style.fontWeight, style.fontSize,
                         JSON.stringify(unquote(style.fontFamily.split(',')[0]))].join(' ');
let headingPaint = null, headingSeen;
const headingPainted = new Promise(resolve => { headingSeen = resolve; });
new MutationObserver((records, observer) => {
    const h1 = document.querySelector('h1');
    if (h1) { h1.setAttribute('elementtiming', 'slow-link-h1'); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) headingPaint ??= entry.renderTime || entry.loadTime;
    headingSeen();
}).observe({type: 'element', buffered: true});

// Frames run only once rendering may start; a font loaded when a frame begins is used in
// that frame's paint.
const frames = [];  // [time, the h1 in its final font] while it is not
requestAnimationFrame(function watch() {
    const h1 = document.querySelector('h1');
    if (h1) {
        const final = document.fonts.check(fontOf(getComputedStyle(h1)), h1.textContent);
        frames.push([performance.now(), final]);
        if (final) return;
    }
    requestAnimationFrame(watch);
});

const firstText = new Promise(resolve => new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) { observer.disconnect(); resolve(entry.startTime); }
}).observe({type: 'paint', buffered: true}));
const parsed = new Promise(resolve => document.readyState === 'loading'
    ? document.addEventListener('DOMContentLoaded', resolve) : resolve());
const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));

function fontFaceRules(rules, found = []) {
    for (const rule of rules) {
        if (rule instanceof CSSFontFaceRule) {
            found.push({family: unquote(rule.style.getPropertyValue('font-family')),
                        src: rule.style.getPropertyValue('src'),
                        sizeAdjust: rule.style.getPropertyValue('size-adjust')});
        } else if (rule.cssRules) {
            fontFaceRules(rule.cssRules, found);  // @media, @supports, @layer
        }
    }
    return found;
}

function declaredFaces() {
    const faces = [];
    for (const sheet of document.styleSheets) {
        try { fontFaceRules(sheet.cssRules, faces); } catch (error) { /* another origin */ }
    }
    for (const face of document.fonts) {  // faces added from script
        const adjust = face.sizeAdjust && face.sizeAdjust !== '100%' ? face.sizeAdjust : '';
        faces.push({family: unquote(face.family), src: '', sizeAdjust: adjust});
    }
    return faces;
}

// Whether a face's unicode-range ("U+0000-00FF, U+4??") holds a letter of `text`.
function inRange(range, text) {
    const spans = range.split(',').map(part => {
        const [low, high = low] = part.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(low.replace(/\?/g, '0'), 16), parseInt(high.replace(/\?/g, 'F'), 16)];
    });
    return [...text.replace(/\s/g, '')].some(letter => spans.some(
        ([from, to]) => letter.codePointAt(0) >= from && letter.codePointAt(0) <= to));
}

const statusOf = family => {
    const statuses = [...document.fonts].filter(face => unquote(face.family) === family)
        .map(face => face.status);
    return ['loaded', 'loading', 'error', 'unloaded'].find(s => statuses.includes(s)) || null;
};

async function report(fcp) {
    const h1 = document.querySelector('h1');
    if (!h1) return {fcp, heading: null};
    h1.getBoundingClientRect();  // lays the heading out, so its fonts are requested
    await document.fonts.ready;
    await frame(); await frame();
    // Paint timings arrive once the frame is presented: give the h1's a moment.
    await Promise.race([headingPainted, new Promise(resolve => setTimeout(resolve, 1000))]);
    const style = getComputedStyle(h1);
    const families = style.fontFamily.split(',').map(unquote);
    const faces = declaredFaces();
    const first = families[0];
    const web = faces.some(face => face.family === first && /url\(/.test(face.src));
    const fallback = families.slice(1).find(
        family => faces.some(face => face.family === family && face.sizeAdjust));
    // The frame that first painted the h1: the last to begin before that paint.
    const painted = frames.filter(([time]) => time <= (headingPaint ?? fcp)).at(-1)
        ?? frames[0];
    return {
        fcp,
        heading: headingPaint,
        finalAtFirstPaint: painted ? painted[1] : null,
        finalFrom: frames.find(([, final]) => final)?.[0] ?? null,
        families,
        font: web ? first : null,
        fontCovers: web && [...document.fonts].some(face =>
            unquote(face.family) === first && inRange(face.unicodeRange, h1.textContent)),
        fontStatus: web ? statusOf(first) : null,
        fallback: fallback ?? null,
        fallbackStatus: fallback ? statusOf(fallback) : null,
    };
}

Promise.all([firstText, parsed]).then(([fcp]) => report(fcp)).then(
    result => { window.slowLinkReport = result; },
    error => { window.slowLinkReport = {error: String(error)}; });
})();"""


@dataclass
class SlowLoad:
    """One page on the slow link; times in ms from the start of the navigation."""

    label: str
    url: str
    first_text: float  # First Contentful Paint
    heading_paint: float  # the h1's first paint (FCP where Element Timing gives none)
    heading_final: float | None  # its first paint in its final font; None: never
    font: str  # the h1's final font: its web font family, or SYSTEM_FONT
    final_at_first_paint: bool
    fallback: str | None  # a metric-matched family in use while the web font loads
    detail: dict

    @property
    def heading_covered(self):
        """At its first paint the h1 is in its final font or in a metric-matched fallback."""
        return self.final_at_first_paint or bool(self.fallback)

    @property
    def font_failed(self):
        """The h1's web font was declared but did not load."""
        return self.detail["fontStatus"] == "error"

    @property
    def font_note(self):
        declared = self.detail["font"]
        if self.font_failed:
            return f"{SYSTEM_FONT} ({declared} failed to load)"
        if self.font == SYSTEM_FONT and declared and not self.detail["fontCovers"]:
            return f"{SYSTEM_FONT} (none of its letters in {declared})"
        if self.font == SYSTEM_FONT:
            return f"{SYSTEM_FONT} ({declared} not used)" if declared else SYSTEM_FONT
        if self.final_at_first_paint:
            return f"{self.font} (ready at first paint)"
        if self.fallback:
            return f"{self.font} (until then {self.fallback})"
        return f"{self.font} (until then no metric-matched fallback)"


def summary(detail, label, url):
    """A SlowLoad from the probe's report."""
    if "families" not in detail:
        raise RuntimeError(f"{label} ({url}): no h1, or the probe failed: {detail}")
    heading_paint = detail["heading"] or detail["fcp"]
    used = detail["fontStatus"] == "loaded" and detail["fontCovers"]
    # Without a web font for its letters the h1 is in a system font from the start.
    final_at_first_paint = not used or bool(detail["finalAtFirstPaint"])
    heading_final = heading_paint
    if not final_at_first_paint:
        heading_final = detail["finalFrom"] and max(detail["finalFrom"], heading_paint)
    # A fallback that failed (its local fonts are missing) or was never needed covers nothing.
    fallback = detail["fallback"] if detail["fallbackStatus"] == "loaded" else None
    return SlowLoad(
        label=label,
        url=url,
        first_text=detail["fcp"],
        heading_paint=heading_paint,
        heading_final=heading_final,
        font=detail["font"] if used else SYSTEM_FONT,
        final_at_first_paint=final_at_first_paint,
        fallback=fallback,
        detail=detail,
    )


def load(browser, label, url, media=None, timeout=60_000):
    """One first visit of `url` over the emulated 2G link at 375 px: a SlowLoad."""
    context = browser.new_context(**PHONE)
    try:
        context.add_init_script(PROBE)
        if media:
            route_media(context, *media)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        session.send("Network.emulateNetworkConditions", NETWORK_2G)
        answer = page.goto(url, wait_until="commit", timeout=timeout)
        if answer is None or answer.status != 200:
            raise RuntimeError(f"{url} answered {answer and answer.status}")
        detail = page.wait_for_function("() => window.slowLinkReport", timeout=timeout)
        return summary(detail.json_value(), label, url)
    finally:
        context.close()


def measure(browser, pages, media=None):
    """A SlowLoad for each (label, url) of `pages`, one after another. `media`:
    (MEDIA_URL, URL of a MediaServer) when the site's server does not send media."""
    return [load(browser, label, url, media) for label, url in pages]


def route_media(context, media_url, server_url):
    """Requests under `media_url` go, still throttled, to the media server."""

    def forward(route):
        path = urlsplit(route.request.url).path.removeprefix(media_url)
        route.continue_(url=f"{server_url}/{path}")

    context.route(f"**{media_url}**", forward)


class MediaServer:
    """MEDIA_ROOT over HTTP on a free loopback port, in a thread, for as long as needed."""

    def __init__(self, root):
        handler = functools.partial(QuietHandler, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


def table(loads):
    """Lines of a table: page, first text, heading in its final font, heading font."""
    lines = [f"{'page':<22} {'first text ms':>13} {'h1 in final font ms':>19}  h1 font"]
    for row in loads:
        final = "never" if row.heading_final is None else f"{row.heading_final:.0f}"
        lines.append(f"{row.label:<22} {row.first_text:>13.0f} {final:>19}  {row.font_note}")
    return lines
