"""Which dates count: weekdays that are neither Danish public holidays (the `holidays`
package), nor the job centre's own closing days, nor (for a citizen) days of the citizen's
registered absence.

`WorkingCalendar` is the one answer for every rule that names a day (booking deadlines, job
suggestions' check deadlines, the summons' default day): it reads the closing days and the
absence once, from its first day on, in a fixed number of queries, and then answers in memory.
The pure helpers below it serve the free-time search, which reads those days itself."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from booking.models import CitizenAbsence, ClosingDay
from common.public_holidays import public_holiday

WEEKEND = "weekend"
HOLIDAY = "holiday"
CLOSED = "closed"
ABSENT = "absent"


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


@dataclass(frozen=True)
class DayOff:
    """Why a day is not a working day: `kind` is one of WEEKEND, HOLIDAY, CLOSED, ABSENT and
    `name` the holiday's name, the closing day's reason or the absence's reason."""

    kind: str
    name: str = ""


@dataclass
class WorkingCalendar:
    """The working days from `first` on, for a job centre or for one of its citizens."""

    first: date
    closing: dict[date, str] = field(default_factory=dict)
    absence: dict[date, str] = field(default_factory=dict)

    @classmethod
    def for_centre(cls, centre_id: int, first: date) -> "WorkingCalendar":
        """One query: the centre's closing days from `first` on."""
        closing = dict(
            ClosingDay.objects.filter(job_centre_id=centre_id, date__gte=first).values_list(
                "date", "name"
            )
        )
        return cls(first=first, closing=closing)

    @classmethod
    def for_citizen(cls, citizen, first: date) -> "WorkingCalendar":
        """Two queries: the citizen's centre's closing days and the citizen's absence."""
        calendar = cls.for_centre(citizen.job_centre_id, first)
        for first_day, last_day, reason in CitizenAbsence.objects.filter(
            citizen_id=citizen.pk, last_day__gte=first
        ).values_list("first_day", "last_day", "reason"):
            for day in dates(max(first_day, first), last_day):
                calendar.absence.setdefault(day, reason)
        return calendar

    def day_off(self, day: date) -> DayOff | None:
        """Why `day` is not a working day, or None when it is one."""
        if day < self.first:
            raise ValueError(f"The calendar starts on {self.first}, not {day}.")
        if day.weekday() >= 5:
            return DayOff(WEEKEND)
        if (holiday := public_holiday(day)) is not None:
            return DayOff(HOLIDAY, holiday)
        if day in self.closing:
            return DayOff(CLOSED, self.closing[day])
        if day in self.absence:
            return DayOff(ABSENT, self.absence[day])
        return None

    def is_working_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first one after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """The `n`th working day after `day` (`n` = 0: `next_working_day(day)`)."""
        if n <= 0:
            return self.next_working_day(day)
        while n:
            day += timedelta(days=1)
            n -= self.is_working_day(day)
        return day

    def working_days(self, first: date, last: date) -> list[date]:
        return [day for day in dates(first, last) if self.is_working_day(day)]

    def reason(self, day: date) -> str | None:
        """Why `day` is not a working day, as a sentence for the user; None when it is one."""
        off = self.day_off(day)
        if off is None:
            return None
        when = formats.date_format(day, "j. F")
        if off.kind == WEEKEND:
            weekday = capfirst(formats.date_format(day, "l j. F"))
            return _("%(day)s is a weekend day.") % {"day": weekday}
        if off.kind == HOLIDAY:
            return _("%(date)s is a public holiday (%(name)s).") % {"date": when, "name": off.name}
        if off.kind == CLOSED:
            return _("The job centre is closed on %(date)s (%(name)s).") % {
                "date": when,
                "name": off.name,
            }
        if off.name:
            return _("The citizen is registered as away on %(date)s (%(reason)s).") % {
                "date": when,
                "reason": off.name,
            }
        return _("The citizen is registered as away on %(date)s.") % {"date": when}

    def refusal(self, day: date) -> str | None:
        """`reason(day)` and what to choose instead, for a form's error; None on a working day."""
        reason = self.reason(day)
        if reason is None:
            return None
        if day in self.absence and self.day_off(day) == DayOff(ABSENT, self.absence[day]):
            instead = _("Choose a day when the citizen is not away.")
        else:
            instead = _("Choose a weekday when the job centre is open.")
        return f"{reason} {instead}"
