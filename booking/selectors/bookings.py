"""Reads for self-booking, each scoped by the policy."""

from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import policy
from accounts.models import STAFF_ROLES, User
from booking import hooks
from booking.availability import Slot, own_team_or_all, with_own_team
from booking.models import ACTIVE_STATUSES, Booking, BookingDeadline, DeadlineStatus, Status, Topic
from citizens.models import Citizen

_RELATED = ("topic", "room", "consultant", "citizen__user", "facilitated_by")


def booking_get(*, user: User, public_id) -> Booking:
    return get_object_or_404(
        policy.visible_to(user, "bookings").select_related(*_RELATED), public_id=public_id
    )


def citizen_bookings(*, citizen: Citizen, now: datetime | None = None):
    """(coming, past) for the citizen's own list; cancelled ones show among the past."""
    now = now or timezone.now()
    qs = Booking.objects.filter(citizen=citizen).select_related(*_RELATED)
    coming = qs.filter(status=Status.BOOKED, end__gt=now).order_by("start")
    past = qs.exclude(pk__in=coming.values("pk")).order_by("-start")
    return coming, past


def next_booking(*, citizen: Citizen, now: datetime | None = None) -> Booking | None:
    """The first of `citizen_bookings`' coming ones, with its topic and consultant (what the
    citizen's home page shows), without building the lists."""
    return (
        Booking.objects.filter(citizen=citizen, status=Status.BOOKED, end__gt=now or timezone.now())
        .select_related("topic", "consultant")
        .order_by("start")
        .first()
    )


def citizen_busy(
    citizen: Citizen, start: datetime, end: datetime, *, ignore_booking_id: int | None = None
) -> list[tuple[datetime, datetime]]:
    """(start, end) of what the citizen has booked in [start, end): their conversations (not the
    one being moved) and their seats in job clubs (hooks.other_appointments). The week view
    offers no time over them, since the confirmation would refuse it. Two queries."""
    own = Booking.objects.filter(
        citizen=citizen, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    )
    if ignore_booking_id is not None:
        own = own.exclude(pk=ignore_booking_id)
    return [*own.values_list("start", "end"), *hooks.other_appointments(citizen, start, end)]


def free_for_citizen(
    slots: list[Slot], citizen: Citizen, *, ignore_booking_id: int | None = None
) -> list[Slot]:
    """The free times less those over something the citizen has booked (`citizen_busy`)."""
    if not slots:
        return slots
    busy = citizen_busy(
        citizen,
        min(s.start for s in slots),
        max(s.end for s in slots),
        ignore_booking_id=ignore_booking_id,
    )
    return [s for s in slots if not any(b < s.end and s.start < e for b, e in busy)]


def topics_for(citizen: Citizen) -> list[Topic]:
    """The active topics the citizen's group may choose."""
    topics = Topic.objects.filter(job_centre_id=citizen.job_centre_id, active=True)
    return [t for t in topics if t.open_to(citizen.target_group)]


def topic_consultants(topic: Topic) -> QuerySet:
    return topic.consultants.filter(
        is_active=True, job_centre_id=topic.job_centre_id, role__in=STAFF_ROLES
    ).order_by("name")


def bookable_consultants(topic: Topic, citizen: Citizen) -> list[User]:
    """The topic's consultants the citizen chooses among (`own_team_or_all`), by name."""
    return own_team_or_all(
        list(with_own_team(topic_consultants(topic), citizen.responsible_consultant_id))
    )


def consultant_bookings(*, consultant: User, first: date, last: date) -> QuerySet:
    """A consultant's conversations between two local dates, cancelled ones included."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(first, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return (
        Booking.objects.filter(consultant=consultant, start__gte=start, start__lt=end)
        .select_related("topic", "room", "citizen__user", "citizen__job_centre")
        .order_by("start")
    )


def open_deadlines(citizen: Citizen) -> QuerySet:
    return BookingDeadline.objects.filter(
        citizen=citizen, status__in=(DeadlineStatus.OPEN, DeadlineStatus.MISSED)
    ).select_related("topic")


def citizen_deadlines(citizen: Citizen) -> QuerySet:
    return (
        BookingDeadline.objects.filter(citizen=citizen)
        .select_related("topic", "fulfilled_by", "created_by")
        .order_by("-deadline")
    )
