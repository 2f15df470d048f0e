"""The event's page form in the admin."""

import zoneinfo
from datetime import datetime, time

from django.utils import timezone

from core.admin_widgets import time_zone_choices as time_zone_menu
from core.page_forms import LocalePickersPageForm


class EventPageForm(LocalePickersPageForm):
    """Start and end are typed in the event's own time zone, whatever the editor's zone is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_menu(current=self.instance.time_zone)
        zone = self._zone(self.instance.time_zone)
        if zone and self.instance.start:
            for name in ("start", "end", "registration_deadline"):
                value = getattr(self.instance, name)
                if value:
                    self.initial[name] = timezone.make_naive(value, zone)

    @staticmethod
    def _zone(name):
        try:
            return zoneinfo.ZoneInfo(name) if name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        zone = self._zone(cleaned.get("time_zone"))
        if zone is None:
            return cleaned
        for name in ("start", "end", "registration_deadline"):
            value = cleaned.get(name)
            if value:
                wall_time = timezone.make_naive(value, timezone.get_current_timezone())
                cleaned[name] = wall_time.replace(tzinfo=zone)
        if cleaned.get("all_day"):
            for name, at in (("start", time.min), ("end", time(23, 59, 59))):
                if cleaned.get(name):
                    day = cleaned[name].astimezone(zone).date()
                    cleaned[name] = datetime.combine(day, at, tzinfo=zone)
        return cleaned
