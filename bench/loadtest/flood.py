"""The hostile-flood scenario: while readers replay the usual mix (answered from the
cache), a few addresses send requests made afresh each time so that nothing can come
from a cache (flood.lua). The figures of both populations, and whether the readers were
spared."""

import json
from string import Template
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation

#: What a flood may try, per kind, in each language: "$code", "$home", "$news", "$events"
#: and "$search" are that language's paths; for each request flood.lua makes "{r}" a
#: random word and "{n}" a random number. The first kinds must be rendered (and are
#: counted per address); the last two carry parameters the cache leaves out of its key,
#: so they are answered from it.
PATTERNS = {
    "search": "$search?q={r}",
    "listing filters": "$news?topic={r}",
    "page numbers": "$events?page={n}",
    "missing pages": "/$code/{r}/",
    "events API": "/api/v2/events/?locale=$code&offset={n}",
    "pages API": "/api/v2/pages/?search={r}",
    "embed": "/embed/events/?locale=$code&limit={n}",
    "ICS feed": "/feeds/events.ics?locale=$code&topic={r}",
    "tracking tags": "$home?utm_source={r}&fbclid={r}",
    "unknown parameters": "$news?x={r}",
}
#: Readers' p99 past this many milliseconds fails the scenario.
READERS_P99_MS = 100


def patterns(targets):
    """Lines "kind<TAB>path pattern" for flood.lua, in every language of the readers'
    mix (`targets`, bench.loadtest.mix)."""
    first = {}
    for target in targets:
        first.setdefault((target.language.split(",")[0], target.kind), target.path)
    lines = []
    for code in dict.fromkeys(code for code, _kind in first):
        paths = {
            "code": code,
            "home": first.get((code, "home")),
            "news": urlsplit(first.get((code, "news listing"), "")).path or None,
            "events": urlsplit(first.get((code, "event listing"), "")).path or None,
        }
        with translation.override(code):
            paths["search"] = reverse("search")
        known = {name: path for name, path in paths.items() if path}
        for kind, pattern in PATTERNS.items():
            try:
                lines.append(f"{kind}\t{Template(pattern).substitute(known)}")
            except KeyError:  # no such page in this language
                continue
    return lines


def flood_figures(output):
    """The figures flood.lua prints as its last line."""
    for line in reversed(output.splitlines()):
        if line.startswith("FLOOD "):
            return json.loads(line.removeprefix("FLOOD "))
    raise ValueError("wrk printed no flood figures:\n" + output[-2000:])


def populations(readers, flood):
    """Both populations' figures from the two scripts' JSON lines (mix.lua's for the
    readers, flood.lua's for the flood), as written to loadtest.json."""

    def common(figures):
        seconds = figures["duration_us"] / 1_000_000
        errors = figures["errors"]
        return {
            "requests": figures["requests"],
            "requests_per_second": figures["requests"] / seconds if seconds else 0,
            "socket_errors": errors["connect"] + errors["read"] + errors["write"],
            "timeouts": errors["timeout"],
            "statuses": figures["statuses"],
            "latency_ms": {name: value / 1000 for name, value in figures["latency_us"].items()},
            "sent": figures["sent"],
        }

    spared = common(readers)
    spared["errors"] = (
        spared["socket_errors"] + spared["timeouts"] + readers["errors"]["status"]
    )  # any answer but 2xx/3xx
    attacking = common(flood)
    attacking["refused_429"] = flood["statuses"].get("429", 0)
    attacking["errors"] = (
        attacking["socket_errors"] + attacking["timeouts"] + flood["statuses"].get("5xx", 0)
    )  # a 4xx is the site's answer to a bad request, not an error
    return {"readers": spared, "flood": attacking}


def readers_spared(report):
    """What the scenario asks: no error for the readers, and their p99 under the bar."""
    readers = report["readers"]
    return readers["errors"] == 0 and readers["latency_ms"]["p99"] < READERS_P99_MS


def flood_table(report):
    """Both populations as lines of text."""
    readers, flood = report["readers"], report["flood"]
    latency = readers["latency_ms"]
    statuses = flood["statuses"]
    lines = [
        "",
        f"{'cached readers':<16}{readers['requests']:>10,} requests "
        f"({readers['requests_per_second']:.0f}/s), {readers['errors']} errors, latency ms "
        f"p50 {latency['p50']:.1f}  p99 {latency['p99']:.1f}  max {latency['max']:.1f}",
        f"{'flood':<16}{flood['requests']:>10,} requests "
        f"({flood['requests_per_second']:.0f}/s), "
        f"{flood['refused_429']:,} refused (429), {flood['errors']} errors (5xx, timeouts, "
        f"sockets); answers: "
        + "  ".join(f"{name} {statuses.get(name, 0):,}" for name in ("2xx", "3xx", "4xx", "429"))
        + f"; latency ms p50 {flood['latency_ms']['p50']:.1f}",
        f"{'':<16}sent per kind: "
        + ", ".join(f"{kind} {count:,}" for kind, count in sorted(flood["sent"].items())),
        f"{'':<16}the readers' p99 must stay under {READERS_P99_MS} ms with no error: "
        + ("yes" if readers_spared(report) else "NO"),
    ]
    return lines
