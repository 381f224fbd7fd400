"""Writes for what a job centre offers for booking: topics, rooms, closing days and booking rules.
Every function validates its input and raises ValidationError with messages for the user; the
database constraints back them up."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from booking.calendar import public_holiday
from booking.models import (
    DEFAULT_RULE,
    BookingRule,
    ClosingDay,
    MeetingMode,
    Room,
    Topic,
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
    preparation: str = "",
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
        preparation=preparation,
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
    preparation: str = "",
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
    topic.active, topic.preparation = active, preparation
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
