"""HTML sent without the templates' indentation.

The templates are indented for people who read them (djlint keeps them so); readers on
slow links should not download that. Spaces and tabs at the start of a line, and blank
lines, are dropped from HTML answers: a browser collapses them into the line break before
them, so nothing rendered changes. `<pre>`, `<textarea>`, `<script>` and `<style>` keep
every character (their whitespace shows, or an inline script's hash covers it). Runs
before the page cache stores an answer, so cached pages are compact too.
"""

import re

from django.utils.deprecation import MiddlewareMixin

KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
INDENTATION = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def compact(html):
    """`html` with each run of line breaks and indentation reduced to one line break,
    outside the elements whose whitespace matters."""
    parts = KEPT.split(html)
    # re.split with two groups yields: text, whole element, tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(INDENTATION.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def compact_response(response):
    """Compact an HTML answer's body in place, once: answers that
    `http_cache.conditional_cache` stored compact are marked so and not read again (the
    page cache answers its hits before this runs)."""
    if (
        getattr(response, "compacted", False)
        or response.streaming
        or response.status_code == 304
        or not response.get("Content-Type", "").startswith("text/html")
        or response.has_header("Content-Encoding")
    ):
        return response
    charset = response.charset or "utf-8"
    body = response.content.decode(charset)
    compacted = compact(body)
    if len(compacted) != len(body):
        response.content = compacted.encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    response.compacted = True
    return response


class CompactHTMLMiddleware(MiddlewareMixin):
    """Compacts the HTML of the public site's answers (the admin is left as Wagtail
    sends it)."""

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/"):
            return response
        return compact_response(response)
