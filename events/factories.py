import datetime

import factory
import wagtail_factories

from events.models import EventIndexPage, EventPage, LectureSeriesPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class LectureSeriesPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LectureSeriesPage

    title = factory.Sequence(lambda n: f"Cutting-edge immunology {n}")
    format = "online"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Lecture {n}")
    start = factory.Sequence(
        lambda n: (
            datetime.datetime(2030, 1, 1, 13, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    time_zone = "Europe/Amsterdam"
    format = "in_person"
    venue_name = "Lecture hall 1"
    city = "Leiden"
    country = "NL"
