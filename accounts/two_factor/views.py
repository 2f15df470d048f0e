"""The admin's two-step pages: the code after the password, setting an app up, turning
it off. Wrong codes after the password count as failed sign-ins for django-axes."""

import base64

import qrcode
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage
from wagtail.admin import messages

from accounts.login_security import clear_failures, count_failure, paused
from accounts.two_factor import check_code, has_device, needs_code
from accounts.two_factor.forms import CodeForm, TurnOffForm


def qr_code_data_uri(text):
    """A QR code drawn here, as an SVG data: URI (no image host sees the secret)."""
    image = qrcode.make(text, image_factory=SvgPathFillImage, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def readable_secret(device):
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def _refusal(check):
    if check.wait:
        return ngettext(
            "Too many wrong codes in a row. Wait %(seconds)d second, then enter the newest "
            "code from your app.",
            "Too many wrong codes in a row. Wait %(seconds)d seconds, then enter the newest "
            "code from your app.",
            check.wait,
        ) % {"seconds": check.wait}
    return _("This code is not right. Enter the newest code your authenticator app shows.")


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    next_url = _next_url(request)
    if not needs_code(user):
        return redirect(next_url)
    if refusal := paused(request, user):
        return refusal
    form = CodeForm(request.POST or None)
    if form.is_valid():
        check = check_code(
            TOTPDevice.objects.devices_for_user(user, confirmed=True), form.cleaned_data["code"]
        )
        if check.device:
            otp_login(request, check.device)
            request.session.cycle_key()  # the half-signed-in session key does not live on
            clear_failures(request, user)
            return redirect(next_url)
        if not check.wait and (refusal := count_failure(request, user)):  # tried and wrong
            return refusal
        form.add_error("code", _refusal(check))
    return TemplateResponse(request, "two_factor/verify.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def set_up(request):
    user = request.user
    if has_device(user):
        messages.info(request, _("Two-step verification is already on."))
        return redirect("wagtailadmin_account")
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        check = check_code(TOTPDevice.objects.filter(pk=device.pk), form.cleaned_data["code"])
        if check.device:
            check.device.confirmed = True
            check.device.save(update_fields=["confirmed"])
            TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
            otp_login(request, check.device)
            messages.success(
                request,
                _("Two-step verification is on: signing in also asks for a code from your app."),
            )
            return redirect("wagtailadmin_account")
        form.add_error("code", _refusal(check))
    title = _("Set up two-step verification")
    return TemplateResponse(
        request,
        "two_factor/set_up.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "key",
            "form": form,
            "qr_code": qr_code_data_uri(device.config_url),
            "secret": readable_secret(device),
            "required": settings.WAGTAILADMIN_REQUIRE_2FA,
        },
    )


@sensitive_post_parameters("code", "password")
@require_http_methods(["GET", "POST"])
def turn_off(request):
    user = request.user
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    if not devices.exists():
        messages.info(request, _("Two-step verification is already off."))
        return redirect("wagtailadmin_account")
    if settings.WAGTAILADMIN_REQUIRE_2FA:
        messages.error(request, _("This site requires two-step verification of every user."))
        return redirect("wagtailadmin_account")
    if refusal := paused(request, user):
        return refusal
    form = TurnOffForm(request.POST or None)
    if form.is_valid():
        password, code = form.cleaned_data["password"], form.cleaned_data["code"]
        check = check_code(devices, code) if code else None
        right_password = bool(password) and user.check_password(password)
        # A wrong password here is a guess, counted like one at signing in.
        if password and not right_password and (refusal := count_failure(request, user)):
            return refusal
        if right_password or (check and check.device):
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(
                request, _("Two-step verification is off: signing in asks only for your password.")
            )
            return redirect("wagtailadmin_account")
        if check and check.wait:
            form.add_error(None, _refusal(check))
        else:
            form.add_error(None, _("Neither the code nor the password is right."))
    title = _("Turn off two-step verification")
    return TemplateResponse(
        request,
        "two_factor/turn_off.html",
        {"page_title": title, "header_title": title, "header_icon": "key", "form": form},
    )
