"""Choice lists shared by several content types."""

from django.utils.translation import gettext_lazy as _

# Languages an event can be held in: the site's own plus those common among partners.
SPOKEN_LANGUAGES = [
    ("en", _("English")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("zh", _("Chinese")),
    ("id", _("Indonesian")),
    ("ar", _("Arabic")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("cs", _("Czech")),
    ("pl", _("Polish")),
    ("sw", _("Swahili")),
    ("am", _("Amharic")),
    ("ms", _("Malay")),
]

AUDIENCES = [
    ("students", _("Students")),
    ("phd", _("PhD candidates")),
    ("researchers", _("Researchers")),
    ("clinicians", _("Clinicians")),
    ("core-staff", _("Core facility staff")),
    ("industry", _("Industry")),
    ("partners", _("Partner institutions")),
    ("public", _("General public")),
]
