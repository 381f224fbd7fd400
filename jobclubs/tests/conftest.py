from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from jobclubs.tests.factories import JobClubFactory

CPH = ZoneInfo("Europe/Copenhagen")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


#: A Monday morning; the club below is on Wednesday.
NOW = local(2026, 11, 23, 8, 0)


@pytest.fixture
def club(centre, consultant):
    return JobClubFactory(
        job_centre=centre,
        host=consultant,
        start=local(2026, 11, 25, 10, 0),
        end=local(2026, 11, 25, 12, 0),
        title="Jobklub: lager og logistik",
    )
