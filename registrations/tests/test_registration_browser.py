"""The registration forms in Chromium: the reader's own time zone filled in by the browser,
the whole form sent, the series form in Arabic on a phone, and axe-core on both."""

import tempfile
import uuid
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from partners.factories import PartnerPageFactory
from registrations import forms
from registrations.models import Registration, RegistrationQuestion
from registrations.tests.conftest import TITLES, form_url, series_form_url, sessions_of, worded
from tests.browser import Browser, LiveSite
from tests.test_browser import axe_violations

pytestmark = pytest.mark.django_db


def screenshot(tab, name, language, width=375):
    """A full-page PNG to look at: <temporary folder>/reader-<name>-<language>-<width>.png."""
    path = Path(tempfile.gettempdir()) / f"reader-{name}-{language}-{width}.png"
    tab.screenshot(path=path, full_page=True)


@pytest.fixture
def reader(chromium, client):
    """A browser as a reader in `timezone_id`, on pages served by the test client."""
    sessions = []

    def open_as(**context_options):
        session = Browser(chromium, client, **context_options)
        sessions.append(session)
        return session

    yield open_as
    for session in sessions:
        session.context.close()


@pytest.fixture
def live_reader(chromium, monkeypatch):
    """A browser as a reader in `timezone_id` on the site served over HTTP, where forms
    are sent and redirects followed as on a real server; the form may be sent at once."""
    monkeypatch.setattr(forms, "MINIMUM_FILL_SECONDS", 0)
    contexts = []
    with LiveSite() as site:

        def open_as(path, width=375, **context_options):
            context = chromium.new_context(base_url=site.url, **context_options)
            contexts.append(context)
            tab = context.new_page()
            tab.errors = []
            tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
            tab.set_viewport_size({"width": width, "height": 900})
            tab.goto(path)
            return tab

        yield open_as
        for context in contexts:
            context.close()


@pytest.fixture
def questions(event, site_tree):
    PartnerPageFactory(parent=site_tree.partners, title="Makerere University")
    RegistrationQuestion.objects.create(page=event, label="Dietary needs")
    RegistrationQuestion.objects.create(
        page=event, label="Track", kind="choice", choices="Clinical\nLab", required=True
    )
    RegistrationQuestion.objects.create(page=event, label="I need a certificate", kind="yes_no")


def translate_series(series, locale):
    """The series and its sessions translated and published, with their parents."""
    index = series.get_parent()
    if not index.has_translation(locale):
        index.copy_for_translation(locale, copy_parents=True).save_revision().publish()
    copy = series.copy_for_translation(locale)
    copy.title = {"ar": "علم المناعة المتقدم", "zh-hans": "前沿免疫学"}[locale.language_code]
    copy.save_revision().publish()
    for number, session in enumerate(sessions_of(series), start=1):
        translated = session.copy_for_translation(locale)
        translated.title = f"{TITLES[locale.language_code]} {number}"
        translated.save_revision().publish()
    return copy


def test_the_time_zone_is_the_browsers_and_the_whole_form_is_sent(live_reader, event, questions):
    tab = live_reader(form_url(event), timezone_id="Asia/Shanghai")

    assert tab.locator("#id_time_zone").input_value() == "Asia/Shanghai"
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 375
    screenshot(tab, "form", "en")
    assert axe_violations(Axe(), tab) == []
    tab.fill("#id_name", "Li Wei")
    tab.fill("#id_email", "li.wei@example.org")
    tab.select_option("#id_partner", label="Makerere University")
    tab.select_option("#id_country", "CN")
    tab.select_option("#id_role", "researcher")
    tab.fill("#id_question_1", "None")
    tab.get_by_label("Lab").check()
    tab.get_by_label("I need a certificate").check()
    tab.get_by_label("I agree that my registration is stored").check()
    tab.get_by_role("button", name="Register").click()

    assert tab.get_by_role("heading", level=1).inner_text() == "Check your e-mail"
    registration = Registration.objects.get()
    assert registration.time_zone == "Asia/Shanghai"
    assert registration.institution == "Makerere University" and registration.partner_id
    assert worded(registration.answers)[1:] == [
        {"question": "Track", "answer": "Lab"},
        {"question": "I need a certificate", "answer": "yes"},
    ]
    assert tab.errors == []


def test_the_series_form_in_arabic_on_a_phone(live_reader, series, locales):
    arabic = translate_series(series, locales["ar"])
    tab = live_reader(series_form_url(arabic, "ar"), timezone_id="Africa/Cairo", locale="ar")

    assert tab.evaluate("document.documentElement.dir") == "rtl"
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 375
    boxes = tab.locator('input[name="sessions"]')
    assert boxes.count() == 3
    assert all(boxes.nth(n).is_checked() for n in range(3))
    assert tab.locator("#id_time_zone").input_value() == "Africa/Cairo"
    screenshot(tab, "series", "ar")
    assert axe_violations(Axe(), tab) == []

    boxes.nth(1).uncheck()
    tab.fill("#id_name", "أمينة")
    tab.fill("#id_email", "amina@example.org")
    tab.select_option("#id_role", "student")
    tab.locator("#id_consent").check()
    tab.locator(".registration-form button[type=submit]").click()

    assert "/ar/registrations/series/" in tab.url and tab.url.endswith("/sent/")
    chosen = Registration.objects.order_by("event__start")
    assert [r.event.title for r in chosen] == [f"{TITLES['ar']} 1", f"{TITLES['ar']} 3"]
    assert {r.language for r in chosen} == {"ar"}
    assert {r.time_zone for r in chosen} == {"Africa/Cairo"}


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_screenshots_of_the_forms_and_the_personal_page(
    reader, series, locales, translated_event, event, language
):
    """What the pages look like at 375 px, for a person to look at in /tmp/reader-*.png;
    axe-core passes on each."""
    shown_event = event if language == "en" else translated_event(language)
    shown_series = series if language == "en" else translate_series(series, locales[language])
    RegistrationQuestion.objects.create(page=shown_event, label="Dietary needs")
    together = None
    for session in sessions_of(shown_series):
        together = Registration.objects.create(
            event=session,
            name="Amina Nakato",
            email="amina@example.org",
            role="student",
            time_zone="Asia/Shanghai",
            language=language,
            status="confirmed",
            consent_at=session.start,
            batch=together.batch if together else uuid.uuid4(),
        )
    browser = reader(timezone_id="Asia/Shanghai", locale=language)
    axe = Axe()
    for name, url in (
        ("series-page", shown_series.url),
        ("event-form", form_url(shown_event, language)),
        ("series-form", series_form_url(shown_series, language)),
        ("personal", f"/{language}/registrations/{together.token}/"),
        ("delete", f"/{language}/registrations/{together.token}/delete/"),
    ):
        tab = browser.open(url, width=375)
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= 375, name
        assert axe_violations(axe, tab) == [], name
        screenshot(tab, name, language)
        tab.close()
