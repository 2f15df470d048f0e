"""Until a user with an authenticator app has entered a code, the admin shows only the
code page (and signing out), and the rest of the site treats them as anonymous. With
WAGTAILADMIN_REQUIRE_2FA, an admin user without an app is sent to set one up first."""

from functools import cache
from urllib.parse import urlencode

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.two_factor import has_device, needs_code

#: Admin views open before the code: the code page itself, signing in and out, and the
#: scripts and icons those pages load.
OPEN_BEFORE_CODE = frozenset(
    {
        "two_factor_verify",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)
OPEN_BEFORE_SET_UP = OPEN_BEFORE_CODE | {"two_factor_set_up"}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            original = request.user

            @cache
            def public_user():
                return AnonymousUser() if needs_code(original) else original

            request.user = SimpleLazyObject(public_user)
            request.auser = sync_to_async(public_user)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        url_name = request.resolver_match.url_name
        if needs_code(user):
            if url_name in OPEN_BEFORE_CODE:
                return None
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('two_factor_verify')}?{query}")
        if (
            settings.WAGTAILADMIN_REQUIRE_2FA
            and url_name not in OPEN_BEFORE_SET_UP
            and user.has_perm("wagtailadmin.access_admin")
            and not has_device(user)
        ):
            return redirect("two_factor_set_up")
        return None
