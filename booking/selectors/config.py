"""Reads for the job centre's booking configuration, each scoped to one job centre."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.policy import CONVERSATION_ROLES
from booking.calendar import dates, public_holiday
from booking.models import (
    ACTIVE_STATUSES,
    DEFAULT_RULE,
    Absence,
    Booking,
    BookingRule,
    ClosingDay,
    Room,
    Topic,
    WorkingDay,
)
from centres.models import JobCentre
from citizens.models import TargetGroup


def bookable_staff(*, centre: JobCentre) -> QuerySet[User]:
    """The centre's active staff who hold conversations: who may offer topics and have hours."""
    return User.objects.filter(
        job_centre=centre, is_active=True, role__in=CONVERSATION_ROLES
    ).order_by("name")


def staff_with_working_days(*, centre: JobCentre) -> QuerySet[User]:
    return bookable_staff(centre=centre).prefetch_related(
        Prefetch("working_days", queryset=WorkingDay.objects.order_by("weekday"))
    )


def topic_list(*, centre: JobCentre) -> QuerySet[Topic]:
    return (
        Topic.objects.filter(job_centre=centre)
        .annotate(
            consultant_count=Count(
                "consultants", filter=Q(consultants__is_active=True), distinct=True
            )
        )
        .order_by("-active", "name")
    )


def topic_rows(*, centre: JobCentre) -> list[Topic]:
    """The topics for the list page, each with `group_labels`: the names of the citizen
    groups who may choose it (empty: all groups)."""
    labels = dict(TargetGroup.choices)
    topics = list(topic_list(centre=centre))
    for topic in topics:
        topic.group_labels = [str(labels[g]) for g in topic.target_groups if g in labels]  # type: ignore[attr-defined]
    return topics


def topic_has_bookings(*, topic: Topic) -> bool:
    return Booking.objects.filter(topic=topic).exists()


def room_list(*, centre: JobCentre) -> QuerySet[Room]:
    return Room.objects.filter(job_centre=centre).order_by("-active", "name")


def coming_closing_days(*, centre: JobCentre, today: date | None = None) -> QuerySet[ClosingDay]:
    today = today or timezone.localdate()
    return ClosingDay.objects.filter(job_centre=centre, date__gte=today).order_by("date")


@dataclass(frozen=True)
class Holiday:
    date: date
    name: str


def coming_public_holidays(*, today: date | None = None, days: int = 365) -> list[Holiday]:
    """The Danish public holidays from today and a year ahead: the centre is closed on them
    without a closing day of its own."""
    today = today or timezone.localdate()
    return [
        Holiday(day, name)
        for day in dates(today, today + timedelta(days=days))
        if (name := public_holiday(day)) is not None
    ]


@dataclass(frozen=True)
class RuleRow:
    """One citizen group's booking rules as the page shows them. `own` is False when the
    group has no row of its own and `values` are those it inherits."""

    target_group: str
    label: str
    own: bool
    values: dict[str, int]


def rule_rows(*, centre: JobCentre) -> list[RuleRow]:
    """ "All groups" first, then each citizen group. A group without its own row shows what
    applies to it: the centre's rule for all groups, or the defaults."""
    rows = {r.target_group: r for r in BookingRule.objects.filter(job_centre=centre)}

    def values(rule: BookingRule | None, fallback: dict[str, int]) -> dict[str, int]:
        return {k: getattr(rule, k) for k in DEFAULT_RULE} if rule else dict(fallback)

    general = values(rows.get(""), DEFAULT_RULE)
    result = [RuleRow("", _("All groups"), "" in rows, general)]
    for group in TargetGroup:
        result.append(
            RuleRow(group.value, str(group.label), group in rows, values(rows.get(group), general))
        )
    return result


def coming_absences(*, consultant: User, today: date | None = None) -> QuerySet[Absence]:
    today = today or timezone.localdate()
    return Absence.objects.filter(consultant=consultant, last_day__gte=today).order_by("first_day")


def active_bookings_between(
    *,
    first_day: date,
    last_day: date,
    consultant: User | None = None,
    centre: JobCentre | None = None,
) -> int:
    """How many active bookings (of a consultant, or a whole centre) fall on these dates: a
    new absence or closing day does not cancel them by itself."""
    bookings = Booking.objects.filter(
        status__in=ACTIVE_STATUSES,
        start__date__gte=first_day,
        start__date__lte=last_day,
    )
    if consultant is not None:
        bookings = bookings.filter(consultant=consultant)
    if centre is not None:
        bookings = bookings.filter(job_centre=centre)
    return bookings.count()
