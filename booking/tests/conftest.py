from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.tests.factories import StaffFactory
from booking.tests.factories import RoomFactory, TopicFactory, working_week
from centres.tests.factories import TeamFactory

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


@pytest.fixture
def teams(topic, consultant, centre):
    """The topic offered by two teams: the citizen's own consultant and a colleague in
    "Nord", and someone in "Syd" (made first, so with the lowest id)."""
    north, south = TeamFactory(job_centre=centre, name="Nord"), TeamFactory(job_centre=centre)
    other = StaffFactory(job_centre=centre, team=south)
    colleague = StaffFactory(job_centre=centre, team=north)
    consultant.team = north
    consultant.save()
    for person in (other, colleague):
        working_week(person)
        topic.consultants.add(person)
    return north, colleague, other
