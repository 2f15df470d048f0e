"""Local development: SQLite and media on disk unless the environment says otherwise."""

import warnings

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
if not DATABASES:
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
if not env("EMAIL_URL") and not env("EMAIL_HOST"):  # nothing configured: print e-mails
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Static files come from the source folders; no collected STATIC_ROOT in development.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
