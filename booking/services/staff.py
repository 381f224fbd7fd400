"""Writes the consultant side needs beyond booking.services.bookings and booking.deadlines:
registering a citizen's absence, which moves the citizen's booking deadlines past it."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.calendar import WorkingCalendar, dates
from booking.models import BookingDeadline, CitizenAbsence, DeadlineStatus
from citizens.models import Citizen


def citizen_absence_register(
    *,
    citizen: Citizen,
    first_day: date,
    last_day: date,
    reason: str = "",
    today: date | None = None,
) -> tuple[CitizenAbsence, list[BookingDeadline]]:
    """Registers an absence (holiday, illness) and returns it with the deadlines it moved.

    A deadline not yet met keeps the citizen's time to book: it moves on by the days of this
    absence (not already registered) between the day it was given and the deadline, then on
    past weekends, public holidays, closing days and absence. A deadline flagged as missed
    that so moves to today or later is open again: the citizen was away, nothing was missed
    (unless a newer deadline is open: the citizen holds one open deadline, so the newer one
    stands and the older is marked replaced by it)."""
    today = today or timezone.localdate()
    if last_day < first_day:
        raise ValidationError({"last_day": _("The absence must end on or after its first day.")})
    if first_day < today - timedelta(days=366) or last_day > today + timedelta(days=366):
        raise ValidationError({"first_day": _("The absence must lie within a year from today.")})
    with transaction.atomic():
        known = WorkingCalendar.for_citizen(citizen, first_day)
        known_off = known.closing.keys() | known.absence.keys()
        new_days = [d for d in dates(first_day, last_day) if d not in known_off]
        absence = CitizenAbsence.objects.create(
            citizen=citizen, first_day=first_day, last_day=last_day, reason=reason.strip()
        )
        affected = list(
            BookingDeadline.objects.select_for_update()
            .filter(
                citizen=citizen,
                status__in=(DeadlineStatus.OPEN, DeadlineStatus.MISSED),
                deadline__gte=first_day,
            )
            .order_by("deadline")
        )
        if not affected:
            return absence, []
        calendar = WorkingCalendar.for_citizen(citizen, min(first_day, today))
        open_now = next((d for d in affected if d.status == DeadlineStatus.OPEN), None)
        moved = []
        for item in affected:
            given = timezone.localdate(item.created_at)
            lost = sum(1 for d in new_days if given <= d <= item.deadline)
            if not lost:
                continue
            new_deadline = calendar.next_working_day(item.deadline + timedelta(days=lost))
            shift = new_deadline - item.deadline
            item.deadline = new_deadline
            item.window_end = calendar.next_working_day(max(item.window_end + shift, new_deadline))
            fields = ["deadline", "window_end"]
            if item.status == DeadlineStatus.MISSED and new_deadline >= today:
                if open_now is None:
                    item.status, item.missed_seen_at = DeadlineStatus.OPEN, None
                    open_now = item
                else:
                    item.status = DeadlineStatus.REPLACED
                fields += ["status", "missed_seen_at"]
            item.save(update_fields=fields)
            moved.append(item)
    return absence, moved
