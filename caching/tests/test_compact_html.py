"""Pages are sent without the templates' indentation, and read exactly the same."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from events.factories import EventPageFactory
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

COMPACT = "caching.compact_html.CompactHTMLMiddleware"


def without_compaction():
    return [name for name in settings.MIDDLEWARE if name != COMPACT]


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    return " ".join(soup.get_text(" ").split())


@pytest.fixture
def partner(site_tree):
    partner = PartnerPageFactory(parent=site_tree.partners, title="Makerere University")
    EventPageFactory(parent=site_tree.events, title="Immunology week")
    return partner


@pytest.mark.parametrize("path", ["/en/", "/en/partners/", "partner"])
def test_pages_read_the_same_in_fewer_bytes(client, settings, partner, path):
    url = partner.url if path == "partner" else path
    compact = client.get(url)
    cache.clear()  # else the page cache answers the second request
    settings.MIDDLEWARE = without_compaction()
    indented = Client().get(url)  # a new client loads the changed middleware
    assert compact.status_code == indented.status_code == 200
    small, large = compact.content.decode(), indented.content.decode()
    assert len(small) < len(large) * 0.9, (len(small), len(large))
    assert visible_text(small) == visible_text(large)
    outside_pre = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", small, flags=re.S)
    assert not re.search(r"\n[ \t]+<", outside_pre)


def test_code_in_pre_keeps_every_space(client, partner):
    """The embed code a partner copies is shown in <pre>, indented as it must be pasted."""
    html = client.get(partner.url).content.decode()
    code = BeautifulSoup(html, "html.parser").find(id="embed-script-code").get_text()
    assert "\n  <a href=" in code


def test_the_admin_is_sent_as_wagtail_renders_it(admin_client):
    assert "\n    " in admin_client.get("/admin/").content.decode()


def test_cached_embed_answers_are_stored_compact(client, partner):
    """The embed's answer cache keeps the compact HTML: a hit sends the same bytes."""
    first = client.get("/embed/events/", {"locale": "en"})
    second = client.get("/embed/events/", {"locale": "en"})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    html = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", first.content.decode(), flags=re.S)
    assert not re.search(r"\n[ \t]+<", html)
