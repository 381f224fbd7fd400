from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import Status, Topic
from booking.tests.factories import BookingFactory, TopicFactory
from centres.tests.factories import TeamFactory


def _topic(centre):
    return Topic.objects.filter(job_centre=centre, name="Min jobsøgning").first() or TopicFactory(
        job_centre=centre, name="Min jobsøgning"
    )


def held_booking(citizen, consultant, *, day, hour=10, status=Status.HELD, topic=None):
    """A conversation at `hour` local time on `day`, marked `status` right after it."""
    start = datetime.combine(day, time(hour, 0), tzinfo=timezone.get_current_timezone())
    return BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=topic or _topic(citizen.job_centre),
        start=start,
        status=status,
        status_changed_at=start + timedelta(minutes=50),
        status_changed_by=consultant,
    )


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def team(centre):
    return TeamFactory(job_centre=centre, name="Jobparate dagpenge")


@pytest.fixture
def other_team(centre):
    return TeamFactory(job_centre=centre, name="Jobparate kontanthjælp")


@pytest.fixture
def consultant_in_team(consultant, team):
    consultant.team = team
    consultant.save(update_fields=["team"])
    return consultant


@pytest.fixture
def leader(centre, team):
    return StaffFactory(
        job_centre=centre, team=team, role=Role.TEAM_LEADER, username="tl", name="Tove Leder"
    )


@pytest.fixture
def manager(centre):
    return StaffFactory(job_centre=centre, role=Role.MANAGER, username="chef", name="Chef")


@pytest.fixture
def booking(citizen, consultant_in_team, today):
    """The citizen's conversation yesterday, held."""
    return held_booking(citizen, consultant_in_team, day=today - timedelta(days=1))
