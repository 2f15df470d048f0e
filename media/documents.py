"""Document URLs: Wagtail's own views, answered so that no cache keeps them.

The answer is a redirect to a signed URL that soon expires (or to a login or
password form), so neither a browser nor a CDN may store it; each one asked for
without signing in counts against the address's renders (core.rate_limits), as
everything made afresh does.
"""

import functools

from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from wagtail.documents.views import serve

from core.rate_limits import refusal


def counted(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated and (refused := refusal(request)):
            return refused  # (editors open documents from the admin: never counted)
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    re_path(r"^(\d+)/(.*)$", never_cache(counted(serve.serve)), name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        never_cache(serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
]
