"""Settings shared by every environment. Production-safe; everything variable comes
from the environment (see README's settings table and .env.example)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from mail.email_url import email_settings

from .environment import BASE_DIR, env, env_bool, env_list

SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "news",
    "events",
    "partners",
    "core",
    "accounts",
    "translations",
    "media",
    "caching",
    "search",
    "seo",
    "operations",
    "mail",
    "registrations",
    "demo",
    "bench",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "django_tasks_db",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "operations.health.ProbesMiddleware",  # first: probes cost nothing and are not logged
    "operations.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "operations.security.SecurityHeadersMiddleware",
    # A hit answers here; its key holds only the parameters pages read (no tracking tag).
    "caching.http_cache.AnonymousPageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Safe anonymous reads from the replica, for all that queries below (not loaded
    # without DATABASE_REPLICA_URL).
    "operations.replicas.ReplicaReadsMiddleware",
    "core.middleware.TrackingParametersMiddleware",  # before any view reads the query
    "caching.compact_html.CompactHTMLMiddleware",  # inside the page cache: cached compact
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SiteMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.middleware.TwoFactorMiddleware",
    # Once the user is known: renders that passed the page cache are counted per address.
    "caching.http_cache.RenderLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


# Database: DATABASE_URL (postgres://user:pass@host:5432/name); each environment
# module decides the fallback.
def database(url):
    """The connection settings of a database URL, alike for the primary and the replica."""
    parsed = dj_database_url.parse(url, conn_max_age=60)
    if parsed["ENGINE"].endswith("postgresql"):
        # An unreachable server fails a request within seconds (a 503, see operations/errors.py)
        # instead of holding a worker for minutes.
        parsed.setdefault("OPTIONS", {})["connect_timeout"] = int(
            env("DATABASE_CONNECT_TIMEOUT", 5)
        )
    return parsed


DATABASE_URL = env("DATABASE_URL")
DATABASES = {}
if DATABASE_URL:
    DATABASES["default"] = database(DATABASE_URL)
# An optional read replica for anonymous readers' pages (operations/replicas.py); for
# DATABASE_REPLICA_LAG_SECONDS after any purge of the caches, reads go to the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
DATABASE_REPLICA_LAG_SECONDS = int(env("DATABASE_REPLICA_LAG_SECONDS", 10))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database(DATABASE_REPLICA_URL)
    DATABASE_ROUTERS = ["operations.replicas.ReplicaRouter"]

# Headers and cookies (operations/security.py adds the Content Security Policy and
# Permissions-Policy; production adds HSTS and Secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # only /embed/ may be framed, by any site
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # the admin reads its token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the eight locales of the public contract.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
    ("zh-hans", "中文"),
    ("id", "Bahasa Indonesia"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_STORAGE = {
        "BACKEND": "media.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "default_acl": env("AWS_DEFAULT_ACL", "public-read"),
            "querystring_auth": False,
            "file_overwrite": False,
            "signed_url_expiry": int(env("AWS_DOCUMENT_URL_EXPIRY", 300)),
        },
    }
    # Documents are private objects: the document view checks permission, then
    # redirects to a signed URL (see media/storage.py).
    WAGTAILDOCS_SERVE_METHOD = "redirect"
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Cache: Redis when REDIS_URL is set, else memory local to the process.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "caching.backends.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (Wagtail's tasks framework): "immediate" runs them in the request;
# "database" queues them for `python manage.py run_worker`, which also publishes
# scheduled pages.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of: {', '.join(TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# The tasks `run_worker` queues every minute (dotted paths: the apps that own them sit
# above the worker's own app).
WORKER_EVERY_MINUTE = [
    "operations.tasks.publish_scheduled_pages",
    "mail.tasks.send_due_emails",
    "registrations.tasks.every_minute",
]

# Outgoing e-mail: EMAIL_URL (mail/email_url.py), else the separate EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT. Messages
# go through the outbox (mail/), which retries a failed send EMAIL_MAX_ATTEMPTS times in all.
_email = email_settings(os.environ)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", "root@localhost")
EMAIL_MAX_ATTEMPTS = int(env("EMAIL_MAX_ATTEMPTS", 6))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Global Health Partnerships")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024))
# Pixels, not bytes: a small file can unpack into a bitmap that exhausts memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 50_000_000))
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.upload_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.upload_forms.DocumentForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024))
# The served type follows the extension (whose content media/file_checks.py verified), never
# the server's mime.types. Only PDF and plain text (sent with nosniff) open in the browser;
# everything else is downloaded.
WAGTAILDOCS_CONTENT_TYPES = {
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "txt": "text/plain",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
# PostgreSQL stemming per language (`SELECT cfgname FROM pg_ts_config` lists them; on
# SQLite the Snowball stemmer of the same name stems in Python, search/text.py);
# a language missing here is searched word by word (Chinese is first cut into words by
# search/text.py, at indexing and at query time).
SEARCH_TEXT_CONFIGS = {
    "en": "english",
    "nl": "dutch",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "id": "indonesian",
    "ar": "arabic",
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com in the admin: editors' e-mail hashes stay here (and the
# admin's CSP would block them anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# New translations start as drafts; a translator publishes them (translations/policy.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation: DeepL when DEEPL_API_KEY is set; MACHINE_TRANSLATOR=test selects an
# offline translator that reverses the word order (tests, demonstrations, benchmarks).
MACHINE_TRANSLATORS = {
    "deepl": {
        "CLASS": "translations.machine.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_API_KEY")},
    },
    "test": {"CLASS": "translations.machine.TestTranslator", "OPTIONS": {}},
}
MACHINE_TRANSLATOR = env("MACHINE_TRANSLATOR", "deepl" if env("DEEPL_API_KEY") else "")
if MACHINE_TRANSLATOR and MACHINE_TRANSLATOR not in MACHINE_TRANSLATORS:
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATOR must be one of: {', '.join(MACHINE_TRANSLATORS)} (or empty)"
    )
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = MACHINE_TRANSLATORS.get(MACHINE_TRANSLATOR)

# Optional TOTP two-step verification for the admin (accounts/two_factor/); with
# WAGTAILADMIN_REQUIRE_2FA every admin user must set it up before anything else.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
WAGTAILADMIN_REQUIRE_2FA = env_bool("WAGTAILADMIN_REQUIRE_2FA", False)

# django-countries: names follow the active language.
COUNTRIES_FIRST_BREAK = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # failures and lockouts, not every startup
        "django.server": {"level": "WARNING"},  # the request log below replaces it
    },
}

# Search engines may index the site (production turns it on; only the Wagtail sites'
# host names are ever indexed).
SEARCH_ENGINE_INDEXING = env_bool("SEARCH_ENGINE_INDEXING", False)

# The Wagtail API (read-only): pages, images, documents and events.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "URL_FORMAT_OVERRIDE": None,  # `format` is an events filter, not a renderer choice
    # The public API answers everyone alike: no password (HTTP Basic) or session may unlock
    # restricted pages there, which would also skip two-step verification. The admin's
    # own API views name their authentication themselves.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
}
FORMAT_MODULE_PATH = ["config.formats"]

# The site's own features: registrations, going live together, the CDN, sign-in defences,
# listings and rate limits.
from .features import *  # noqa: E402, F403
