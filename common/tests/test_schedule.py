from datetime import UTC, datetime

import pytest

from common.schedule import local_crontab

tuesday_seven = local_crontab(day_of_week="2", hour="7", minute="0")


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2026, 11, 24, 6, 0), True),  # winter: 07:00 CET
        (datetime(2026, 6, 2, 5, 0), True),  # summer: 07:00 CEST
        (datetime(2026, 11, 24, 7, 0), False),  # 08:00 in Copenhagen
        (datetime(2026, 11, 24, 6, 1), False),
        (datetime(2026, 11, 25, 6, 0), False),  # a Wednesday
        (datetime(2026, 11, 24, 6, 0, tzinfo=UTC), True),
        (datetime(2026, 3, 29, 23, 30), False),  # Monday 01:30 CEST is not Tuesday
    ],
)
def test_the_fields_are_read_on_the_copenhagen_clock(utc, expected):
    assert tuesday_seven(utc) is expected


def test_a_late_evening_in_utc_is_the_next_day_in_copenhagen():
    monday_night_utc = datetime(2026, 11, 23, 23, 0)  # Tuesday 00:00 in Copenhagen
    assert local_crontab(day_of_week="2", hour="0", minute="0")(monday_night_utc)
