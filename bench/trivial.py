"""A trivial Django view: the ceiling the throughput benchmarks measure against.

Django with no app, no middleware and one URL answering "ok", served by gunicorn like the
site (`DJANGO_SETTINGS_MODULE=bench.trivial gunicorn bench.trivial:application`): what
any Django page costs before it does anything.
"""

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "trivial-view-of-the-benchmarks"  # noqa: S105 (serves "ok" on loopback)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = __name__
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("trivial", ok)]

application = get_wsgi_application()
