"""Danish public holidays (the `holidays` package), the one answer for every rule that names a
day: booking's working days and the help places' opening hours."""

from datetime import date
from functools import cache

import holidays


@cache
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.Denmark(years=year, language="da"))


def public_holiday(day: date) -> str | None:
    """The holiday's Danish name, or None on an ordinary day."""
    return _public_holidays(day.year).get(day)
