"""The Register button of a lecture series page, which belongs to registrations: the
series page only lists its sessions."""

from django import template

register = template.Library()


@register.inclusion_tag("registrations/series_register.html")
def series_register(series, sessions):
    """A link to the series form while at least one of `sessions` (the series' sessions,
    already fetched) takes registrations on this site."""
    open_sessions = [s for s in sessions if s.registers_on_site and s.registration_open]
    return {"series": series, "open": bool(open_sessions and series.pk)}
