"""What the translation overview says of one page in one language: its state, whether
it is live, and how many of its texts are translated, by machine and reviewed."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

MISSING = "missing"
IN_PROGRESS = "progress"
CHANGED = "changed"
MACHINE = "machine"
UNPUBLISHED = "unpublished"
CURRENT = "current"
STATE_LABELS = {
    MISSING: _("Not started"),
    IN_PROGRESS: _("In progress"),
    CHANGED: _("Source changed since"),
    MACHINE: _("Machine-translated, not reviewed"),
    UNPUBLISHED: _("Translated, changes not live yet"),
    CURRENT: _("Translated and current"),
}
LIVE = "live"
DRAFT = "draft"
PUBLICATION_LABELS = {LIVE: _("Live"), DRAFT: _("Draft")}


@dataclass
class Cell:
    locale: Locale
    state: str
    url: str
    action: str
    publication: str = ""  # LIVE, DRAFT, or empty when there is no translation page
    translated: int = 0
    total: int = 0
    machine: int = 0  # of the translated texts, those machine-translated
    reviewed: int = 0  # of those, the ones a person approved
    review_url: str = ""
    edit_url: str = ""

    @property
    def human(self):
        return self.translated - self.machine

    @property
    def creates(self):
        """Whether its link creates the translation (which needs that permission)."""
        return not self.publication

    @property
    def unreviewed(self):
        return self.machine - self.reviewed

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def publication_label(self):
        return PUBLICATION_LABELS.get(self.publication, "")

    @property
    def percent(self):
        return round(100 * self.translated / self.total) if self.total else 0
