from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.http_cache import bump_content_version
from events.models import EventPage


@receiver(post_page_move)
def keep_series_in_step(sender, instance, **kwargs):
    """An event moved into or out of a lecture series belongs to its new parent's series."""
    for event in EventPage.objects.descendant_of(instance, inclusive=True):
        series_id = event.series_id_from_parent()
        if series_id != event.series_id:
            EventPage.objects.filter(pk=event.pk).update(series_id=series_id)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def invalidate_machine_answers(sender, **kwargs):
    """The API, embed and feeds show published pages: any change makes their answers stale."""
    bump_content_version()


@receiver(post_delete)
def invalidate_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()
