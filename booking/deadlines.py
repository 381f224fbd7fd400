"""Booking deadlines (frister): set, fulfilled by a booking, reminded, and flagged when missed.
The system only flags a missed deadline for the consultant; it never sanctions by itself."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from booking import notices
from booking.availability import rule_for
from booking.calendar import WorkingCalendar
from booking.models import (
    Booking,
    BookingDeadline,
    BookingRule,
    DeadlineStatus,
    Status,
    Topic,
)
from citizens.models import Citizen

#: A citizen always gets at least this many days to book.
MIN_DAYS = 8
#: Reminders go out this many days before the deadline.
REMIND_DAYS_BEFORE = 2


def earliest_deadline(
    citizen: Citizen, today: date, calendar: WorkingCalendar | None = None
) -> date:
    """At least MIN_DAYS out, moved past weekends, public holidays, the centre's closing days
    and the citizen's registered absence."""
    calendar = calendar or WorkingCalendar.for_citizen(citizen, today)
    return calendar.next_working_day(today + timedelta(days=MIN_DAYS))


def coming_bookings(citizen: Citizen, now: datetime):
    """The citizen's booked conversations still to come: what `max_open_bookings` counts."""
    return Booking.objects.filter(citizen=citizen, status=Status.BOOKED, start__gt=now)


def _booking_in_window(
    citizen: Citizen, topic: Topic | None, first: date, last: date, now: datetime
) -> Booking | None:
    """A coming booking of the deadline's topic (any, without one) inside its window that meets
    no other deadline yet."""
    tz = timezone.get_current_timezone()
    bookings = coming_bookings(citizen, now).filter(
        start__gte=datetime.combine(first, time.min, tzinfo=tz),
        start__lt=datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz),
        fulfils__isnull=True,
    )
    if topic is not None:
        bookings = bookings.filter(topic=topic)
    return bookings.order_by("start").first()


def _check_dates(
    *,
    calendar: WorkingCalendar,
    today: date,
    earliest: date,
    deadline: date,
    window_start: date,
    window_end: date,
) -> dict[str, str]:
    """Every date of the deadline: none in the past, the deadline at least MIN_DAYS out, and
    each on a day the job centre works and the citizen is not away."""
    errors = {}
    if deadline < earliest:
        errors["deadline"] = _(
            "The deadline must be at least 8 days out and on a working day the citizen is not "
            "away: %(date)s at the earliest."
        ) % {"date": earliest.strftime("%d.%m.%Y")}
    elif refusal := calendar.refusal(deadline):
        errors["deadline"] = refusal
    if window_start < today:
        errors["window_start"] = _("The window cannot start in the past.")
    elif refusal := calendar.refusal(window_start):
        errors["window_start"] = refusal
    if window_end < window_start:
        errors["window_end"] = _("The window must end on or after its first day.")
    elif window_end < deadline:
        errors["window_end"] = _("The meeting window must not end before the deadline.")
    elif window_end >= today and (refusal := calendar.refusal(window_end)):
        errors["window_end"] = refusal
    return errors


def _check_room_to_book(citizen: Citizen, now: datetime) -> None:
    """A citizen with as many coming bookings as the rule allows could not book to meet it."""
    rule = rule_for(citizen.job_centre_id, citizen.target_group)
    coming = coming_bookings(citizen, now).count()
    if coming >= rule.max_open_bookings:
        message = ngettext(
            "The citizen already has %(n)s coming conversation, as many as the rules allow, "
            "and cannot book more until one is held or cancelled. Give the deadline later, or "
            "cancel a conversation first.",
            "The citizen already has %(n)s coming conversations, as many as the rules allow, "
            "and cannot book more until one is held or cancelled. Give the deadline later, or "
            "cancel a conversation first.",
            coming,
        )
        raise ValidationError({NON_FIELD_ERRORS: message % {"n": coming}})


def create(
    *,
    citizen: Citizen,
    actor: User | None,
    window_start: date,
    window_end: date,
    topic: Topic | None = None,
    deadline: date | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> BookingDeadline:
    """Gives the citizen a booking deadline, checked date by date against the working-day
    calendar. It replaces the citizen's open deadline (`replaces`; the citizen is told once,
    that the deadline changed). A coming booking already inside the window meets it at once
    (status fulfilled; the citizen has nothing to book, so is not asked to). Refused for
    citizens exempt from self-booking (they are summoned) and for a citizen who has as many
    coming bookings as the rules allow and so could not book."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    calendar = WorkingCalendar.for_citizen(citizen, today)
    earliest = earliest_deadline(citizen, today, calendar)
    deadline = deadline or earliest
    errors: dict[str, str] = {}
    if citizen.self_booking_exempt:
        errors[NON_FIELD_ERRORS] = _(
            "The citizen is exempt from self-booking and cannot be given a booking deadline. "
            "Summon the citizen to the conversation instead."
        )
    if topic is not None and topic.job_centre_id != citizen.job_centre_id:
        errors["topic"] = _("Choose one of the job centre's topics.")
    errors.update(
        _check_dates(
            calendar=calendar,
            today=today,
            earliest=earliest,
            deadline=deadline,
            window_start=window_start,
            window_end=window_end,
        )
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One deadline given at a time per citizen: the lock orders two consultants' clicks.
        Citizen.objects.select_for_update().filter(pk=citizen.pk).exists()
        booking = _booking_in_window(citizen, topic, window_start, window_end, now)
        if booking is None:
            _check_room_to_book(citizen, now)
        previous = (
            BookingDeadline.objects.select_for_update()
            .filter(citizen=citizen, status=DeadlineStatus.OPEN)
            .first()
        )
        if previous is not None:
            previous.status = DeadlineStatus.REPLACED
            previous.save(update_fields=["status"])
        try:
            with transaction.atomic():
                item = BookingDeadline.objects.create(
                    citizen=citizen,
                    topic=topic,
                    deadline=deadline,
                    window_start=window_start,
                    window_end=window_end,
                    created_by=actor,
                    by_rule=actor is None,
                    replaces=previous,
                    status=DeadlineStatus.FULFILLED if booking else DeadlineStatus.OPEN,
                    fulfilled_by=booking,
                )
        except IntegrityError:
            raise ValidationError(
                _("Another booking deadline was just given to the citizen. Reload the page.")
            ) from None
    if previous is not None:
        notices.deadline_withdrawn(previous, now=now)
        notices.deadline_changed(item)
    elif booking is None:
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
            calendar = WorkingCalendar.for_citizen(citizen, today)
            deadline = earliest_deadline(citizen, today, calendar)
            create(
                citizen=citizen,
                actor=None,
                window_start=calendar.next_working_day(today),
                window_end=calendar.next_working_day(
                    deadline + timedelta(days=rule.deadline_window_days)
                ),
                deadline=deadline,
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
    """The deadline this booking meets: same topic (or any), inside the window; the open
    deadline before one already missed (which a late booking still meets)."""
    day = timezone.localdate(booking.start)
    candidates = BookingDeadline.objects.filter(
        Q(topic__isnull=True) | Q(topic_id=booking.topic_id),
        citizen_id=booking.citizen_id,
        status__in=(DeadlineStatus.OPEN, DeadlineStatus.MISSED),
        window_start__lte=day,
        window_end__gte=day,
    )
    # One read, by deadline: the first open one, else the first (a missed one).
    rows = list(candidates.order_by("deadline", "pk"))
    item = next(
        (row for row in rows if row.status == DeadlineStatus.OPEN), rows[0] if rows else None
    )
    if item is None:
        return None
    BookingDeadline.objects.filter(pk=item.pk).update(
        status=DeadlineStatus.FULFILLED, fulfilled_by=booking
    )
    notices.deadline_met(item)
    return item


def reopen(booking: Booking) -> None:
    """A cancelled booking no longer meets its deadline, which is open again, unless a newer
    deadline is open: the citizen holds one open deadline, so the newer one stands."""
    newer_open = BookingDeadline.objects.filter(
        citizen_id=booking.citizen_id, status=DeadlineStatus.OPEN
    ).exists()
    BookingDeadline.objects.filter(fulfilled_by=booking).update(
        status=DeadlineStatus.REPLACED if newer_open else DeadlineStatus.OPEN, fulfilled_by=None
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
