"""`{% fragment "name" key ... %}…{% endfragment %}`: a part of a page rendered once and
kept, with the tags of what it shows (core.dependencies), until one of them is purged or
five minutes pass (listings of upcoming events move on).

A page whose whole answer is not cached (an editor's visit, the first after a publish) is
put together from the fragments that did not change: publishing an article re-renders the
home page's news, not its events, partners, menu or footer. The key is the name, the
language, the host and the values given; a preview always renders afresh.
"""

import hashlib

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from core.dependencies import cached, epoch, recorded, recording, store
from core.query_noise import page_parameters

register = template.Library()
FRAGMENT_SECONDS = 300


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, keys, only_if=None, with_view=False):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys
        self.only_if = only_if
        self.with_view = with_view

    def render(self, context):
        request = context.get("request")
        wanted = self.only_if is None or self.only_if.resolve(context)
        if not wanted or request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        values = [key.resolve(context) for key in self.keys]
        raw = repr(
            (self.name.resolve(context), translation.get_language(), request.get_host(), values)
        )
        key = "fragment:" + hashlib.sha256(raw.encode()).hexdigest()[:40]
        found = cached(key)
        if found is not None:
            return mark_safe(found[0])  # noqa: S308 (rendered by our templates)
        started = epoch()
        # A part of one page's answer shows what the view read before the template (the
        # page, its related people and partners) too.
        before = recorded() if self.with_view else set()
        with recording() as tags:
            html = self.nodelist.render(context)
        store(key, str(html), tags | before, FRAGMENT_SECONDS, started)
        return html


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value1 value2 [only_if=condition] [with_view] %}`: the values
    the part depends on besides the language (a page's address and parameters); kept only
    when the condition holds; `with_view`: a part of one page's answer, which shows what
    the view read for it as well."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "{% fragment %} takes a name and the values it depends on"
        )
    with_view = bits[-1] == "with_view"
    if with_view:
        bits.pop()
    only_if = None
    if bits[-1].startswith("only_if="):
        only_if = parser.compile_filter(bits.pop().removeprefix("only_if="))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, *keys = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(nodelist, name, keys, only_if, with_view)


@register.filter
def page_key(request):
    """What an answer at this address depends on: the path and the parameters pages read
    (not tracking tags or `?x=<random>`)."""
    return request.path, tuple(page_parameters(request.GET))
