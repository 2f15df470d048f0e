"""Django's test client `login()` authenticates without a request, which django-axes'
backend refuses: this one hands axes a blank request there, as axes' docs advise for
tests. Lockouts of usernames still apply; sign-ins through the views are unchanged."""

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class TestClientAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request if request is not None else HttpRequest(), username, password, **kwargs
        )
