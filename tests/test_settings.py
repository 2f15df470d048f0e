"""Deployment settings: refuse to start half-configured, pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_its_variables():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        SECRET_KEY="x" * 30 + "-a-long-random-production-secret-key",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        ALLOWED_HOSTS="www.example.org",
        EMAIL_URL="smtps://mailer:secret@mail.example.org:465",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION = {
    "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "ALLOWED_HOSTS": "www.example.org",
}
SHOW_SETTINGS = (
    "from django.conf import settings; "
    "print(sorted(settings.WAGTAILFRONTENDCACHE), settings.TASKS['default']['BACKEND'], "
    "settings.CDN_CACHE_SECONDS)"
)


def test_cdn_purging_and_background_tasks_follow_the_environment():
    plain = manage("shell", "-v", "0", "-c", SHOW_SETTINGS, **PRODUCTION)
    assert plain.stdout.split() == ["[]", "django_tasks.backends.immediate.ImmediateBackend", "0"]

    configured = manage(
        "shell",
        "-v",
        "0",
        "-c",
        SHOW_SETTINGS,
        **PRODUCTION,
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="token",  # noqa: S106
        FRONTEND_CACHE_PURGE_URL="http://varnish:6081",
        TASKS_BACKEND="database",
        CDN_CACHE_SECONDS="600",
    )
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.split() == [
        "['cloudflare',",
        "'http']",
        "django_tasks_db.DatabaseBackend",
        "600",
    ]


def test_an_unknown_task_backend_is_refused_by_name():
    result = manage("check", **PRODUCTION, TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of: immediate, database" in result.stderr


SHOW_EMAIL = (
    "from django.conf import settings; "
    "print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
    "settings.EMAIL_USE_SSL, settings.DEFAULT_FROM_EMAIL, settings.EMAIL_MAX_ATTEMPTS)"
)


def test_email_follows_email_url():
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        SHOW_EMAIL,
        **PRODUCTION,
        EMAIL_URL="smtps://mailer:secret@mail.example.org",
        DEFAULT_FROM_EMAIL="events@example.org",
        EMAIL_MAX_ATTEMPTS="4",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "465",
        "True",
        "events@example.org",
        "4",
    ]


def test_a_bad_email_url_stops_the_start_with_its_reason():
    result = manage("check", **PRODUCTION, EMAIL_URL="smpt://mailer:hunter2@mail.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured: EMAIL_URL must start with smtp://" in result.stderr
    assert "hunter2" not in result.stderr


def test_development_prints_emails_unless_a_server_is_configured():
    development = {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    plain = manage("shell", "-v", "0", "-c", SHOW_EMAIL, **development)
    assert plain.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"

    catcher = manage(
        "shell", "-v", "0", "-c", SHOW_EMAIL, **development, EMAIL_URL="smtp://127.0.0.1:1025"
    )
    assert catcher.stdout.split()[:3] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "127.0.0.1",
        "1025",
    ]
