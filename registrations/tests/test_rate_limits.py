"""How often one connection may send the form, and one address be written to: the limiter
itself on the memory cache and on Redis, and what readers get past the limits."""

import re
import uuid

import pytest
from django.core.cache import caches
from django.utils.http import parse_http_date

from core.rate_limits import RateLimit, client_ip
from registrations.models import Registration
from registrations.tests.conftest import form_url

pytestmark = pytest.mark.django_db

REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379",
}
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"}


@pytest.fixture(params=["locmem", "redis"])
def limit_cache(request, settings):
    """A cache for the limiter: the per-process one, or Redis (a server on 127.0.0.1:6379;
    Debian: apt-get install redis-server), under keys of this test's own."""
    cache = REDIS if request.param == "redis" else LOCMEM
    settings.CACHES = {**settings.CACHES, "limits": {**cache, "KEY_PREFIX": uuid.uuid4().hex}}
    caches["limits"].set("ready", 1)
    assert caches["limits"].get("ready") == 1, f"{request.param} cache unreachable"
    return "limits"


def test_a_limit_counts_per_key_and_window(limit_cache):
    limit = RateLimit("test", count=2, seconds=3600, cache=limit_cache)
    start = 7200 * 1000 + 100  # 100 s into a window
    assert limit.hit("192.0.2.1", now=start) is None
    assert limit.hit("192.0.2.1", now=start + 1) is None
    assert limit.hit("192.0.2.1", now=start + 2) == 3600 - 102
    assert limit.hit("192.0.2.2", now=start + 2) is None  # another address
    assert limit.hit("192.0.2.1", now=start + 3600) is None  # the next window


def test_e_mail_addresses_count_whatever_their_case(limit_cache):
    limit = RateLimit("test", count=1, cache=limit_cache)
    assert limit.hit("Amina@Example.org") is None
    assert limit.hit("amina@example.org") is not None


def test_a_cache_that_is_down_limits_nothing(settings):
    settings.CACHES = {**settings.CACHES, "limits": {**REDIS, "LOCATION": "redis://127.0.0.1:9"}}
    limit = RateLimit("test", count=0, cache="limits")
    assert limit.hit("192.0.2.1") is None


@pytest.mark.parametrize(
    ("proxies", "meta", "address"),
    [
        (0, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.7"}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 192.0.2.7"}, "192.0.2.7"),
        (1, {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
    ],
)
def test_the_client_address_trusts_only_the_proxies_named(rf, settings, proxies, meta, address):
    settings.AXES_IPWARE_PROXY_COUNT = proxies
    assert client_ip(rf.get("/", **meta)) == address


def without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_too_many_registrations_from_one_address_get_a_429_in_the_pages_language(
    settings, smtp_server, register, translated_event
):
    settings.REGISTRATIONS_PER_ADDRESS_PER_HOUR = 2
    french = translated_event("fr")
    assert register(french, "fr", email="one@example.org").status_code == 302
    assert register(french, "fr", email="two@example.org").status_code == 302

    refused = register(french, "fr", email="three@example.org")

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert 'lang="fr"' in refused.content.decode()
    assert "no-cache" in refused["Cache-Control"]
    assert Registration.objects.count() == 2
    assert len(smtp_server.messages) == 2


def test_the_limit_is_per_address(settings, smtp_server, client, register, event):
    settings.REGISTRATIONS_PER_ADDRESS_PER_HOUR = 1
    assert register(event, email="one@example.org").status_code == 302
    assert register(event, email="two@example.org").status_code == 429
    client.defaults["REMOTE_ADDR"] = "192.0.2.50"
    assert register(event, email="two@example.org").status_code == 302


def test_the_form_with_errors_does_not_count(settings, register, event):
    settings.REGISTRATIONS_PER_ADDRESS_PER_HOUR = 1
    for _attempt in range(3):
        assert register(event, consent="").status_code == 200
    assert register(event).status_code == 302


def test_past_the_e_mail_limit_the_answer_is_the_same_and_no_e_mail_goes(
    smtp_server, client, register, event
):
    answers = [register(event, name=f"Attempt {n}") for n in range(5)]

    assert {(a.status_code, a["Location"]) for a in answers} == {(302, answers[0]["Location"])}
    assert len(smtp_server.messages) == 3  # REGISTRATION_EMAILS_PER_ADDRESS_PER_HOUR
    assert Registration.objects.count() == 1


def assert_alike(new, known, headers):
    """The same headers; `Expires` (the moment of the answer) within the same second or
    the next, as two answers sent one after the other are."""
    for header in headers:
        assert new.get(header) == known.get(header), header
    moments = [parse_http_date(answer["Expires"]) for answer in (new, known)]
    assert 0 <= moments[1] - moments[0] <= 1, "Expires"


def test_a_new_and_a_registered_address_get_the_same_answer(smtp_server, client, register, event):
    register(event, email="known@example.org")

    new = register(event, email="new@example.org")
    known = register(event, email="known@example.org")

    assert new.status_code == known.status_code == 302
    assert_alike(
        new, known, ("Location", "Content-Type", "Cache-Control", "Vary", "Content-Length")
    )
    assert sorted(new.cookies) == sorted(known.cookies)
    assert new.content == known.content
    pages = [without_csrf(client.get(a["Location"]).content.decode()) for a in (new, known)]
    assert pages[0] == pages[1]


def test_the_series_form_answers_a_new_and_a_registered_address_alike(
    smtp_server, client, series_post, series
):
    series_post(series, email="known@example.org")

    new = series_post(series, email="new@example.org")
    known = series_post(series, email="known@example.org")

    assert new.status_code == known.status_code == 302
    assert_alike(new, known, ("Location", "Content-Type", "Cache-Control", "Content-Length"))
    pages = [without_csrf(client.get(a["Location"]).content.decode()) for a in (new, known)]
    assert pages[0] == pages[1]


def test_the_series_form_is_limited_too(settings, smtp_server, client, series_post, series):
    settings.REGISTRATIONS_PER_ADDRESS_PER_HOUR = 1
    assert series_post(series, email="one@example.org").status_code == 302
    refused = series_post(series, email="two@example.org")
    assert refused.status_code == 429
    assert "Retry-After" in refused


def test_the_form_itself_is_never_limited(settings, client, register, event):
    settings.REGISTRATIONS_PER_ADDRESS_PER_HOUR = 1
    register(event, email="one@example.org")
    register(event, email="two@example.org")
    assert client.get(form_url(event)).status_code == 200
