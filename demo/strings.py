"""The English strings of the demo content that translators translate.

`python -m demo.strings` prints them as a JSON list: the keys of
`translations/<locale>.json`, each mapped to its translation there.
"""

import json

from . import content


def block_strings(blocks):
    for kind, value in blocks:
        if kind in ("heading", "paragraph"):
            yield value
        elif kind == "quote":
            yield value["quote"]
            if value.get("role"):
                yield value["role"]
        elif kind == "call_to_action":
            yield from (value[k] for k in ("heading", "text", "button_label") if value.get(k))
        elif kind == "figures_table":
            yield value["caption"]
            yield from value.get("headings", [])
            for row in value["rows"]:
                yield from row


def page_strings(item, *fields):
    yield from (item[f] for f in ("title", "slug", "summary", *fields) if item.get(f))
    yield from block_strings(item.get("body", []))


def translatable_strings():
    """Every string, once, in reading order."""
    strings = []
    home = content.HOME
    strings += [home["title"], home["hero_heading"], home["hero_intro"], home["summary"]]
    strings += [label for _value, label in home["key_figures"]]
    for index in (content.NEWS_INDEX, content.EVENT_INDEX, content.PARTNER_INDEX):
        strings += list(page_strings(index))
    for item in content.CONTENT_PAGES:
        strings += list(page_strings(item))
    strings.append(content.FOOTER)
    for topic in content.TOPICS:
        strings += [topic["name"], topic.get("description", "")]
    for person in content.PEOPLE:
        strings += [person.get("role", ""), person.get("bio", "")]
    for item in content.PARTNERS:
        if item.get("translate", True):
            strings += list(page_strings(item, "city"))
    for series in content.SERIES:
        if series.get("translate", True):
            strings += list(page_strings(series))
            for session in series["sessions"]:
                if session.get("translate", True):
                    strings += list(page_strings(session, "city", "venue_name"))
    for item in content.EVENTS:
        if item.get("translate", True):
            strings += list(page_strings(item, "city", "venue_name"))
    for item in content.NEWS:
        if item.get("translate", True):
            strings += list(page_strings(item))
    seen = set()
    return [s for s in strings if s and not (s in seen or seen.add(s))]


if __name__ == "__main__":
    print(json.dumps(translatable_strings(), ensure_ascii=False, indent=1))
