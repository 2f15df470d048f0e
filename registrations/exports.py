"""Registrations as CSV or a spreadsheet, for an editor's own lists and badges.

What registrants typed is data, never a formula: a cell that a spreadsheet would read as
one (starting with = + - @, a tab or a carriage return, also after leading spaces) is
written with an apostrophe in front.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.models import Locale

from events.models import EventPage

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """The value as text, safe to open in a spreadsheet (control characters, which a
    spreadsheet file cannot hold, left out)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


def question_key(item):
    """One column per question in every language it was asked in: its translation key
    (answers kept before keys were, by their wording)."""
    return str(item.get("key") or item.get("question", ""))


def question_labels(registrations):
    """{key: wording} of the editor's questions answered in these registrations, in the
    order the earliest registrants met them; each worded as the earliest saw it."""
    labels = {}
    for registration in sorted(registrations, key=lambda r: (r.created, r.pk)):
        for item in registration.answers or []:
            labels.setdefault(question_key(item), str(item.get("question", "")))
    return labels


def session_names(registrations):
    """{event id: the session's title in the default language (else its own)}: one name
    per session, whichever language each registrant read it in."""
    events = {registration.event for registration in registrations}
    originals = dict(
        EventPage.objects.filter(
            translation_key__in={event.translation_key for event in events},
            locale=Locale.get_default(),
        ).values_list("translation_key", "title")
    )
    return {event.pk: originals.get(event.translation_key, event.title) for event in events}


def rows(registrations, with_event):
    """The header and one row per registration, as text."""
    registrations = list(registrations)
    questions = question_labels(registrations)
    sessions = session_names(registrations) if with_event else {}
    header = [
        _("Name"),
        _("E-mail"),
        _("Institution"),
        _("Partner institution"),
        _("Country"),
        _("Role"),
        _("Status"),
        _("Attended"),
        _("Language"),
        _("Registered (%(zone)s)") % {"zone": timezone.get_current_timezone_name()},
    ]
    if with_event:
        header.insert(0, _("Session"))
    yield [neutralised(cell) for cell in [*header, *questions.values()]]
    for registration in registrations:
        answers = {
            question_key(item): item.get("answer", "") for item in registration.answers or []
        }
        row = [
            _("Anonymized") if registration.anonymized_at else registration.name,
            registration.email,
            registration.institution,
            registration.partner.title if registration.partner else "",
            registration.country.name if registration.country else "",
            registration.get_role_display(),
            registration.get_status_display(),
            _("yes") if registration.attended else _("no"),
            registration.language,
            timezone.localtime(registration.created).strftime("%Y-%m-%d %H:%M"),
        ]
        if with_event:
            row.insert(0, sessions[registration.event_id])
        row += [_answer_text(answers.get(question, "")) for question in questions]
        yield [neutralised(cell) for cell in row]


def _answer_text(answer):
    if isinstance(answer, bool):
        return _("yes") if answer else _("no")
    return answer


def as_csv(registrations, with_event=False):
    """UTF-8 with a byte order mark, which spreadsheets need to read it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerows(rows(registrations, with_event))
    return buffer.getvalue().encode()


def as_xlsx(registrations, with_event=False, title=""):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    for row in rows(registrations, with_event):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, whatever it looks like
    sheet.freeze_panes = "A2"
    if title:
        workbook.properties.title = title[:255]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
