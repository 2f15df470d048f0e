"""Document URLs: Wagtail's own views, answered so that no cache keeps them.

The answer is a redirect to a signed URL that soon expires (or to a login or
password form), so neither a browser nor a CDN may store it.
"""

from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from wagtail.documents.views import serve

urlpatterns = [
    re_path(r"^(\d+)/(.*)$", never_cache(serve.serve), name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        never_cache(serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
]
