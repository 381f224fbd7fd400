"""The periods the leaders' figures are computed for: ISO weeks (Monday to Sunday) and calendar
months, the last `count` of them up to and including the one `today` lies in.

The current period is computed as far as it has come: its figures count up to and including
`today` (`Period.through`), and a per-week figure divides by the weeks up to today. Its snapshot
still carries the period's real start and end, so tomorrow's run replaces the same row."""

from dataclasses import dataclass
from datetime import date, timedelta

from kpis.models import PeriodKind

#: A year of trend plus the current period.
DEFAULT_COUNT: dict[str, int] = {PeriodKind.WEEK: 13, PeriodKind.MONTH: 13}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date
    #: The last day counted: `end`, or today for the current period.
    through: date

    @property
    def days(self) -> int:
        """The days counted (up to `through`)."""
        return (self.through - self.start).days + 1

    @property
    def weeks(self) -> float:
        """The weeks counted, for per-week figures: a whole month is 4.3-4.4 weeks, the current
        week on its Wednesday 3/7."""
        return self.days / 7

    @property
    def is_current(self) -> bool:
        return self.through < self.end


def period_start(kind: str, day: date) -> date:
    """The first day of the week (Monday) or month `day` lies in."""
    if kind == PeriodKind.WEEK:
        return day - timedelta(days=day.weekday())
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    raise ValueError(f"Unknown period kind: {kind!r}")


def _next_start(kind: str, start: date) -> date:
    if kind == PeriodKind.WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def _previous_start(kind: str, start: date) -> date:
    if kind == PeriodKind.WEEK:
        return start - timedelta(days=7)
    return (start - timedelta(days=1)).replace(day=1)


def period_containing(kind: str, day: date, *, today: date) -> Period:
    start = period_start(kind, day)
    end = _next_start(kind, start) - timedelta(days=1)
    return Period(kind, start, end, min(end, today))


def periods(kind: str, *, today: date, count: int | None = None) -> list[Period]:
    """The last `count` periods of `kind`, oldest first, the last one being the period `today`
    lies in (counted up to today). `count` defaults to DEFAULT_COUNT."""
    count = DEFAULT_COUNT[PeriodKind(kind)] if count is None else count
    if count < 1:
        raise ValueError("count must be at least 1")
    starts = [period_start(kind, today)]
    while len(starts) < count:
        starts.append(_previous_start(kind, starts[-1]))
    return [period_containing(kind, start, today=today) for start in reversed(starts)]
