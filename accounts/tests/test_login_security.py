"""Signing in to the admin: password guessing is paused per username and per address,
two-step verification is optional per user, and weak passwords are refused."""

import base64
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Site

from core.models import SiteSettings

pytestmark = pytest.mark.django_db

PASSWORD = "leiden-outreach-2030"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


@pytest.fixture
def device(editor):
    """The editor has set up an authenticator app."""
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2030, 1, 7, 9, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def sign_in(client, username, password, address="192.0.2.1", **headers):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def code_for(device):
    """The code the editor's app shows now (django-otp's own TOTP)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(device):
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def enter_code(client, code, next_url="/admin/"):
    return client.post(reverse("two_factor_verify"), {"code": code, "next": next_url})


def sign_in_with_code(client, device):
    assert sign_in(client, device.user.username, PASSWORD).status_code == 302
    assert enter_code(client, code_for(device)).status_code == 302


# Pausing password guessing


def test_a_username_is_paused_after_five_failures_from_any_addresses(
    client, editor, django_user_model
):
    django_user_model.objects.create_superuser("colleague", "c@example.org", PASSWORD)
    for attempt in range(4):
        response = sign_in(client, "editor", "wrong", address=f"198.51.100.{attempt}")
        assert response.status_code == 200
        assert response.context["form"].errors
    assert sign_in(client, "editor", "wrong", address="198.51.100.4").status_code == 429
    # The right password, from yet another address, waits too.
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.99").status_code == 429
    # The addresses are not paused: someone else signs in from them.
    assert sign_in(client, "colleague", PASSWORD, address="198.51.100.0").status_code == 302


def test_an_address_is_paused_after_five_failures_with_any_usernames(client, editor):
    for attempt in range(4):
        assert sign_in(client, f"guess{attempt}", "wrong", address="203.0.113.7").status_code == 200
    assert sign_in(client, "guess4", "wrong", address="203.0.113.7").status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="203.0.113.7").status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="203.0.113.8").status_code == 302


def test_the_pause_page_says_what_happened_when_to_retry_and_whom_to_ask(client, editor, home):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "web@example.org"
    site_settings.save()
    for _attempt in range(5):
        response = sign_in(client, "editor", "wrong")

    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Signing in is paused"
    text = " ".join(page.main.get_text(" ").split())
    assert "too many failed attempts to sign in" in text
    assert "You can try again in 15 minutes." in text
    assert "ask an administrator of this site" in text
    assert page.find("a", href="mailto:web@example.org")
    assert page.find("link", href=lambda href: href and "wagtailadmin/css/core.css" in href)

    french = sign_in(client, "editor", "wrong", HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 429
    assert BeautifulSoup(french.content, "html.parser").html["lang"] == "fr"


def test_the_pause_lifts_fifteen_minutes_after_the_last_attempt(client, editor, clock):
    for _attempt in range(5):
        sign_in(client, "editor", "wrong")
    clock.shift(timedelta(minutes=14))
    assert sign_in(client, "editor", PASSWORD).status_code == 429  # and the wait restarts
    clock.shift(timedelta(minutes=14))
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    clock.shift(timedelta(minutes=16))
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_failure_limit_and_wait_follow_the_settings(client, editor, clock, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    sign_in(client, "editor", "wrong")
    response = sign_in(client, "editor", "wrong")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    clock.shift(timedelta(minutes=2))
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, editor):
    for _attempt in range(4):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    for _attempt in range(4):
        assert sign_in(client, "editor", "wrong").status_code == 200


def test_signing_in_to_ones_own_account_does_not_clear_guesses_at_another(
    client, editor, django_user_model
):
    django_user_model.objects.create_user("intruder", "i@example.org", PASSWORD)
    for _attempt in range(3):
        assert sign_in(client, "editor", "wrong", address="203.0.113.9").status_code == 200
    assert sign_in(client, "intruder", PASSWORD, address="203.0.113.9").status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    assert sign_in(client, "editor", "wrong", address="203.0.113.9").status_code == 200
    assert sign_in(client, "editor", "wrong", address="203.0.113.9").status_code == 429
    assert sign_in(client, "editor", "wrong", address="198.51.100.77").status_code == 429


def test_forwarded_for_is_not_trusted_without_configured_proxies(client, editor):
    for attempt in range(5):
        response = sign_in(
            client,
            f"guess{attempt}",
            "wrong",
            address="203.0.113.20",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_counted(client, editor, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for attempt in range(5):
        # Whatever the client writes into the header itself stands further left.
        forwarded = f"198.51.100.{attempt}, 203.0.113.30"
        response = sign_in(
            client, f"guess{attempt}", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=forwarded
        )
    assert response.status_code == 429
    other_client = sign_in(
        client, "editor", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.31"
    )
    assert other_client.status_code == 302


def test_the_test_clients_login_keeps_working(client, editor):
    assert client.login(username="editor", password=PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


# Two-step verification


def test_an_editor_turns_two_step_verification_on_from_the_account_page(client, editor, clock):
    client.force_login(editor)
    account = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
    set_up_url = reverse("two_factor_set_up")
    assert "Off: signing in asks only for your password." in account.get_text()
    assert account.find("a", href=set_up_url)

    page = client.get(set_up_url)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    soup = BeautifulSoup(page.content, "html.parser")
    qr_code = soup.find("img", src=lambda src: src and src.startswith("data:image/svg+xml;base64,"))
    assert qr_code["alt"]
    assert base64.b64decode(qr_code["src"].split(",", 1)[1]).lstrip().startswith(b"<svg")
    secret = base64.b32encode(device.bin_key).decode()
    assert soup.find("code", attrs={"data-secret": True}).get_text().replace(" ", "") == secret

    refused = client.post(set_up_url, {"code": wrong_code(device)})
    assert refused.status_code == 200
    assert "This code is not right." in refused.content.decode()
    clock.shift(timedelta(seconds=2))  # django-otp waits a second after a wrong code
    response = client.post(set_up_url, {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_account")
    device.refresh_from_db()
    assert device.confirmed

    account = client.get(response.url).content.decode()
    assert "On: signing in asks for your password, then for a code" in account
    assert reverse("two_factor_turn_off") in account
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_after_the_password_the_admin_asks_for_the_code(client, device, clock):
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    response = client.get(response.url)
    verify_url = reverse("two_factor_verify")
    assert response.status_code == 302
    assert response.url == f"{verify_url}?next=%2Fadmin%2F"

    page = BeautifulSoup(client.get(response.url).content, "html.parser")
    field = page.find("input", attrs={"name": "code"})
    assert field["autocomplete"] == "one-time-code"
    assert field["inputmode"] == "numeric"
    assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True)

    response = enter_code(client, code_for(device))
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_before_the_code_the_admin_shows_only_the_code_page_and_signing_out(client, device):
    sign_in(client, "editor", PASSWORD)
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailusers_users:index"),
        reverse("two_factor_set_up"),
        reverse("two_factor_turn_off"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("two_factor_verify")), url
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200

    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    response = client.get(reverse("wagtailadmin_home"))
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_before_the_code_the_public_site_treats_the_editor_as_a_reader(
    client, device, site_tree, clock
):
    sign_in(client, "editor", PASSWORD)
    assert "checker-trigger" not in client.get(site_tree.news.url).content.decode()
    enter_code(client, code_for(device))
    assert "checker-trigger" in client.get(site_tree.news.url).content.decode()


def test_a_wrong_code_is_refused(client, device, clock):
    sign_in(client, "editor", PASSWORD)
    response = enter_code(client, wrong_code(device))
    assert response.status_code == 200
    assert "This code is not right." in response.content.decode()
    # Straight after a wrong code, even the right one waits a moment.
    response = enter_code(client, code_for(device))
    assert "Wait 1 second" in response.content.decode()
    clock.shift(timedelta(seconds=2))
    assert enter_code(client, code_for(device)).status_code == 302


def test_wrong_codes_count_as_failed_sign_ins(client, device, clock):
    sign_in(client, "editor", PASSWORD)
    for _attempt in range(4):
        assert enter_code(client, wrong_code(device)).status_code == 200
        clock.shift(timedelta(minutes=1))  # past django-otp's growing wait
    response = enter_code(client, wrong_code(device))
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
    # Signed out, and the password waits as well.
    assert client.get("/admin/").url.startswith(reverse("wagtailadmin_login"))
    assert sign_in(client, "editor", PASSWORD).status_code == 429


def test_the_password_alone_does_not_clear_wrong_codes(client, device, clock):
    sign_in(client, "editor", PASSWORD)
    for _attempt in range(4):
        enter_code(client, wrong_code(device))
        clock.shift(timedelta(minutes=1))
    client.post(reverse("wagtailadmin_logout"))
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert enter_code(client, wrong_code(device)).status_code == 429


def test_the_right_code_clears_earlier_failures(client, device, clock):
    sign_in(client, "editor", PASSWORD)
    for _attempt in range(4):
        enter_code(client, wrong_code(device))
        clock.shift(timedelta(minutes=1))
    assert enter_code(client, code_for(device)).status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    clock.shift(timedelta(minutes=1))
    sign_in(client, "editor", PASSWORD)
    for _attempt in range(4):
        assert enter_code(client, wrong_code(device)).status_code == 200
        clock.shift(timedelta(minutes=1))


def test_turning_it_off_takes_the_password(client, device, clock):
    sign_in_with_code(client, device)
    turn_off_url = reverse("two_factor_turn_off")
    refused = client.post(turn_off_url, {"password": "wrong"})
    assert refused.status_code == 200
    assert "Neither the code nor the password is right." in refused.content.decode()
    assert TOTPDevice.objects.filter(user=device.user).exists()

    response = client.post(turn_off_url, {"password": PASSWORD})
    assert response.url == reverse("wagtailadmin_account")
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    client.post(reverse("wagtailadmin_logout"))
    sign_in(client, "editor", PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_password_guesses_on_the_turn_off_page_count_as_failed_sign_ins(client, device, clock):
    sign_in_with_code(client, device)
    turn_off_url = reverse("two_factor_turn_off")
    for _attempt in range(4):
        assert client.post(turn_off_url, {"password": "guess"}).status_code == 200
    assert client.post(turn_off_url, {"password": "guess"}).status_code == 429
    assert TOTPDevice.objects.filter(user=device.user).exists()
    assert client.get("/admin/").status_code == 302  # signed out


def test_the_public_api_ignores_passwords_sent_with_the_request(client, editor, device, home):
    """HTTP Basic would unlock login-restricted pages there without the code."""
    from wagtail.models import PageViewRestriction

    from news.factories import NewsPageFactory

    page = NewsPageFactory(parent=home, title="Members only")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    token = base64.b64encode(f"editor:{PASSWORD}".encode()).decode()
    listing = client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert listing.status_code == 200
    assert "Members only" not in listing.content.decode()
    detail = client.get(f"/api/v2/pages/{page.pk}/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert detail.status_code == 404


def test_turning_it_off_takes_a_code(client, device, clock):
    sign_in_with_code(client, device)
    clock.shift(timedelta(seconds=30))  # each code passes once: the app shows the next one
    response = client.post(reverse("two_factor_turn_off"), {"code": code_for(device)})
    assert response.url == reverse("wagtailadmin_account")
    assert not TOTPDevice.objects.filter(user=device.user).exists()


def test_a_site_can_require_two_step_verification(client, editor, settings, clock):
    settings.WAGTAILADMIN_REQUIRE_2FA = True
    client.force_login(editor)
    set_up_url = reverse("two_factor_set_up")
    assert client.get(reverse("wagtailadmin_home")).url == set_up_url
    assert client.get(reverse("wagtailadmin_account")).url == set_up_url
    page = client.get(set_up_url).content.decode()
    assert "This site requires two-step verification" in page

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.post(set_up_url, {"code": code_for(device)}).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("two_factor_turn_off")).url == reverse("wagtailadmin_account")
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_an_operator_turns_it_off_for_someone_who_lost_their_phone(client, device):
    output = io.StringIO()
    call_command("turn_off_two_factor", "editor", stdout=output)
    assert "turned off for editor" in output.getvalue()
    sign_in(client, "editor", PASSWORD)
    assert client.get("/admin/").status_code == 200


# Password rules


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("12345678", "This password is entirely numeric."),
        ("short-pass", "It must contain at least 12 characters."),
        ("programmeoffice", "The password is too similar to the username."),
    ],
)
def test_the_admin_refuses_weak_passwords_for_new_users(
    admin_client, django_user_model, password, message
):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "programmeoffice",
            "email": "office@example.org",
            "first_name": "Programme",
            "last_name": "Office",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not django_user_model.objects.filter(username="programmeoffice").exists()


def test_the_admin_accepts_a_long_uncommon_password(admin_client, django_user_model):
    password = "tropical-medicine-leiden-2030"
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "programmeoffice",
            "email": "office@example.org",
            "first_name": "Programme",
            "last_name": "Office",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    assert django_user_model.objects.get(username="programmeoffice").check_password(password)


def test_the_account_page_refuses_a_weak_new_password(admin_client, django_user_model):
    response = admin_client.post(
        reverse("wagtailadmin_account"),
        {
            "password-old_password": "password",
            "password-new_password1": "editor",
            "password-new_password2": "editor",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This password is too short. It must contain at least 12 characters." in page
    assert django_user_model.objects.get(username="editor").check_password("password")
