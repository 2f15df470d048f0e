import factory
from django.utils import timezone

from registrations.models import Registration


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Registrant {n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    institution = "Makerere University"
    country = "UG"
    role = Registration.Role.STUDENT
    time_zone = "Africa/Kampala"
    language = factory.LazyAttribute(lambda o: o.event.locale.language_code)
    consent_at = factory.LazyFunction(timezone.now)
