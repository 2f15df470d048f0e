from .images import CustomImage, CustomRendition
from .pages import BasePage, HeroImageMixin
from .relations import PersonRelation
from .settings import FooterText, SiteSettings
from .snippets import Person, Topic

__all__ = [
    "BasePage",
    "CustomImage",
    "CustomRendition",
    "FooterText",
    "HeroImageMixin",
    "Person",
    "PersonRelation",
    "SiteSettings",
    "Topic",
]
