"""Removing the demo content (and whatever else the site holds) before loading it again."""

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail_localize.models import TranslatableObject, TranslationSource

from core.models import FooterText, Person, Topic

from .image_uploads import COLLECTION_NAME


def reset(out=print):
    """Remove every page, snippet, demo image and translation record."""
    out("Removing existing content")
    root = Page.get_first_root_node()
    for site in Site.objects.all():
        site.root_page = root
        site.save()
    for page in root.get_children():
        page.delete()
    # Sources first: their segments protect the translation contexts of each object.
    TranslationSource.objects.all().delete()
    TranslatableObject.objects.all().delete()
    FooterText.objects.all().delete()
    Person.objects.all().delete()
    Topic.objects.all().delete()
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if collection:
        for image in get_image_model().objects.filter(collection=collection):
            image.file.delete(save=False)
            image.delete()
