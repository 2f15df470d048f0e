"""An event's times as readers of each language write them: "7 December 2026,
14:00–15:30", "7 de diciembre de 2026, de 14:00 a 15:30", each moment in a `<time>`."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

from core.templatetags.site_tags import iso_datetime
from events.times import day_and_times, one_day_times

register = template.Library()


def _time(moment, format_name, local=False):
    """The moment in a `<time>`; `local`: the one the reader's own time is read from."""
    markup = (
        '<time datetime="{}" data-local-time>{}</time>'
        if local
        else '<time datetime="{}">{}</time>'
    )
    return format_html(markup, iso_datetime(moment), date_format(moment, format_name))


@register.simple_tag
def event_times(event):
    """The start and end of an event that is not all-day, in its own zone (activate it
    around the tag). The start's `<time data-local-time>` is where the reader's own time
    is read from. On one day, the times are kept on one line."""
    start, end = event.local_start, event.local_end
    if event.is_multi_day:
        return format_html(
            "{} – {}", _time(start, "DATETIME_FORMAT", local=True), _time(end, "DATETIME_FORMAT")
        )
    times = one_day_times(
        _time(start, "TIME_FORMAT", local=True), _time(end, "TIME_FORMAT"), join=format_html
    )
    day = format_html(
        '<time datetime="{}">{}</time>', start.date().isoformat(), date_format(start, "DATE_FORMAT")
    )
    return day_and_times(day, format_html('<span class="nowrap">{}</span>', times), format_html)
