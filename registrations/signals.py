from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import EventPage
from registrations import notices


@receiver(page_published)
def tell_registrants_of_changes(sender, instance, **kwargs):
    """An event published with a new time, place or status: its registrants are told."""
    if isinstance(instance, EventPage):
        notices.published(instance)
