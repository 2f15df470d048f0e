import factory
import wagtail_factories
from wagtail.models import Locale

from core.models import CustomImage, Person, Topic


def locale(code="en"):
    return Locale.objects.get_or_create(language_code=code)[0]


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Image {n}")
    description = "A group of students in a lecture hall"
    credit = "Photo: test"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(locale)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Professor of Immunology"
    institution = "Leiden University Medical Center"
    locale = factory.LazyFunction(locale)


def translate(page, locale, **fields):
    """Publish a translation of `page` (whose parent is translated already)."""
    copy = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return type(copy).objects.get(pk=copy.pk)
