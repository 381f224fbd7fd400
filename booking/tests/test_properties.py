"""Property tests (hypothesis) on the booking rules and the deadline arithmetic: whatever the
dates, rule, absence, closing days and existing bookings, the free times and the deadlines keep
the rules. Pure functions get many examples; those that need the database few, each inside a
savepoint that is rolled back, so examples never see each other's rows."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.easter import easter
from django.db import transaction
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from booking.availability import Rule, free_slots
from booking.calendar import dates, is_working_day, next_working_day, public_holiday
from booking.deadlines import MIN_DAYS, earliest_deadline
from booking.models import DEFAULT_RULE, Absence, CitizenAbsence, ClosingDay, Status
from booking.tests.factories import BookingFactory, TopicFactory, working_week

CPH = ZoneInfo("Europe/Copenhagen")

PURE = settings(max_examples=300, deadline=None, derandomize=True)
WITH_DB = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))
closed_sets = st.sets(days, max_size=20)


def danish_holidays(year: int) -> set[date]:
    """Denmark's public holidays worked out independently of the `holidays` package: the fixed
    ones and those that follow Easter (Store Bededag was abolished from 2024)."""
    sunday = easter(year)
    moving = {-3, -2, 0, 1, 39, 49, 50}  # Skærtorsdag ... 2. pinsedag
    return {date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)} | {
        sunday + timedelta(days=n) for n in moving
    }


@PURE
@given(day=days, closed=closed_sets)
def test_next_working_day_is_the_first_working_day_on_or_after(day, closed):
    result = next_working_day(day, closed)
    assert result >= day
    assert result.weekday() < 5
    assert result not in closed
    assert public_holiday(result) is None
    assert result not in danish_holidays(result.year)
    # Nothing between the day asked for and the answer was a working day.
    assert not any(is_working_day(d, closed) for d in dates(day, result - timedelta(days=1)))
    assert next_working_day(result, closed) == result


@PURE
@given(first=days, gap=st.integers(0, 60), closed=closed_sets)
def test_next_working_day_is_monotone(first, gap, closed):
    later = first + timedelta(days=gap)
    assert next_working_day(first, closed) <= next_working_day(later, closed)


@PURE
@given(year=st.integers(2024, 2032))
def test_danish_public_holidays_are_never_working_days(year):
    for holiday in danish_holidays(year):
        assert not is_working_day(holiday), holiday
        assert next_working_day(holiday) != holiday


rules = st.builds(
    Rule,
    min_notice_hours=st.integers(0, 72),
    max_days_ahead=st.integers(1, 21),
    buffer_minutes=st.sampled_from([0, 5, 15, 30, 60]),
    cancel_cutoff_hours=st.just(DEFAULT_RULE["cancel_cutoff_hours"]),
    max_open_bookings=st.just(DEFAULT_RULE["max_open_bookings"]),
    grid_minutes=st.sampled_from([15, 30, 60]),
    deadline_every_days=st.just(0),
    deadline_window_days=st.just(14),
)
#: "Now": any quarter of an hour in the weeks around a spring and an autumn clock change.
nows = st.builds(
    lambda day, minutes: datetime.combine(day, time(), tzinfo=CPH) + timedelta(minutes=minutes),
    st.dates(min_value=date(2026, 3, 16), max_value=date(2026, 4, 6))
    | st.dates(min_value=date(2026, 10, 12), max_value=date(2026, 11, 2))
    | st.dates(min_value=date(2026, 12, 14), max_value=date(2027, 1, 4)),
    st.integers(0, 24 * 4 - 1).map(lambda q: q * 15),
)


@PURE
@given(rule=rules, now=nows)
def test_the_bookable_range_follows_the_notice_and_how_far_ahead(rule, now):
    earliest, last = rule.bookable_range(now)
    assert earliest - now == timedelta(hours=rule.min_notice_hours)
    assert (last - now.astimezone(CPH).date()).days == rule.max_days_ahead


def _overlaps(start, until, other_start, other_until) -> bool:
    return start < other_until and other_start < until


@pytest.mark.django_db
@WITH_DB
@given(
    rule=rules,
    now=nows,
    span=st.integers(0, 10),
    booked=st.lists(
        st.tuples(st.integers(0, 10), st.integers(8 * 4, 16 * 4), st.sampled_from([30, 45, 60])),
        max_size=6,
    ),
    absent=st.lists(st.tuples(st.integers(0, 10), st.integers(0, 3)), max_size=2),
    closing=st.lists(st.integers(0, 10), max_size=2),
    duration=st.sampled_from([30, 45, 60]),
)
def test_free_times_keep_every_rule(
    centre, consultant, citizen, rule, now, span, booked, absent, closing, duration
):
    today = now.date()
    with transaction.atomic():
        working_week(consultant)
        hours = {w.weekday: w for w in consultant.working_days.all()}
        topic = TopicFactory(job_centre=centre, consultants=[consultant], duration_minutes=duration)
        bookings = []
        for offset, quarter, minutes in booked:
            start = datetime.combine(today + timedelta(days=offset), time(), tzinfo=CPH)
            start += timedelta(minutes=quarter * 15)
            until = start + timedelta(minutes=minutes + rule.buffer_minutes)
            if any(_overlaps(start, until, b.start, b.blocked_until) for b in bookings):
                continue  # the database refuses overlapping bookings (PostgreSQL's exclusion)
            bookings.append(
                BookingFactory(
                    citizen=citizen,
                    topic=topic,
                    consultant=consultant,
                    start=start,
                    end=start + timedelta(minutes=minutes),
                    blocked_until=until,
                    status=Status.BOOKED,
                    idempotency_key=None,
                )
            )
        away = set()
        for offset, length in absent:
            first = today + timedelta(days=offset)
            Absence.objects.create(
                consultant=consultant, first_day=first, last_day=first + timedelta(days=length)
            )
            away.update(dates(first, first + timedelta(days=length)))
        closed = {today + timedelta(days=offset) for offset in closing}
        for day in closed:
            ClosingDay.objects.create(job_centre=centre, date=day, name="Lukket")

        slots = free_slots(
            topic=topic,
            target_group=citizen.target_group,
            date_from=today,
            date_to=today + timedelta(days=span),
            now=now,
            rule=rule,
        )
        transaction.set_rollback(True)
    note(f"{len(slots)} free times, {len(bookings)} bookings")
    event("some free times" if slots else "no free times")

    earliest, last_day = rule.bookable_range(now)
    starts = [s.start for s in slots]
    assert starts == sorted(set(starts))
    for slot in slots:
        local_start, local_end = slot.start.astimezone(CPH), slot.end.astimezone(CPH)
        day = local_start.date()
        assert slot.consultant_ids == [consultant.pk]
        # Notice, how far ahead and the range asked for.
        assert slot.start >= earliest
        assert today <= day <= min(last_day, today + timedelta(days=span))
        # Only working days the consultant is there and the centre is open.
        assert is_working_day(day, closed) and day not in away
        # Inside the working hours, clear of the break, on the grid from the day's start.
        wd = hours[day.weekday()]
        assert slot.end - slot.start == timedelta(minutes=duration)
        assert wd.start <= local_start.time() and local_end.time() <= wd.end
        assert not _overlaps(local_start.time(), local_end.time(), wd.break_start, wd.break_end)
        since_open = datetime.combine(day, local_start.time()) - datetime.combine(day, wd.start)
        assert since_open % timedelta(minutes=rule.grid_minutes) == timedelta(0)
        # Never over an existing booking, nor inside its buffer, nor leaving too little buffer.
        for b in bookings:
            assert not _overlaps(slot.start, slot.end + rule.buffer, b.start, b.blocked_until), (
                slot,
                b.start,
                b.blocked_until,
            )


@pytest.mark.django_db
@WITH_DB
@given(
    today=days,
    later=st.integers(0, 30),
    closing=st.lists(st.integers(0, 40), max_size=4),
    absent=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10)), max_size=2),
)
def test_a_deadline_is_the_first_working_day_at_least_min_days_out(
    centre, citizen, today, later, closing, absent
):
    with transaction.atomic():
        closed = {today + timedelta(days=n) for n in closing}
        for day in closed:
            ClosingDay.objects.create(job_centre=centre, date=day, name="Lukket")
        for offset, length in absent:
            first = today + timedelta(days=offset)
            CitizenAbsence.objects.create(
                citizen=citizen, first_day=first, last_day=first + timedelta(days=length)
            )
            closed.update(dates(first, first + timedelta(days=length)))
        deadline = earliest_deadline(citizen, today)
        deadline_later = earliest_deadline(citizen, today + timedelta(days=later))
        transaction.set_rollback(True)

    assert deadline >= today + timedelta(days=MIN_DAYS)
    assert deadline.weekday() < 5
    assert deadline not in danish_holidays(deadline.year)
    assert deadline not in closed
    # The first such day: every day from MIN_DAYS out until the deadline was off.
    assert not any(
        is_working_day(d, closed)
        for d in dates(today + timedelta(days=MIN_DAYS), deadline - timedelta(days=1))
    )
    # Asking later never gives an earlier deadline.
    assert deadline_later >= deadline
