"""What an event or lecture series drew: registrations and attendance by country, partner
institution and role, each with a bar chart drawn here as SVG. Anonymized registrations
count: anonymizing keeps what the reports need."""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Locale

from partners.models import PartnerPage
from registrations.models import Registration

CONFIRMED = Q(status=Registration.Status.CONFIRMED)
ATTENDED = Q(attended=True)
# One person, however many sessions they registered for: their address, or once it is
# anonymized the batch the retention kept them together in, or else the row itself.
PERSON = Coalesce(NullIf("email", Value("")), Cast("batch", CharField()), Cast("pk", CharField()))


def people(**conditions):
    return Count(PERSON, distinct=True, **conditions)


# The chart's geometry, in SVG user units.
CHART_WIDTH = 480
BAR_AREA = 400
ROW_HEIGHT = 44
LEGEND_HEIGHT = 28


@dataclass
class Line:
    label: str
    registered: int
    confirmed: int
    attended: int


@dataclass
class Breakdown:
    key: str
    title: str
    lines: list[Line] = field(default_factory=list)

    @property
    def chart(self):
        return bar_chart(self)


def counted(registrations, *group_by):
    """People who hold or wait for a place (for at least one session), those confirmed and
    those who attended, per value of `group_by`."""
    return (
        registrations.active()
        .values(*group_by)
        .annotate(
            registered=people(),
            confirmed=people(filter=CONFIRMED),
            attended=people(filter=ATTENDED),
        )
        .order_by("-registered", *group_by)
    )


def by_country(registrations):
    lines = [
        Line(
            countries.name(row["country"]) if row["country"] else _("Not given"),
            row["registered"],
            row["confirmed"],
            row["attended"],
        )
        for row in counted(registrations, "country")
    ]
    return Breakdown("country", _("By country"), lines)


def by_role(registrations):
    labels = dict(Registration.Role.choices)
    lines = [
        Line(str(labels.get(row["role"], row["role"])), *_figures(row))
        for row in counted(registrations, "role")
    ]
    return Breakdown("role", _("By role"), lines)


def by_partner(registrations):
    """Partner institutions (each once, whichever translation of its page was chosen),
    then the institutions registrants typed, together."""
    rows = list(counted(registrations, "partner__translation_key"))
    titles = partner_titles([row["partner__translation_key"] for row in rows])
    lines = [
        Line(titles.get(row["partner__translation_key"], "?"), *_figures(row))
        for row in rows
        if row["partner__translation_key"]
    ]
    lines += [
        Line(_("Other institutions"), *_figures(row))
        for row in rows
        if not row["partner__translation_key"]
    ]
    return Breakdown("partner", _("By partner institution"), lines)


def _figures(row):
    return row["registered"], row["confirmed"], row["attended"]


def partner_titles(translation_keys):
    """A title per partner, in the admin's language if the page is translated, else the
    default language's, else any."""
    keys = [key for key in translation_keys if key]
    if not keys:
        return {}
    language = get_language()
    default = Locale.get_default().language_code

    def preference(row):
        code = row["locale__language_code"]
        return 0 if code == language else 1 if code == default else 2

    titles = {}
    candidates = PartnerPage.objects.filter(translation_key__in=keys).values(
        "translation_key", "title", "locale__language_code"
    )
    for row in sorted(candidates, key=preference, reverse=True):
        titles[row["translation_key"]] = row["title"]
    return titles


def headline(registrations):
    """“95 confirmed participants from 12 partner institutions in 8 countries”."""
    figures = registrations.confirmed().aggregate(
        participants=people(),
        institutions=Count("partner__translation_key", distinct=True),
        countries=Count("country", distinct=True, filter=~Q(country="")),
    )
    participants = ngettext(
        "%(count)s confirmed participant",
        "%(count)s confirmed participants",
        figures["participants"],
    ) % {"count": figures["participants"]}
    institutions = ngettext(
        "%(count)s partner institution", "%(count)s partner institutions", figures["institutions"]
    ) % {"count": figures["institutions"]}
    in_countries = ngettext("%(count)s country", "%(count)s countries", figures["countries"]) % {
        "count": figures["countries"]
    }
    sentence = _("%(participants)s from %(institutions)s in %(countries)s") % {
        "participants": participants,
        "institutions": institutions,
        "countries": in_countries,
    }
    return sentence, figures


def report(registrations):
    sentence, figures = headline(registrations)
    totals = registrations.aggregate(
        registered=people(filter=~Q(status=Registration.Status.CANCELLED)),
        confirmed=people(filter=CONFIRMED),
        attended=people(filter=ATTENDED),
        registrations=Count("pk", filter=~Q(status=Registration.Status.CANCELLED)),
    )
    return {
        "headline": sentence,
        "figures": figures,
        "totals": totals,
        "breakdowns": [
            by_country(registrations),
            by_partner(registrations),
            by_role(registrations),
        ],
    }


def bar_chart(breakdown):
    """The geometry of a horizontal bar chart: per line, a bar for registrations and one
    for attendance, scaled to the largest figure. The template draws it."""
    largest = max((line.registered for line in breakdown.lines), default=0) or 1
    bars = []
    for index, line in enumerate(breakdown.lines):
        top = LEGEND_HEIGHT + index * ROW_HEIGHT
        registered_width = round(BAR_AREA * line.registered / largest, 1)
        attended_width = round(BAR_AREA * line.attended / largest, 1)
        bars.append(
            {
                "line": line,
                "label_y": top + 13,
                "registered_y": top + 18,
                "registered_width": registered_width,
                "registered_text_x": registered_width + 6,
                "registered_text_y": top + 27,
                "attended_y": top + 30,
                "attended_width": attended_width,
                "attended_text_x": attended_width + 6,
                "attended_text_y": top + 39,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": LEGEND_HEIGHT + ROW_HEIGHT * len(bars) + 4,
        "bars": bars,
        "id": f"chart-{breakdown.key}",
    }
