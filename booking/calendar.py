"""Which dates a job centre works: weekdays that are neither Danish public holidays (the
`holidays` package) nor the centre's own closing days."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.Denmark(years=year, language="da"))


def public_holiday(day: date) -> str | None:
    return _public_holidays(day.year).get(day)


def is_working_day(day: date, closing_days: set[date] = frozenset()) -> bool:  # type: ignore[assignment]
    return day.weekday() < 5 and public_holiday(day) is None and day not in closing_days


def next_working_day(day: date, closed: set[date] = frozenset()) -> date:  # type: ignore[assignment]
    """`day` itself if the centre works that day and it is not in `closed`, else the next."""
    while not is_working_day(day, closed):
        day += timedelta(days=1)
    return day


def dates(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
