"""Django's e-mail settings from one EMAIL_URL, or from the separate EMAIL_* variables.

    smtp://user:password@mail.example.org:587?tls=1   SMTP with STARTTLS
    smtps://user:password@mail.example.org:465        SMTP over TLS from the first byte
    smtp://127.0.0.1:1025                             a local mail catcher
    console://                                        print each message to stdout

Query parameters: `tls=1`, `ssl=1`, `timeout=<seconds>`. User name and password are
percent-encoded (`%40` for `@`).
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
BACKENDS = {
    "smtp": SMTP_BACKEND,
    "smtps": SMTP_BACKEND,
    "console": "django.core.mail.backends.console.EmailBackend",
}
DEFAULT_TIMEOUT = 10  # seconds; Django's default waits forever on a silent server
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def email_settings(environ):
    """EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
    EMAIL_USE_TLS, EMAIL_USE_SSL and EMAIL_TIMEOUT from `environ`."""
    url = environ.get("EMAIL_URL", "")
    if url:
        return parse_email_url(url)
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": environ.get("EMAIL_HOST") or "localhost",
        "EMAIL_PORT": _number("EMAIL_PORT", environ.get("EMAIL_PORT") or "25"),
        "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": _flag("EMAIL_USE_TLS", environ.get("EMAIL_USE_TLS", "")),
        "EMAIL_USE_SSL": _flag("EMAIL_USE_SSL", environ.get("EMAIL_USE_SSL", "")),
        "EMAIL_TIMEOUT": _number("EMAIL_TIMEOUT", environ.get("EMAIL_TIMEOUT") or "10"),
    }


def parse_email_url(url):
    """The settings EMAIL_URL stands for; ImproperlyConfigured naming what is wrong (never
    repeating the URL, which may hold a password)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtps:// or console://, not {scheme or '?'}://"
        )
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(query) - {"tls", "ssl", "timeout"})
    if unknown:
        raise ImproperlyConfigured(f"EMAIL_URL has unknown parameters: {', '.join(unknown)}")
    settings = {
        "EMAIL_BACKEND": BACKENDS[scheme],
        "EMAIL_HOST": "localhost",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": _number("EMAIL_URL timeout", _last(query, "timeout", "10")),
    }
    if scheme == "console":
        return settings
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number") from None
    if not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL names no mail server: {scheme}://host:port")
    use_ssl = scheme == "smtps" or _flag("EMAIL_URL ssl", _last(query, "ssl", ""))
    use_tls = _flag("EMAIL_URL tls", _last(query, "tls", ""))
    if use_ssl and use_tls:
        raise ImproperlyConfigured(
            "EMAIL_URL asks for both STARTTLS (tls=1) and implicit TLS (smtps:// or ssl=1)"
        )
    settings.update(
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or (465 if use_ssl else 587 if use_tls else 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_TLS=use_tls,
        EMAIL_USE_SSL=use_ssl,
    )
    return settings


def _last(query, name, default):
    return query[name][-1] if name in query else default


def _flag(name, value):
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}")


def _number(name, value):
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number <= 0:
        raise ImproperlyConfigured(f"{name} must be above 0")
    return number
