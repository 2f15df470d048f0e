"""Admin form widgets: choice lists an editor can filter by typing, and the time-zone list.

Without JavaScript they are the plain select or checkboxes they wrap; with it, a filter box
above hides the choices that do not match what the editor types.
"""

import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

from django import forms
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Where the programme's events take place most: offered first in the time-zone list.
COMMON_TIME_ZONES = [
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Madrid",
    "Europe/Lisbon",
    "Europe/Prague",
    "Europe/Warsaw",
    "Africa/Accra",
    "Africa/Lagos",
    "Africa/Kinshasa",
    "Africa/Cairo",
    "Africa/Addis_Ababa",
    "Africa/Nairobi",
    "Africa/Kampala",
    "Africa/Dar_es_Salaam",
    "Africa/Maputo",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Makassar",
    "Asia/Jayapura",
    "Asia/Kuala_Lumpur",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Manila",
    "Asia/Tokyo",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/New_York",
    "UTC",
]


def _zone_table():
    """The text of tzdata's zone.tab: the zones in use per country, without the
    backward-compatible aliases ("US/Eastern", "Asia/Calcutta", "GB", "Etc/GMT+3")."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.exists():
            return path.read_text(encoding="utf-8")
    return resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")


@cache
def known_zones():
    """Every zone name tzdata knows: read from disk once (it walks the zone folder)."""
    return frozenset(zoneinfo.available_timezones())


@cache
def current_zones():
    """Zone names in current use, sorted; "UTC" included."""
    names = {"UTC"}
    for line in _zone_table().splitlines():
        if line and not line.startswith("#"):
            names.add(line.split("\t")[2])
    return sorted(names & known_zones())


def zone_choice_label(name, now=None):
    """'Europe/Rome (UTC+01:00)': the name and its offset at this moment."""
    moment = (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(name))
    minutes = int(moment.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else "+"
    return f"{name.replace('_', ' ')} (UTC{sign}{hours:02d}:{rest:02d})"


def time_zone_choices(current=None, now=None):
    """The common zones first, then every zone in current use by region, each with its
    offset now; a stored value outside both lists stays choosable so it still validates."""
    now = now or timezone.now()
    common = [(name, zone_choice_label(name, now)) for name in COMMON_TIME_ZONES]
    regions = {}
    for name in current_zones():
        if name not in COMMON_TIME_ZONES:
            regions.setdefault(name.split("/")[0], []).append((name, zone_choice_label(name, now)))
    choices = [(_("Common"), common)]
    choices += [(region, zones) for region, zones in sorted(regions.items())]
    listed = set(COMMON_TIME_ZONES) | set(current_zones())
    if current and current not in listed:
        try:
            zoneinfo.ZoneInfo(current)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return choices
        choices.insert(0, (_("Current value"), [(current, zone_choice_label(current, now))]))
    return choices


class FilterableChoicesMixin:
    """Adds a filter box, shown by admin-filter-choices.js, above the choices."""

    filter_template_name = "core/widgets/filterable_choices.html"

    def __init__(self, attrs=None, *args, filter_label=None, **kwargs):
        super().__init__(attrs, *args, **kwargs)
        self.filter_label = filter_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["filter_label"] = self.filter_label or _("Type to filter the choices")
        context["choices_template_name"] = self.template_name
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        return self._render(self.filter_template_name, context, renderer)

    @property
    def media(self):
        return forms.Media(js=[static("js/admin-filter-choices.js")])


class FilterableSelect(FilterableChoicesMixin, forms.Select):
    """A select of one item, with a filter box."""


class FilterableCheckboxes(FilterableChoicesMixin, forms.CheckboxSelectMultiple):
    """Checkboxes for several items, with a filter box."""
