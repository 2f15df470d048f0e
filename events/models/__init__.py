from .event import (
    EventFormat,
    EventHostPartner,
    EventPage,
    EventSpeaker,
    EventStatus,
    SessionMaterial,
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
    "SessionMaterial",
]
