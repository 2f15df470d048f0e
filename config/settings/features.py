"""Settings of the site's own features, each read from the environment (see README's
settings table and .env.example)."""

from datetime import timedelta

from .environment import env, env_list

# Registrations (registrations/): registrants' personal data is anonymized this many days
# after their event ends (the counts stay for the reports); a registration never
# confirmed is deleted after REGISTRATION_UNCONFIRMED_DAYS.
REGISTRATION_RETENTION_DAYS = int(env("REGISTRATION_RETENTION_DAYS", 180))
REGISTRATION_UNCONFIRMED_DAYS = int(env("REGISTRATION_UNCONFIRMED_DAYS", 7))
# Forms one client address may send in an hour (past it: 429), and forms for one e-mail
# address that get a confirmation e-mail (past it: the usual answer, and no e-mail).
REGISTRATIONS_PER_ADDRESS_PER_HOUR = int(env("REGISTRATIONS_PER_ADDRESS_PER_HOUR", 10))
REGISTRATION_EMAILS_PER_ADDRESS_PER_HOUR = int(env("REGISTRATION_EMAILS_PER_ADDRESS_PER_HOUR", 3))
# Registrations: reminders go out this many hours before an event's start (comma-separated),
# and the join address shows on a registrant's page from this many minutes before it.
REGISTRATION_REMINDER_HOURS = sorted(
    {int(hours) for hours in env_list("REGISTRATION_REMINDER_HOURS", "24,1")}, reverse=True
)
REGISTRATION_JOIN_LINK_MINUTES = int(env("REGISTRATION_JOIN_LINK_MINUTES", 30))

# Going live together (translations.launch): the editor of a page planned to go live with
# its translations is e-mailed this many hours before the moment about languages not ready.
LAUNCH_WARNING_HOURS = int(env("LAUNCH_WARNING_HOURS", 24))

# A CDN in front of the site: how long it may keep anonymous pages (0: it may not), and
# how publishing purges it (Wagtail's frontend cache backends, each enabled by its
# variables; several may be set).
CDN_CACHE_SECONDS = int(env("CDN_CACHE_SECONDS", 0))
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):  # Varnish, Squid, nginx: HTTP PURGE requests
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):  # AWS credentials from the usual variables
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# Each translation is its own page with its own URL: purge exactly the URLs that changed.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# Purging by tags (what each answer shows, core.dependencies): the response header that
# lists them ("Surrogate-Key" for Fastly or Varnish xkey, "Cache-Tag" for Cloudflare);
# unset, answers carry none. Purges are sent as PURGE requests with that header to
# CDN_TAG_PURGE_URL, and to Cloudflare's API when it is configured and the header is
# Cache-Tag.
CDN_TAG_HEADER = env("CDN_TAG_HEADER", "")
CDN_TAG_PURGE_URL = env("CDN_TAG_PURGE_URL", "")

# Sign-in defences (docs/security.md). django-axes counts failed sign-ins, passwords and
# two-step codes alike, per username and per client address separately: either one
# reaching AXES_FAILURE_LIMIT is locked out until AXES_COOLOFF_MINUTES after its last
# failure (each attempt during the lock starts the wait again).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_CALLABLE = "accounts.login_security.lockout_response"
# A complete sign-in clears the failures (accounts.login_security); for a user with two-step
# verification that is after the code, not after the password alone.
AXES_RESET_ON_SUCCESS = False
# The client address: REMOTE_ADDR, unless the operator names how many proxies in front of
# the site append to X-Forwarded-For (default none: the header is not trusted). This is
# axes' own setting, which it hands to django-ipware; without that package installed,
# accounts.login_security.client_ip reads it.
AXES_IPWARE_PROXY_COUNT = int(env("AXES_IPWARE_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "accounts.login_security.client_ip"

PAGINATE_BY = 12
# Every query parameter a public page reads: `page`, search's `q` and the index pages'
# filters (a test checks each filter form against it). Others do not change the page:
# the page cache leaves them out of its key and links do not repeat them.
PAGE_QUERY_PARAMETERS = frozenset(
    {"page", "q", "topic", "partner", "series", "format", "country", "kind"}
)
# Answers one client address may have made afresh per minute, evenly (ten seconds' worth
# at once, then one every 60/N seconds; past it: 429 with Retry-After): pages and machine
# answers not in the cache, and searches apart. Cached answers are never counted
# (core.rate_limits).
RENDERS_PER_ADDRESS_PER_MINUTE = int(env("RENDERS_PER_ADDRESS_PER_MINUTE", 60))
SEARCHES_PER_ADDRESS_PER_MINUTE = int(env("SEARCHES_PER_ADDRESS_PER_MINUTE", 20))
