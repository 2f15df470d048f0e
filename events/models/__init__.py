from .event import EventHostPartner, EventPage, EventSpeaker, SessionMaterial
from .index import EventIndexPage
from .series import LectureSeriesPage, SeriesOrganiser, SeriesPartner

__all__ = [
    "EventHostPartner",
    "EventIndexPage",
    "EventPage",
    "EventSpeaker",
    "LectureSeriesPage",
    "SeriesOrganiser",
    "SeriesPartner",
    "SessionMaterial",
]
