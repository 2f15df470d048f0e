from .event import (
    EventFormat,
    EventHostPartner,
    EventPage,
    EventSpeaker,
    EventStatus,
    JoinLinkVisibility,
    RegistrationMode,
    SessionMaterial,
    with_hosting_partners,
    with_public_series,
)
from .index import EventIndexPage
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
