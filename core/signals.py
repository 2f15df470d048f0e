"""What bumps the content version: any saved or deleted piece of content."""

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction

from core.content_cache import bump_content_version
from core.models import FooterText, Person, SiteSettings, Topic

# Fields Wagtail fills in on an image's first use; nothing a reader sees changes.
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def bump_when_content_changes(sender, instance, update_fields=None, **kwargs):
    """Any saved or deleted page, snippet, setting, image or view restriction may show
    on cached answers."""
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    content = (
        Page,
        PageViewRestriction,
        Locale,
        Person,
        Topic,
        FooterText,
        SiteSettings,
        get_image_model(),
    )
    if isinstance(instance, content):
        bump_content_version()
