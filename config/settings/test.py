"""The test suite: PostgreSQL (DATABASE_URL, else the local server on 127.0.0.1:5432)."""

import dj_database_url

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/globalhealth")
    )
}
# The replica's alias, a second connection to the test database, for the tests of
# operations/replicas.py that ask for it and install the router; nothing else is routed,
# whatever DATABASE_REPLICA_URL says.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = []
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the source folders, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The test client's `login()` passes no request to axes; see tests/auth_backends.py.
AUTHENTICATION_BACKENDS = [
    "tests.auth_backends.TestClientAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Tests make many pages from one address in a minute; the limits' own tests lower these.
RENDERS_PER_ADDRESS_PER_MINUTE = 100_000
SEARCHES_PER_ADDRESS_PER_MINUTE = 100_000
