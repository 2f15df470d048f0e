"""What every answer tells the browser: a strict Content Security Policy, no framing but
the embed's, no sniffing, and no cookie for anonymous readers."""

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from events.factories import EventPageFactory
from news.factories import NewsPageFactory
from operations.security import ERROR_PAGE_CSS, source_hash
from partners.factories import PartnerPageFactory
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def public_urls(site_tree):
    article = NewsPageFactory(parent=site_tree.news)
    event = EventPageFactory(parent=site_tree.events)
    partner = PartnerPageFactory(parent=site_tree.partners)
    home = site_tree.home.url
    return [
        home,
        site_tree.news.url,
        article.url,
        site_tree.events.url,
        f"{site_tree.events.url}past/",
        event.url,
        site_tree.partners.url,
        partner.url,
        f"{home}search/?q=health",
        f"{home}no-such-page/",
        "/api/v2/events/",
        "/api/v2/pages/",
        "/feeds/events.ics",
        f"/feeds/events/{event.pk}.ics",
        "/feeds/news.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/manifest.webmanifest",
        "/healthz",
    ]


def test_public_answers_carry_a_strict_policy_and_refuse_framing(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        csp = policy(response)
        for directive in ("script-src", "default-src", "style-src"):
            assert "'unsafe-inline'" not in csp[directive], (url, directive)
            assert "'unsafe-eval'" not in csp[directive], (url, directive)
        assert csp["script-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"], url
        assert csp["frame-ancestors"] == ["'none'"], url
        assert csp["base-uri"] == ["'self'"], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url


def test_pages_hold_no_inline_script_and_only_the_allowed_inline_style(client, public_urls):
    for url in public_urls[:10]:  # the HTML pages
        response = client.get(url)
        soup = BeautifulSoup(response.content, "html.parser")
        for script in soup.find_all("script"):
            executable = script.get("type") in (None, "", "module", "text/javascript")
            assert not executable or script.get("src"), (url, str(script)[:200])
        for style in soup.find_all("style"):
            assert source_hash(style.string or "") in policy(response)["style-src"], url
        assert not soup.select("[style]"), (url, "style attributes need 'unsafe-inline'")
        on_handlers = [
            (tag.name, name)
            for tag in soup.find_all(True)
            for name in tag.attrs
            if name.startswith("on")
        ]
        assert on_handlers == [], url


def test_only_the_embed_may_be_framed_by_any_site(client, site_tree):
    response = client.get("/embed/events/?accent=0b6e69")
    assert response.status_code == 200
    assert not response.has_header("X-Frame-Options")
    csp = policy(response)
    assert csp["frame-ancestors"] == ["*"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["script-src"] == ["'self'"]
    # The partner's accent colour is the one inline style, allowed by its exact hash.
    soup = BeautifulSoup(response.content, "html.parser")
    styles = [style.string for style in soup.find_all("style")]
    assert styles == ["body{--accent:#0b6e69;--accent-text:#0b6e69}"]  # readable as it is
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp["style-src"]
    assert not soup.select("[style]")


def test_a_revalidated_embed_keeps_its_own_policy(client, site_tree):
    """Browsers copy a 304's headers onto the stored answer: none that refuse framing."""
    first = client.get("/embed/events/")
    again = client.get("/embed/events/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert (
        "Content-Security-Policy" not in again
        or "frame-ancestors *" in again["Content-Security-Policy"]
    )
    assert not again.has_header("X-Frame-Options")


def test_an_accent_that_is_not_a_colour_is_refused_and_cannot_reach_the_style(client, site_tree):
    response = client.get("/embed/events/", {"accent": "red;}body{background:url(//x)"})
    assert response.status_code == 400
    assert b"url(//x)" not in response.content


def test_the_admin_has_its_own_policy_and_only_frames_itself(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


def test_served_documents_run_nothing(client, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    document = get_document_model().objects.create(
        title="Report", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="report.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert policy(response)["default-src"] == ["'none'"]  # Wagtail's own, kept
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_error_page_style_is_allowed_by_hash():
    assert source_hash(ERROR_PAGE_CSS).startswith("'sha256-")
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert f"<style>{ERROR_PAGE_CSS}</style>" in html


def test_anonymous_readers_get_no_cookie_anywhere(public_urls):
    reader = Client()
    for url in ["/", *public_urls, "/embed/events/", "/embed/events.js", "/readyz"]:
        response = reader.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert not response.cookies, (url, list(response.cookies))
    assert not reader.cookies


def test_admin_cookies_are_http_only_same_site_and_secure_in_production(
    client, settings, django_user_model
):
    settings.SESSION_COOKIE_SECURE = True  # as config/settings/production.py sets them
    settings.CSRF_COOKIE_SECURE = True
    django_user_model.objects.create_superuser(
        "chief", "chief@example.org", "a long passphrase 2026"
    )
    page = client.get("/admin/login/")
    assert page.cookies["csrftoken"]["httponly"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1)
    response = client.post(
        "/admin/login/",
        {
            "username": "chief",
            "password": "a long passphrase 2026",
            "csrfmiddlewaretoken": token.decode(),
        },
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies.get(name) or client.cookies[name]
        assert cookie["secure"], name
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name


def test_https_answers_carry_hsts_in_production(client, settings, site_tree):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(site_tree.home.url, secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_preview_panel_may_be_framed_by_the_admin(admin_client, site_tree):
    """The editor's preview panel frames the preview answer: it carries the admin's
    policy (framed by the admin itself), not the public pages' `frame-ancestors 'none'`."""
    page = site_tree.news
    edit_preview = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = page_form_data(type(page.specific), page.title, slug=page.slug)
    assert admin_client.post(edit_preview, data).json()["is_valid"]
    for mode in ("", "?mode="):
        response = admin_client.get(edit_preview + mode)
        assert response.status_code == 200
        assert policy(response)["frame-ancestors"] == ["'self'"], mode
        assert response["X-Frame-Options"] == "SAMEORIGIN"
