"""Optional TOTP two-step verification for the admin: turned on and off from the account
page, asked for after the password (django-otp keeps the devices and checks the codes)."""

import math
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice


def has_device(user):
    """Whether the user has confirmed an authenticator app."""
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_code(user):
    """Signed in with the password, the code still to come."""
    return user.is_authenticated and not user.is_verified() and has_device(user)


@dataclass
class CodeCheck:
    device: TOTPDevice | None = None
    #: Seconds django-otp still refuses any code after wrong ones (the code was not tried).
    wait: int = 0


def check_code(devices, code):
    """Try `code` on the first of `devices`, its row locked so one code cannot pass twice."""
    with transaction.atomic():
        device = devices.select_for_update().first()
        if device is None:
            return CodeCheck()
        allowed, details = device.verify_is_allowed()
        if not allowed:
            remaining = (details["locked_until"] - timezone.now()).total_seconds()
            return CodeCheck(wait=max(1, math.ceil(remaining)))
        if device.verify_token(code):
            return CodeCheck(device=device)
    return CodeCheck()
