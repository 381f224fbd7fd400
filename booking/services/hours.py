"""Writes for the consultants' working hours and absence. Every function validates its input and
raises ValidationError with messages for the user; the database constraints back them up."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.policy import CONVERSATION_ROLES
from booking.models import (
    Absence,
    Weekday,
    WorkingDay,
)

# --- Working hours


@dataclass(frozen=True)
class DayHours:
    """One weekday's hours as typed in: no start and no end means not working that day."""

    weekday: int
    start: time | None = None
    end: time | None = None
    break_start: time | None = None
    break_end: time | None = None

    @property
    def working(self) -> bool:
        return self.start is not None or self.end is not None


def day_hours_errors(day: DayHours) -> dict[str, str]:
    """What is wrong with one day's hours, by the attribute to blame. The forms show these next
    to the field; `working_hours_save` refuses hours with any."""
    errors: dict[str, str] = {}
    has_break = day.break_start is not None or day.break_end is not None
    if not day.working:
        if has_break:
            errors["break_start"] = _("A break needs working hours that day.")
        return errors
    if day.start is None:
        errors["start"] = _("Fill in when the working day starts.")
    elif day.end is None:
        errors["end"] = _("Fill in when the working day ends.")
    elif day.end <= day.start:
        errors["end"] = _("The working day must end after it starts.")
    if not has_break:
        return errors
    if day.break_start is None:
        errors["break_start"] = _("Fill in when the break starts.")
    elif day.break_end is None:
        errors["break_end"] = _("Fill in when the break ends.")
    elif day.break_end <= day.break_start:
        errors["break_end"] = _("The break must end after it starts.")
    elif (
        not errors
        and day.start is not None
        and day.end is not None
        and (day.break_start < day.start or day.break_end > day.end)
    ):
        errors["break_start"] = _("The break must lie within the working hours.")
    return errors


@transaction.atomic
def working_hours_save(*, consultant: User, days: Sequence[DayHours]) -> list[WorkingDay]:
    """Replaces all of a consultant's working hours with `days` (days not given, or without
    hours, are not working days). Booked meetings stay where they are."""
    if consultant.role not in CONVERSATION_ROLES:
        raise ValidationError(_("Only job consultants and team leaders have working hours."))
    weekdays = [d.weekday for d in days]
    if len(set(weekdays)) != len(weekdays) or not set(weekdays) <= set(Weekday.values):
        raise ValueError(weekdays)
    problems = [
        f"{capfirst(Weekday(day.weekday).label)}: {message}"
        for day in days
        for message in day_hours_errors(day).values()
    ]
    if problems:
        raise ValidationError(problems)
    rows = [
        WorkingDay(
            consultant=consultant,
            weekday=day.weekday,
            start=day.start,
            end=day.end,
            break_start=day.break_start,
            break_end=day.break_end,
        )
        for day in sorted(days, key=lambda d: d.weekday)
        if day.start is not None and day.end is not None  # validated: both or neither
    ]
    WorkingDay.objects.filter(consultant=consultant).delete()
    return WorkingDay.objects.bulk_create(rows)


# --- Absence


@transaction.atomic
def absence_add(
    *,
    consultant: User,
    first_day: date,
    last_day: date,
    note: str = "",
    today: date | None = None,
) -> Absence:
    """The consultant is away on these dates (both included): no times are offered then.
    Meetings already booked in the period are not cancelled here."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if first_day < today:
        errors["first_day"] = _("The absence cannot start in the past.")
    if last_day < first_day:
        errors["last_day"] = _("The last day cannot be before the first day.")
    if (
        not errors
        and Absence.objects.filter(
            consultant=consultant, first_day__lte=last_day, last_day__gte=first_day
        ).exists()
    ):
        errors["first_day"] = _("Absence is already registered on some of these days.")
    if errors:
        raise ValidationError(errors)
    absence = Absence(consultant=consultant, first_day=first_day, last_day=last_day, note=note)
    absence.full_clean()
    absence.save()
    return absence


def absence_delete(*, absence: Absence) -> None:
    absence.delete()
