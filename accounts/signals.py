"""Clearing failed sign-ins once a sign-in is complete."""

from accounts.login_security import clear_failures
from accounts.two_factor import has_device


def clear_failures_after_sign_in(sender, request, user, **kwargs):
    """`user_logged_in` receiver: the password completes the sign-in of a user without
    two-step verification; the others' failures are cleared by the code (two_factor)."""
    if request is not None and not has_device(user):
        clear_failures(request, user)
