"""An editor downloads the filtered registrations as CSV or a spreadsheet: every answer has
its column, and nothing a registrant typed opens as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from registrations.exports import neutralised
from registrations.factories import RegistrationFactory
from registrations.tests.admin_helpers import admin_url, series_with_sessions

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\n@SUM(A1)",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    return [[cell if cell is not None else "" for cell in row] for row in sheet.values]


def dangerous(value):
    text = str(value)
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


@pytest.fixture
def hostile_registrations(event):
    for number, text in enumerate(HOSTILE):
        RegistrationFactory(
            event=event,
            name=text,
            institution=text,
            answers=[
                {"question": "Dietary needs", "answer": text},
                {"question": text, "answer": "y"},
            ],
            status="confirmed",
            email=f"person{number}@example.org",
        )
    return event


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_gets_an_apostrophe(value):
    assert neutralised(value) == "'" + value


@pytest.mark.parametrize("value", ["Amina", "Makerere University", "3", "", "a=b", "e-mail"])
def test_ordinary_text_is_left_alone(value):
    assert neutralised(value) == value


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_no_cell_of_an_export_is_a_formula(admin_client, hostile_registrations, kind):
    response = admin_client.get(admin_url(f"export_{kind}", hostile_registrations))
    rows = csv_rows(response) if kind == "csv" else xlsx_rows(response)

    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if dangerous(cell)]
    # XML, so the spreadsheet, keeps a carriage return as a line feed.
    kept = {cell.replace("\r", "\n") for cell in cells}
    for text in HOSTILE:
        assert "'" + text.replace("\r", "\n") in kept


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_has_a_column_per_question_and_follows_the_filters(admin_client, site_tree, kind):
    series, (first, second) = series_with_sessions(site_tree)
    RegistrationFactory(
        event=first,
        name="Amina Nakato",
        email="amina@example.org",
        status="confirmed",
        attended=True,
        answers=[{"question": "Dietary needs", "answer": "vegetarian"}],
    )
    RegistrationFactory(
        event=second,
        name="Li Wei",
        country="CN",
        status="confirmed",
        answers=[{"question": "First lecture?", "answer": True}],
    )
    RegistrationFactory(event=second, name="Budi Santoso", status="waiting")
    gone = RegistrationFactory(event=first, name="Fatima Zahra", status="confirmed")
    gone.anonymize()

    url = admin_url(f"export_{kind}", series, "status=confirmed")
    response = admin_client.get(url)
    rows = csv_rows(response) if kind == "csv" else xlsx_rows(response)

    header, *body = rows
    assert header[:3] == ["Session", "Name", "E-mail"]
    assert header[-2:] == ["Dietary needs", "First lecture?"]
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_name) == {"Amina Nakato", "Li Wei", "Anonymized"}
    amina = by_name["Amina Nakato"]
    assert (amina["Session"], amina["E-mail"], amina["Attended"]) == (
        "Session 1",
        "amina@example.org",
        "yes",
    )
    assert (amina["Dietary needs"], amina["First lecture?"]) == ("vegetarian", "")
    assert by_name["Li Wei"]["First lecture?"] == "yes"
    assert by_name["Li Wei"]["Country"] == "China"
    assert by_name["Anonymized"]["E-mail"] == ""


def test_a_series_export_names_each_session_once_whatever_the_registrants_language(
    admin_client, site_tree, locales
):
    series, (first, _second) = series_with_sessions(site_tree)
    french = first.copy_for_translation(locales["fr"], copy_parents=True)
    french.title = "Séance 1"
    french.save_revision().publish()
    RegistrationFactory(event=first, name="Amina Nakato", status="confirmed")
    RegistrationFactory(event=french, name="Awa Diop", status="confirmed")

    header, *body = csv_rows(admin_client.get(admin_url("export_csv", series)))
    assert {row[0] for row in body} == {"Session 1"}
    assert "Registered (UTC)" in header  # the zone the times are written in
    listing = admin_client.get(admin_url("listing", series)).content.decode()
    assert "Séance 1" not in listing and listing.count("Session 1") >= 2
