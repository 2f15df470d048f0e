"""The report of an event or a series: who came from where, from which partner, in which
role, in a sentence, in charts drawn as SVG and in tables with the same figures."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.users.models import UserProfile

from partners.factories import PartnerPageFactory
from registrations.factories import RegistrationFactory
from registrations.tests.admin_helpers import admin_url, registrations, series_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def series_report(site_tree, locales):
    """Two sessions: students from Makerere (Uganda) and Universitas Indonesia, a researcher
    who typed her institution, someone anonymized since, and the cancelled and waiting."""
    series, (first, second) = series_with_sessions(site_tree)
    makerere = PartnerPageFactory(parent=site_tree.partners, title="Makerere University")
    indonesia = PartnerPageFactory(parent=site_tree.partners, title="Universitas Indonesia")
    french_makerere = makerere.copy_for_translation(locales["fr"], copy_parents=True)
    french_makerere.title = "Université Makerere"
    french_makerere.save_revision().publish()
    registrations(first, 3, partner=makerere, country="UG", status="confirmed", attended=True)
    registrations(second, 1, partner=french_makerere, country="UG", status="confirmed")
    registrations(second, 2, partner=indonesia, country="ID", status="confirmed", attended=True)
    RegistrationFactory(
        event=first,
        partner=None,
        institution="Leiden",
        country="NL",
        role="researcher",
        status="confirmed",
    )
    RegistrationFactory(
        event=second,
        partner=indonesia,
        country="ID",
        role="staff",
        status="confirmed",
        attended=True,
    ).anonymize()
    registrations(first, 1, partner=indonesia, country="ID", status="waiting")
    registrations(first, 2, partner=makerere, country="UG", status="cancelled")
    return series


def tables(response):
    """Each breakdown's table as {label: (registered, confirmed, attended)}."""
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for section in soup.select("section.registrations-breakdown"):
        rows = {}
        for row in section.select("tbody tr"):
            label = row.th.get_text(strip=True)
            rows[label] = tuple(int(td.get_text(strip=True)) for td in row.select("td"))
        found[section["aria-labelledby"].removeprefix("breakdown-")] = rows
    return found


def test_the_report_counts_by_country_partner_and_role(admin_client, series_report):
    with translation.override("en"):
        response = admin_client.get(admin_url("report", series_report))

    assert tables(response) == {
        "country": {"Uganda": (4, 4, 3), "Indonesia": (4, 3, 3), "Netherlands": (1, 1, 0)},
        "partner": {
            "Makerere University": (4, 4, 3),
            "Universitas Indonesia": (4, 3, 3),
            "Other institutions": (1, 1, 0),
        },
        "role": {"Student": (7, 6, 5), "Researcher": (1, 1, 0), "Staff": (1, 1, 1)},
    }


def test_the_headline_sums_up_the_confirmed(admin_client, series_report):
    with translation.override("en"):
        response = admin_client.get(admin_url("report", series_report))

    soup = BeautifulSoup(response.content, "html.parser")
    headline = soup.select_one(".registrations-headline").get_text(strip=True)
    assert headline == "8 confirmed participants from 2 partner institutions in 3 countries"


def test_a_single_country_reads_in_the_singular(admin_client, event):
    RegistrationFactory(event=event, status="confirmed", country="UG")

    with translation.override("en"):
        response = admin_client.get(admin_url("report", event))

    soup = BeautifulSoup(response.content, "html.parser")
    headline = soup.select_one(".registrations-headline").get_text(strip=True)
    assert headline == "1 confirmed participant from 0 partner institutions in 1 country"


def test_each_chart_is_an_image_with_a_title_and_the_tables_figures(admin_client, series_report):
    response = admin_client.get(admin_url("report", series_report))

    soup = BeautifulSoup(response.content, "html.parser")
    charts = soup.select("section.registrations-breakdown svg")
    assert len(charts) == 3
    for chart, (_key, rows) in zip(charts, tables(response).items(), strict=True):
        assert chart["role"] == "img"
        title = chart.find("title")
        assert title.get_text(strip=True)
        assert title["id"] in chart["aria-labelledby"].split()
        labels = [text.get_text() for text in chart.select("text.registrations-chart__label")]
        assert labels == list(rows)
        widths = [
            float(bar["width"]) for bar in chart.select("rect.registrations-chart__registered")
        ]
        registered = [figures[0] for figures in rows.values()]
        expected = [400 * count / max(registered) for count in registered]
        assert widths[1:] == pytest.approx(expected, abs=0.1)  # [0] is the legend's
    assert not soup.select("main script[src*=chart]")


@pytest.mark.parametrize("language", ["fr", "ar", "nl"])
def test_chart_coordinates_are_numbers_in_every_admin_language(
    admin_client, series_report, django_user_model, language
):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = language
    profile.save()
    response = admin_client.get(admin_url("report", series_report))

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    for chart in soup.select("section.registrations-breakdown svg"):
        for element in chart.select("rect, text"):
            for name in ("x", "y", "width", "height"):
                if element.has_attr(name):
                    float(element[name])  # not "370,4"


def test_an_event_without_registrations_has_an_empty_report(admin_client, event):
    response = admin_client.get(admin_url("report", event))

    assert response.status_code == 200
    assert tables(response) == {"country": {}, "partner": {}, "role": {}}


def test_the_report_makes_as_many_queries_for_many_registrations_as_for_few(
    admin_client, site_tree, django_assert_max_num_queries
):
    series, (first, second) = series_with_sessions(site_tree)
    partners = [PartnerPageFactory(parent=site_tree.partners) for _n in range(3)]
    registrations(first, 2, partner=partners[0], country="UG")
    admin_client.get(admin_url("report", series))

    with CaptureQueriesContext(connection) as few:
        admin_client.get(admin_url("report", series))
    for number, partner in enumerate(partners):
        registrations(second, 10, partner=partner, country=["ID", "CN", "KE"][number])
        registrations(first, 5, role="researcher", country="BR")
    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(admin_url("report", series))

    assert len(tables(response)["partner"]) == 4


def test_a_person_registered_for_every_session_counts_once(admin_client, site_tree):
    series, (first, second) = series_with_sessions(site_tree)
    for session in (first, second):
        RegistrationFactory(
            event=session, email="amina@example.org", country="UG", status="confirmed"
        )
    RegistrationFactory(event=first, email="budi@example.org", country="ID", status="confirmed")

    with translation.override("en"):
        response = admin_client.get(admin_url("report", series))

    soup = BeautifulSoup(response.content, "html.parser")
    headline = soup.select_one(".registrations-headline").get_text(strip=True)
    assert headline.startswith("2 confirmed participants")
    assert tables(response)["country"] == {"Uganda": (1, 1, 0), "Indonesia": (1, 1, 0)}
    summary = soup.select_one(".registrations-summary").get_text(" ", strip=True)
    assert "Registered: 2" in summary and "Registrations for sessions: 3" in summary
