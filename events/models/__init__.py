from .choices import EventFormat, EventStatus, JoinLinkVisibility, RegistrationMode
from .event import EventPage, with_hosting_partners, with_public_series
from .index import EventIndexPage
from .relations import EventHostPartner, EventSpeaker, SessionMaterial
from .series import LectureSeriesPage, SeriesOrganiser, SeriesPartner

__all__ = [
    "EventFormat",
    "EventStatus",
    "EventHostPartner",
    "EventIndexPage",
    "EventPage",
    "EventSpeaker",
    "LectureSeriesPage",
    "SeriesOrganiser",
    "SeriesPartner",
    "JoinLinkVisibility",
    "RegistrationMode",
    "SessionMaterial",
    "with_hosting_partners",
    "with_public_series",
]
