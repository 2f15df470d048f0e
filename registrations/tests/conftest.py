import datetime
import re
import time

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventPage
from events.times import one_day_times
from registrations.forms import shown_at_value

# 14:00 in Amsterdam, 16:00 in Kampala, 21:00 in Shanghai.
START = datetime.datetime(2030, 3, 5, 13, 0, tzinfo=datetime.UTC)


@pytest.fixture
def event(site_tree, locales):
    return EventPageFactory(
        parent=site_tree.events,
        title="Immunology week",
        start=START,
        end=START + datetime.timedelta(hours=2),
        registration_mode="site",
    )


TITLES = {"fr": "Semaine d'immunologie", "zh-hans": "免疫学周", "ar": "أسبوع علم المناعة"}


@pytest.fixture
def translated_event(site_tree, event, locales):
    """The event translated and published in a language, with its parents."""

    def translate(language):
        for page in (site_tree.home, site_tree.events):
            page.copy_for_translation(
                locales[language], copy_parents=True
            ).save_revision().publish()
        copy = event.copy_for_translation(locales[language])
        copy.title = TITLES[language]
        copy.save_revision().publish()
        return copy

    return translate


@pytest.fixture
def series(site_tree, locales):
    """A lecture series of three weekly sessions, each registering on the site."""
    series = LectureSeriesPageFactory(parent=site_tree.events, title="Cutting-edge immunology")
    for number in range(3):
        start = START + datetime.timedelta(days=7 * number)
        EventPageFactory(
            parent=series,
            title=f"Session {number + 1}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            registration_mode="site",
        )
    return series


def sessions_of(series):
    return list(EventPage.objects.child_of(series).order_by("start", "pk"))


def series_form_url(series, language="en"):
    with translation.override(language):
        return reverse("register_series", args=(series.pk,))


@pytest.fixture
def series_post(client, django_capture_on_commit_callbacks):
    """Send the series form (every session ticked unless `sessions` is given)."""

    def send(series, language="en", **changes):
        changes.setdefault("sessions", [str(session.pk) for session in sessions_of(series)])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(series_form_url(series, language), answers(**changes))

    return send


def form_url(event, language="en"):
    with translation.override(language):
        return reverse("register", args=(event.pk,))


def answers(**changes):
    """What a person types in, ten seconds after the form was shown."""
    return {
        "name": "Amina Nakato",
        "email": "amina@example.org",
        "institution": "Makerere University",
        "country": "UG",
        "role": "student",
        "time_zone": "Africa/Kampala",
        "consent": "on",
        "website": "",
        "shown_at": shown_at_value(time.time() - 10),
        **changes,
    }


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    """Send the form as a reader does; e-mails go out when the request's work commits."""

    def send(event, language="en", **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(form_url(event, language), answers(**changes))

    return send


@pytest.fixture
def follow(client, django_capture_on_commit_callbacks):
    """Open a link from an e-mail (or POST to one of the site's paths)."""

    def open_link(url, method="get", data=None):
        path = re.sub(r"^https?://[^/]+", "", url)
        with django_capture_on_commit_callbacks(execute=True):
            return getattr(client, method)(path, data)

    return open_link


def text_of(message):
    return message.get_body(("plain",)).get_content()


def clock(language, hour):
    """How `language` writes `hour` o'clock in the e-mails ("14:00", "2:00\u00a0م")."""
    with translation.override(language):
        return date_format(datetime.time(hour), "TIME_FORMAT")


def hours(language, start, end):
    """How `language` writes the hours from `start` to `end` on one day ("14:00–16:00",
    "de 14:00 a 16:00")."""
    with translation.override(language):
        return one_day_times(clock(language, start), clock(language, end))


def link_in(message, kind="confirm/"):
    return re.search(rf"https?://\S+/registrations/{kind}\S+/", text_of(message)).group(0)


def worded(answers):
    """Kept answers as question wording and answer (without the question's key)."""
    return [{"question": a["question"], "answer": a["answer"]} for a in answers]
