"""The editor's questions on the form: asked in the language of the page the reader is on,
required as set, and kept with the registration under their label."""

import csv
import io

import pytest

from registrations.models import Registration, RegistrationQuestion
from registrations.tests.conftest import form_url, series_form_url, sessions_of, worded

pytestmark = pytest.mark.django_db

Kind = RegistrationQuestion.Kind


def ask(event, label, kind=Kind.SHORT_TEXT, required=False, choices=""):
    return RegistrationQuestion.objects.create(
        page=event, label=label, kind=kind, required=required, choices=choices
    )


@pytest.fixture
def questions(event):
    return [
        ask(event, "Dietary needs"),
        ask(event, "Why do you come?", Kind.LONG_TEXT, required=True),
        ask(event, "Session track", Kind.CHOICE, required=True, choices="Clinical\n\nLab\n"),
        ask(event, "I need a certificate", Kind.YES_NO),
    ]


def test_each_kind_of_question_is_a_field_of_its_kind(client, event, questions):
    html = client.get(form_url(event)).content.decode()
    assert '<input type="text" name="question_1" maxlength="500"' in html
    assert '<textarea name="question_2"' in html and 'maxlength="2000"' in html
    assert "<legend>Session track</legend>" in html
    assert html.count('type="radio" name="question_3"') == 2
    assert '<input type="checkbox" name="question_4"' in html


def test_answers_are_kept_with_their_question(register, event, questions):
    answer = register(
        event,
        question_1="Vegetarian",
        question_2="To learn.\r\nAnd to meet people.",
        question_3="Lab",
        question_4="on",
    )
    assert answer.status_code == 302
    assert worded(Registration.objects.get().answers) == [
        {"question": "Dietary needs", "answer": "Vegetarian"},
        {"question": "Why do you come?", "answer": "To learn.\r\nAnd to meet people."},
        {"question": "Session track", "answer": "Lab"},
        {"question": "I need a certificate", "answer": "yes"},
    ]


def test_required_questions_must_be_answered(register, event, questions):
    answer = register(event, question_1="", question_3="Somewhere else")
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert set(errors) == {"question_2", "question_3"}
    assert Registration.objects.count() == 0


def test_an_optional_unanswered_question_is_kept_empty(register, event, questions):
    register(event, question_2="Curiosity", question_3="Clinical")
    answers = worded(Registration.objects.get().answers)
    assert answers[0] == {"question": "Dietary needs", "answer": ""}
    assert answers[3] == {"question": "I need a certificate", "answer": "no"}


def test_a_long_list_of_choices_is_a_menu(client, event):
    ask(event, "Country of study", Kind.CHOICE, choices="\n".join(f"C{n}" for n in range(8)))
    html = client.get(form_url(event)).content.decode()
    assert '<select name="question_1"' in html


def test_the_questions_of_the_translation_the_reader_is_on(client, register, translated_event):
    french = translated_event("fr")
    ask(french, "Régime alimentaire", required=True)
    english_form = client.get(form_url(french.get_translation(french.locale.get_default())))
    assert "Régime alimentaire" not in english_form.content.decode()

    answer = register(french, "fr", question_1="Végétarien")

    assert answer.status_code == 302
    assert worded(Registration.objects.get().answers) == [
        {"question": "Régime alimentaire", "answer": "Végétarien"}
    ]


def test_a_series_asks_each_question_once_and_keeps_each_sessions_own(series_post, series):
    first, second, third = sessions_of(series)
    ask(first, "Dietary needs")
    ask(second, "Dietary needs")
    ask(third, "Your poster title", required=True)

    without_third = series_post(series, sessions=[str(first.pk), str(second.pk)], question_1="None")
    assert without_third.status_code == 302  # the third session's required question is not

    kept = {
        event: worded(kept) for event, kept in Registration.objects.values_list("event", "answers")
    }
    assert kept == {
        first.pk: [{"question": "Dietary needs", "answer": "None"}],
        second.pk: [{"question": "Dietary needs", "answer": "None"}],
    }


def test_a_series_requires_the_questions_of_the_chosen_sessions(client, series_post, series):
    first, second, third = sessions_of(series)
    ask(first, "Dietary needs")
    ask(third, "Your poster title", required=True)
    html = client.get(series_form_url(series)).content.decode()
    assert html.count('name="question_') == 2

    answer = series_post(series)

    assert answer.status_code == 200
    assert set(answer.context["form"].errors) == {"question_2"}
    assert Registration.objects.count() == 0


def test_a_question_is_translated_with_its_page_and_exported_in_one_column(
    admin_client, register, event, translated_event
):
    ask(event, "Dietary needs")
    french = translated_event("fr")  # the question is copied with the page, to translate
    question = french.registration_questions.get()
    assert question.translation_key == event.registration_questions.get().translation_key
    question.label = "Régime alimentaire"
    question.save()

    register(event, question_1="Vegetarian")
    register(french, "fr", email="chloe@example.org", question_1="Végétarien")

    export = admin_client.get(f"/admin/registrations/page/{event.pk}/export.csv")
    header, *rows = csv.reader(io.StringIO(export.content.decode("utf-8-sig")))
    assert header[-1] == "Dietary needs" and "Régime alimentaire" not in header
    assert sorted(row[-1] for row in rows) == ["Vegetarian", "Végétarien"]
