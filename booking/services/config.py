"""Writes for what a job centre offers for booking: topics, rooms, closing days, booking rules,
and the consultants' working hours and absence. Every function validates its input and raises
ValidationError with messages for the user; the database constraints back them up."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.policy import CONVERSATION_ROLES
from booking.calendar import public_holiday
from booking.models import (
    DEFAULT_RULE,
    Absence,
    BookingRule,
    ClosingDay,
    MeetingMode,
    Room,
    Topic,
    Weekday,
    WorkingDay,
)
from booking.selectors.config import bookable_staff, topic_has_bookings
from centres.models import JobCentre
from citizens.models import TargetGroup
from common.services import model_update


def _name_taken(name: str, names: Iterable[str]) -> bool:
    """Case-insensitively, also for æ, ø and å (SQLite's own comparison folds only a-z)."""
    wanted = name.strip().casefold()
    return any(n.strip().casefold() == wanted for n in names)


# --- Topics


def _check_topic(
    *,
    centre: JobCentre,
    topic: Topic | None,
    name: str,
    consultants: Iterable[User],
    target_groups: Sequence[str],
    modes: Sequence[str],
) -> None:
    errors: dict[str, str] = {}
    others = Topic.objects.filter(job_centre=centre)
    if topic is not None:
        others = others.exclude(pk=topic.pk)
    if _name_taken(name, others.values_list("name", flat=True)):
        errors["name"] = _("The job centre already has a topic with this name.")
    allowed = set(bookable_staff(centre=centre).values_list("pk", flat=True))
    if any(c.pk not in allowed for c in consultants):
        errors["consultants"] = _(
            "Choose active job consultants or team leaders from the same job centre."
        )
    if not set(target_groups) <= set(TargetGroup.values):
        errors["target_groups"] = _("Choose citizen groups from the list.")
    if not modes:
        errors["modes"] = _("Choose at least one meeting mode.")
    elif not set(modes) <= set(MeetingMode.values):
        errors["modes"] = _("Choose meeting modes from the list.")
    if errors:
        raise ValidationError(errors)


def _save_topic(topic: Topic, consultants: Iterable[User]) -> Topic:
    topic.full_clean(validate_constraints=False)  # the name was checked case-insensitively
    topic.save()
    topic.consultants.set(list(consultants))
    return topic


def _ordered(values: Iterable[str], choices: Sequence[str]) -> list[str]:
    """The chosen values in the order of their choices, so equal sets are stored equally."""
    chosen = set(values)
    return [v for v in choices if v in chosen]


@transaction.atomic
def topic_create(
    *,
    centre: JobCentre,
    name: str,
    duration_minutes: int,
    modes: Sequence[str],
    description: str = "",
    consultants: Iterable[User] = (),
    target_groups: Sequence[str] = (),
    active: bool = True,
) -> Topic:
    consultants = list(consultants)
    _check_topic(
        centre=centre,
        topic=None,
        name=name,
        consultants=consultants,
        target_groups=target_groups,
        modes=modes,
    )
    topic = Topic(
        job_centre=centre,
        name=name,
        description=description,
        duration_minutes=duration_minutes,
        target_groups=_ordered(target_groups, TargetGroup.values),
        modes=_ordered(modes, MeetingMode.values),
        active=active,
    )
    return _save_topic(topic, consultants)


@transaction.atomic
def topic_update(
    *,
    topic: Topic,
    name: str,
    duration_minutes: int,
    modes: Sequence[str],
    description: str = "",
    consultants: Iterable[User] = (),
    target_groups: Sequence[str] = (),
    active: bool = True,
) -> Topic:
    """Changes a topic. Its coming bookings keep the duration and mode they were booked with."""
    consultants = list(consultants)
    _check_topic(
        centre=topic.job_centre,
        topic=topic,
        name=name,
        consultants=consultants,
        target_groups=target_groups,
        modes=modes,
    )
    topic.name, topic.description = name, description
    topic.duration_minutes = duration_minutes
    topic.target_groups = _ordered(target_groups, TargetGroup.values)
    topic.modes = _ordered(modes, MeetingMode.values)
    topic.active = active
    return _save_topic(topic, consultants)


@transaction.atomic
def topic_delete(*, topic: Topic) -> bool:
    """Deletes a topic that was never booked. A topic with bookings is kept for their sake and
    only deactivated (no longer bookable). Returns whether it was deleted."""
    if topic_has_bookings(topic=topic):
        if topic.active:
            topic.active = False
            topic.save(update_fields=["active"])
        return False
    topic.delete()
    return True


# --- Meeting rooms


def _check_room(*, centre: JobCentre, room: Room | None, name: str) -> None:
    others = Room.objects.filter(job_centre=centre)
    if room is not None:
        others = others.exclude(pk=room.pk)
    if _name_taken(name, others.values_list("name", flat=True)):
        raise ValidationError({"name": _("The job centre already has a room with this name.")})


@transaction.atomic
def room_create(*, centre: JobCentre, name: str, location: str = "", active: bool = True) -> Room:
    _check_room(centre=centre, room=None, name=name)
    room = Room(job_centre=centre, name=name, location=location, active=active)
    room.full_clean(validate_constraints=False)
    room.save()
    return room


@transaction.atomic
def room_update(*, room: Room, name: str, location: str = "", active: bool = True) -> Room:
    """Changes a room. Taking it out of use leaves its booked meetings in it."""
    _check_room(centre=room.job_centre, room=room, name=name)
    room.name, room.location, room.active = name, location, active
    room.full_clean(validate_constraints=False)
    room.save()
    return room


# --- Closing days


@transaction.atomic
def closing_day_add(
    *, centre: JobCentre, date: dt.date, name: str, today: dt.date | None = None
) -> ClosingDay:
    """A day the centre closes besides weekends and public holidays (Constitution Day,
    Christmas Eve, a staff day). Bookings already made that day are not cancelled here."""
    today = today or timezone.localdate()
    error = None
    if date < today:
        error = _("Choose a date from today onwards.")
    elif date.weekday() >= 5:
        error = _("The job centre is closed on Saturdays and Sundays anyway.")
    elif holiday := public_holiday(date):
        error = _("%(date)s is a public holiday (%(name)s); the job centre is closed anyway.") % {
            "date": date_format(date, "DATE_FORMAT"),
            "name": holiday,
        }
    elif ClosingDay.objects.filter(job_centre=centre, date=date).exists():
        error = _("There is already a closing day on this date.")
    if error:
        raise ValidationError({"date": error})
    closing_day = ClosingDay(job_centre=centre, date=date, name=name)
    closing_day.full_clean(validate_constraints=False)
    closing_day.save()
    return closing_day


def closing_day_delete(*, closing_day: ClosingDay) -> None:
    closing_day.delete()


# --- Booking rules


def _label(name: str) -> str:
    """The field's name as the settings form labels it."""
    return str(getattr(BookingRule._meta.get_field(name), "verbose_name", name))


def rule_errors(values: Mapping[str, int]) -> dict[str, str]:
    """Combinations under which a citizen could book nothing, or change nothing they booked:
    refused, by the field to change, naming both fields. (Each number's own limits, such as
    at least one open booking, are the model's validators.)"""
    errors: dict[str, str] = {}
    horizon_hours = values["max_days_ahead"] * 24
    labels = {
        "notice": _label("min_notice_hours"),
        "ahead": _label("max_days_ahead"),
        "cutoff": _label("cancel_cutoff_hours"),
    }
    if values["min_notice_hours"] >= horizon_hours:
        errors["min_notice_hours"] = _(
            "“%(notice)s” must be shorter than “%(ahead)s” (%(hours)s hours): "
            "otherwise no time is ever far enough ahead to be booked."
        ) % {**labels, "hours": horizon_hours}
    if values["cancel_cutoff_hours"] >= horizon_hours:
        errors["cancel_cutoff_hours"] = _(
            "“%(cutoff)s” must be shorter than “%(ahead)s” (%(hours)s hours): "
            "otherwise a citizen can almost never move or cancel a time they have booked."
        ) % {**labels, "hours": horizon_hours}
    return errors


def rule_warnings(values: Mapping[str, int]) -> list[str]:
    """Legitimate combinations a citizen should know of before booking: shown on the settings
    page, never blocking a save. The booking flow tells the citizen the consequence."""
    warnings = []
    if values["cancel_cutoff_hours"] > values["min_notice_hours"]:
        warnings.append(
            _(
                "“%(notice)s” (%(notice_value)s) is shorter than “%(cutoff)s” "
                "(%(cutoff_value)s): a time booked less than %(cutoff_value)s hours before it "
                "starts cannot be moved or cancelled online. Citizens are told so before they "
                "confirm, with the job centre's phone, e-mail and opening hours."
            )
            % {
                "notice": _label("min_notice_hours"),
                "cutoff": _label("cancel_cutoff_hours"),
                "notice_value": values["min_notice_hours"],
                "cutoff_value": values["cancel_cutoff_hours"],
            }
        )
    return warnings


@transaction.atomic
def rule_save(*, centre: JobCentre, target_group: str, **values: int) -> BookingRule:
    """Creates or changes the centre's booking rule for one citizen group ("" = all groups
    without a rule of their own)."""
    if target_group not in ("", *TargetGroup.values):
        raise ValueError(target_group)
    if set(values) != set(DEFAULT_RULE):
        raise ValueError(sorted(set(values) ^ set(DEFAULT_RULE)))
    rule = (
        BookingRule.objects.select_for_update()
        .filter(job_centre=centre, target_group=target_group)
        .first()
    ) or BookingRule(job_centre=centre, target_group=target_group)
    model_update(instance=rule, data=values)
    rule.full_clean(validate_constraints=False)
    if errors := rule_errors(values):
        raise ValidationError(errors)
    rule.save()
    return rule


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
