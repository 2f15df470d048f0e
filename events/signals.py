from django.dispatch import receiver
from wagtail.signals import post_page_move

from events.models import EventPage


@receiver(post_page_move)
def keep_series_in_step(sender, instance, **kwargs):
    """An event moved into or out of a lecture series belongs to its new parent's series."""
    for event in EventPage.objects.descendant_of(instance, inclusive=True):
        series_id = event.series_id_from_parent()
        if series_id != event.series_id:
            EventPage.objects.filter(pk=event.pk).update(series_id=series_id)
