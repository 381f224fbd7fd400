"""Booking deadlines (frister): set, fulfilled by a booking, reminded, and flagged when missed.
The system only flags a missed deadline for the consultant; it never sanctions by itself."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from booking import notices
from booking.calendar import dates, is_working_day
from booking.models import (
    Booking,
    BookingDeadline,
    BookingRule,
    CitizenAbsence,
    ClosingDay,
    DeadlineStatus,
    Status,
    Topic,
)
from citizens.models import Citizen

#: A citizen always gets at least this many days to book.
MIN_DAYS = 8
#: Reminders go out this many days before the deadline.
REMIND_DAYS_BEFORE = 2


def days_off(citizen: Citizen, first: date, last: date) -> set[date]:
    """The centre's closing days and the citizen's registered absence between two dates."""
    closed = set(
        ClosingDay.objects.filter(
            job_centre_id=citizen.job_centre_id, date__range=(first, last)
        ).values_list("date", flat=True)
    )
    for absence in CitizenAbsence.objects.filter(
        citizen=citizen, last_day__gte=first, first_day__lte=last
    ):
        closed.update(dates(absence.first_day, absence.last_day))
    return closed


def earliest_deadline(citizen: Citizen, today: date) -> date:
    """At least MIN_DAYS out, moved past weekends, public holidays, the centre's closing days
    and the citizen's registered absence."""
    day = today + timedelta(days=MIN_DAYS)
    closed = days_off(citizen, day, day + timedelta(days=366))
    while not is_working_day(day, closed):
        day += timedelta(days=1)
    return day


def create(
    *,
    citizen: Citizen,
    actor: User | None,
    window_start: date,
    window_end: date,
    topic: Topic | None = None,
    deadline: date | None = None,
    today: date | None = None,
) -> BookingDeadline:
    today = today or timezone.localdate()
    earliest = earliest_deadline(citizen, today)
    deadline = deadline or earliest
    errors = {}
    if topic is not None and topic.job_centre_id != citizen.job_centre_id:
        errors["topic"] = _("Choose one of the job centre's topics.")
    if deadline < earliest:
        errors["deadline"] = _(
            "The deadline must be at least 8 days out and on a working day the citizen is not "
            "away: %(date)s at the earliest."
        ) % {"date": earliest.strftime("%d.%m.%Y")}
    if window_end < window_start:
        errors["window_end"] = _("The window must end on or after its first day.")
    elif window_end < deadline:
        errors["window_end"] = _("The meeting window must not end before the deadline.")
    if window_start < today:
        errors["window_start"] = _("The window cannot start in the past.")
    if errors:
        raise ValidationError(errors)
    item = BookingDeadline.objects.create(
        citizen=citizen,
        topic=topic,
        deadline=deadline,
        window_start=window_start,
        window_end=window_end,
        created_by=actor,
        by_rule=actor is None,
    )
    notices.deadline_given(item)
    return item


def apply_rules(today: date | None = None) -> int:
    """Deadlines given by rule: a citizen of a group whose rule has `deadline_every_days` and
    who has had no held or coming conversation, and no deadline, for that many days gets one.
    Citizens exempt from self-booking are summoned instead, so they are left out."""
    today = today or timezone.localdate()
    made = 0
    for rule in BookingRule.objects.filter(deadline_every_days__gt=0).select_related("job_centre"):
        since = today - timedelta(days=rule.deadline_every_days)
        since_start = datetime.combine(since, time.min, tzinfo=timezone.get_current_timezone())
        citizens = Citizen.objects.filter(
            job_centre_id=rule.job_centre_id,
            self_booking_exempt=False,
            registered_on__lte=since,
            user__is_active=True,
        ).exclude(
            Exists(
                Booking.objects.filter(
                    citizen=OuterRef("pk"),
                    status__in=(Status.BOOKED, Status.HELD),
                    start__gte=since_start,
                )
            )
            | Exists(
                BookingDeadline.objects.filter(
                    Q(status__in=(DeadlineStatus.OPEN, DeadlineStatus.MISSED))
                    | Q(created_at__date__gte=since),
                    citizen=OuterRef("pk"),
                )
            )
        )
        if rule.target_group:
            citizens = citizens.filter(target_group=rule.target_group)
        else:  # the rule for all groups, where a group has no rule of its own
            own = BookingRule.objects.filter(job_centre_id=rule.job_centre_id).exclude(
                target_group=""
            )
            citizens = citizens.exclude(target_group__in=own.values("target_group"))
        for citizen in citizens.select_related("user"):
            deadline = earliest_deadline(citizen, today)
            create(
                citizen=citizen,
                actor=None,
                window_start=today,
                window_end=deadline + timedelta(days=rule.deadline_window_days),
                today=today,
            )
            made += 1
    return made


def withdraw(*, item: BookingDeadline) -> None:
    if item.status not in (DeadlineStatus.OPEN, DeadlineStatus.MISSED):
        raise ValidationError(_("The deadline has already been met."))
    item.status = DeadlineStatus.WITHDRAWN
    item.save(update_fields=["status"])
    notices.deadline_withdrawn(item)


def fulfil(booking: Booking) -> BookingDeadline | None:
    """The first open deadline this booking meets: same topic (or any), inside the window."""
    day = timezone.localdate(booking.start)
    item = (
        BookingDeadline.objects.filter(
            Q(topic__isnull=True) | Q(topic_id=booking.topic_id),
            citizen_id=booking.citizen_id,
            status__in=(DeadlineStatus.OPEN, DeadlineStatus.MISSED),
            window_start__lte=day,
            window_end__gte=day,
        )
        .order_by("deadline")
        .first()
    )
    if item is None:
        return None
    BookingDeadline.objects.filter(pk=item.pk).update(
        status=DeadlineStatus.FULFILLED, fulfilled_by=booking
    )
    notices.deadline_met(item)
    return item


def reopen(booking: Booking) -> None:
    """A cancelled booking no longer meets its deadline."""
    BookingDeadline.objects.filter(fulfilled_by=booking).update(
        status=DeadlineStatus.OPEN, fulfilled_by=None
    )


def flag_missed(today: date | None = None) -> int:
    """Open deadlines whose last day has passed become missed; the consultant is told."""
    today = today or timezone.localdate()
    missed = list(
        BookingDeadline.objects.filter(
            status=DeadlineStatus.OPEN, deadline__lt=today
        ).select_related("citizen__user", "citizen__responsible_consultant")
    )
    for item in missed:
        item.status = DeadlineStatus.MISSED
        item.save(update_fields=["status"])
        notices.deadline_missed(item)
    return len(missed)


def remind(today: date | None = None) -> int:
    """Remind citizens whose open deadline is at most REMIND_DAYS_BEFORE days away."""
    today = today or timezone.localdate()
    due = BookingDeadline.objects.filter(
        status=DeadlineStatus.OPEN,
        deadline__gte=today,
        deadline__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("citizen__user", "topic")
    return sum(len(notices.deadline_reminder(item)) for item in due)
