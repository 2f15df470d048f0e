"""What django-axes needs from the site to lock out password guessing: the client address
to count failures for, the page a locked-out person sees, and clearing the count once a
sign-in is complete (for two-step users, after the code, not after the password alone)."""

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials, get_lockout_response
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from wagtail.models import Site

from core.models import SiteSettings
from core.rate_limits import client_ip  # noqa: F401 - AXES_CLIENT_IP_CALLABLE names it here


def _contact_email(request):
    if Site.find_for_request(request) is None:
        return ""
    return SiteSettings.for_request(request).contact_email


def lockout_response(request, original_response=None, credentials=None):
    """A 429 page in the admin's look: what happened, when to try again, whom to ask."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else None
    response = render(
        request,
        "login_security/locked_out.html",
        {
            "minutes": math.ceil(seconds / 60) if seconds else None,
            "contact_email": _contact_email(request),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if seconds:
        response["Retry-After"] = str(seconds)
    return response


def clear_failures(request, user):
    """After a complete sign-in: the failures counted against this username. Not those of
    the address, which may count guesses at other people's accounts (an attacker with an
    account of their own would otherwise wipe them by signing in)."""
    AxesProxyHandler.reset_attempts(username=user.get_username())


def paused(request, user):
    """While the user's sign-in is paused: signed out, and the lockout page. Else None.
    For the steps after the password (the code, turning two-step verification off)."""
    credentials = get_credentials(user.get_username())
    if AxesProxyHandler.is_allowed(request, credentials):
        return None
    return _signed_out_and_paused(request, credentials)


def count_failure(request, user):
    """A wrong code or password after the password, counted as a failed sign-in; the
    lockout page (signed out) if that reaches the limit, else None."""
    credentials = get_credentials(user.get_username())
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if getattr(request, "axes_locked_out", False):
        return _signed_out_and_paused(request, credentials)
    return None


def _signed_out_and_paused(request, credentials):
    logout(request)  # the password is asked again after the wait
    return get_lockout_response(request, None, credentials)
