"""How each language words an event's times on one day: "14:00–15:30" or "de 14:00 a
15:30", after its day ("7 December 2026, …"). One wording for the pages (with `<time>`
elements, `events.templatetags.event_times`) and the registrants' e-mails (plain text):
`join` is `str.format`, or `format_html` for HTML parts."""

from django.utils.translation import pgettext


def one_day_times(start, end, join=str.format):
    return join(pgettext("a range of times on one day", "{start}–{end}"), start=start, end=end)


def day_and_times(day, times, join=str.format):
    return join(
        pgettext("a day and a range of times on it", "{date}, {times}"), date=day, times=times
    )
