from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from booking.tests.factories import TopicFactory, working_week
from coservice.tests.factories import HelperFactory, HelpPlaceFactory

CPH = ZoneInfo("Europe/Copenhagen")


def local(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CPH)


#: Tuesday 8 December 2026, 10.30: the library is open 10-12.
TUESDAY = local(12, 8, 10, 30)


@pytest.fixture
def helper(centre):
    return HelperFactory(job_centre=centre, username="bib", name="Lone Bibliotekar")


@pytest.fixture
def library(centre, helper):
    return HelpPlaceFactory(job_centre=centre, name="Brøndby Bibliotek", helpers=[helper])


@pytest.fixture
def topic(centre, consultant):
    working_week(consultant)
    return TopicFactory(job_centre=centre, name="Min jobsøgning", consultants=[consultant])


@pytest.fixture
def helper_client(client, helper):
    client.force_login(helper)
    return client


@pytest.fixture(autouse=True)
def clock():
    """Every test starts on TUESDAY; a test at another moment logs in again after moving."""
    with time_machine.travel(TUESDAY, tick=False) as traveller:
        yield traveller
