"""EMAIL_URL: each documented form, and a bad one refused at start with a clear message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mail.email_url import email_settings, parse_email_url

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_with_starttls_and_a_login():
    assert parse_email_url("smtp://mailer:s3cret@mail.example.org:587?tls=1") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_smtps_is_implicit_tls_on_port_465():
    settings = parse_email_url("smtps://mailer@example.org:p%40ss%2Fword@mail.example.org")
    assert settings["EMAIL_PORT"] == 465
    assert (settings["EMAIL_USE_SSL"], settings["EMAIL_USE_TLS"]) == (True, False)
    assert settings["EMAIL_HOST_USER"] == "mailer@example.org"
    assert settings["EMAIL_HOST_PASSWORD"] == "p@ss/word"


def test_a_local_mail_catcher_without_login_or_tls():
    settings = parse_email_url("smtp://127.0.0.1:1025")
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("127.0.0.1", 1025)
    assert settings["EMAIL_HOST_USER"] == settings["EMAIL_HOST_PASSWORD"] == ""
    assert not settings["EMAIL_USE_TLS"] and not settings["EMAIL_USE_SSL"]


def test_console_prints_messages():
    settings = parse_email_url("console://")
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_ports_follow_the_kind_of_tls_when_left_out():
    assert parse_email_url("smtp://mail.example.org")["EMAIL_PORT"] == 25
    assert parse_email_url("smtp://mail.example.org?tls=1")["EMAIL_PORT"] == 587
    assert parse_email_url("smtp://mail.example.org?ssl=1")["EMAIL_PORT"] == 465
    assert parse_email_url("smtp://mail.example.org?timeout=30")["EMAIL_TIMEOUT"] == 30


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("imap://mail.example.org", "must start with smtp://, smtps:// or console://"),
        ("mail.example.org:587", "must start with smtp://"),
        ("smtp://", "names no mail server"),
        ("smtp://mail.example.org:port", "port that is not a number"),
        ("smtp://mail.example.org?tls=maybe", "tls must be 1 or 0"),
        ("smtp://mail.example.org?starttls=1", "unknown parameters: starttls"),
        ("smtps://mail.example.org?tls=1", "both STARTTLS"),
        ("smtp://mail.example.org?timeout=0", "timeout must be above 0"),
    ],
)
def test_a_bad_url_is_refused_naming_what_is_wrong(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_email_url(url)


def test_the_password_is_never_repeated_in_the_message():
    with pytest.raises(ImproperlyConfigured) as refused:
        parse_email_url("smtp://mailer:hunter2@mail.example.org:x")
    assert "hunter2" not in str(refused.value)


def test_without_email_url_the_separate_variables_count():
    settings = email_settings(
        {
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "mailer",
            "EMAIL_HOST_PASSWORD": "s3cret",
            "EMAIL_USE_TLS": "true",
        }
    )
    assert settings == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_email_url_wins_over_the_separate_variables():
    settings = email_settings({"EMAIL_URL": "console://", "EMAIL_HOST": "smtp.example.org"})
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
