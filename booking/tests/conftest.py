from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from booking.tests.factories import RoomFactory, TopicFactory, working_week

CPH = ZoneInfo("Europe/Copenhagen")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


#: A Monday morning, before the week's first bookable time.
NOW = local(2026, 11, 23, 8, 0)


@pytest.fixture
def topic(centre, consultant):
    working_week(consultant)
    return TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])


@pytest.fixture
def room(centre):
    return RoomFactory(job_centre=centre, name="Lokale 1")
