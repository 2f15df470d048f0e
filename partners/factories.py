import factory
import wagtail_factories

from partners.models import PartnerIndexPage, PartnerKind, PartnerPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnerIndexPage

    title = "Partners"
    slug = "partners"


class PartnerPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnerPage

    title = factory.Sequence(lambda n: f"University {n}")
    kind = PartnerKind.UNIVERSITY
    country = "NL"
    city = "Leiden"
    summary = "A partner in education and research."
