"""Registering a citizen's absence: the citizen keeps their time to book."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from booking.models import BookingDeadline, CitizenAbsence, DeadlineStatus
from booking.services.staff import citizen_absence_register

pytestmark = pytest.mark.django_db

#: A Monday.
TODAY = date(2026, 11, 23)


def deadline(citizen, consultant, day: date, given: date = TODAY, **kwargs) -> BookingDeadline:
    item = BookingDeadline.objects.create(
        citizen=citizen,
        deadline=day,
        window_start=given,
        window_end=day + timedelta(days=14),
        created_by=consultant,
        **kwargs,
    )
    created = datetime(given.year, given.month, given.day, 10, tzinfo=ZoneInfo("Europe/Copenhagen"))
    BookingDeadline.objects.filter(pk=item.pk).update(created_at=created)
    item.refresh_from_db()
    return item


def register(citizen, first: date, last: date):
    return citizen_absence_register(
        citizen=citizen, first_day=first, last_day=last, reason="Ferie", today=TODAY
    )


def test_days_away_before_the_deadline_are_given_back(citizen, consultant):
    item = deadline(citizen, consultant, date(2026, 12, 2))  # Wednesday
    _absence, moved = register(citizen, date(2026, 11, 30), date(2026, 12, 1))
    item.refresh_from_db()
    assert moved == [item]
    assert item.deadline == date(2026, 12, 4)  # two days later, a Friday
    assert item.window_end == date(2026, 12, 18)


def test_a_deadline_inside_the_absence_moves_past_it_and_the_weekend(citizen, consultant):
    item = deadline(citizen, consultant, date(2026, 12, 3))  # Thursday
    register(citizen, date(2026, 12, 2), date(2026, 12, 9))
    item.refresh_from_db()
    assert item.deadline == date(2026, 12, 10)
    assert item.window_end >= item.deadline


def test_the_same_days_registered_twice_move_the_deadline_once(citizen, consultant):
    item = deadline(citizen, consultant, date(2026, 12, 2))
    register(citizen, date(2026, 11, 30), date(2026, 12, 1))
    _absence, moved = register(citizen, date(2026, 11, 30), date(2026, 12, 1))
    item.refresh_from_db()
    assert moved == [] and item.deadline == date(2026, 12, 4)
    assert CitizenAbsence.objects.count() == 2


def test_illness_registered_afterwards_reopens_a_missed_deadline(citizen, consultant):
    item = deadline(
        citizen,
        consultant,
        date(2026, 11, 20),
        given=date(2026, 11, 10),
        status=DeadlineStatus.MISSED,
    )
    register(citizen, date(2026, 11, 18), date(2026, 11, 21))
    item.refresh_from_db()
    assert item.deadline == date(2026, 11, 23)
    assert item.status == DeadlineStatus.OPEN


def test_absence_after_the_deadline_or_a_met_deadline_changes_nothing(citizen, consultant):
    early = deadline(citizen, consultant, date(2026, 12, 2))
    met = deadline(citizen, consultant, date(2026, 12, 9), status=DeadlineStatus.FULFILLED)
    _absence, moved = register(citizen, date(2026, 12, 3), date(2026, 12, 10))
    assert moved == []
    early.refresh_from_db()
    met.refresh_from_db()
    assert early.deadline == date(2026, 12, 2) and met.deadline == date(2026, 12, 9)


def test_an_absence_must_end_after_it_starts(citizen):
    with pytest.raises(ValidationError) as error:
        register(citizen, date(2026, 12, 3), date(2026, 12, 1))
    assert "last_day" in error.value.message_dict
    assert not CitizenAbsence.objects.exists()


def test_a_missed_deadline_reopened_by_absence_gives_way_to_a_newer_open_one(citizen, consultant):
    """The citizen holds one open deadline: the older one, no longer missed, is replaced."""
    missed = deadline(
        citizen,
        consultant,
        date(2026, 11, 20),
        given=date(2026, 11, 12),
        status=DeadlineStatus.MISSED,
    )
    newer = deadline(citizen, consultant, date(2026, 12, 4), given=date(2026, 11, 23))
    register(citizen, date(2026, 11, 16), date(2026, 11, 27))
    missed.refresh_from_db()
    newer.refresh_from_db()
    assert missed.status == DeadlineStatus.REPLACED
    assert newer.status == DeadlineStatus.OPEN
    assert BookingDeadline.objects.filter(status=DeadlineStatus.OPEN).count() == 1


def test_a_moved_window_ends_on_a_working_day(citizen, consultant, centre):
    from booking.models import ClosingDay

    ClosingDay.objects.create(job_centre=centre, date=date(2026, 12, 18), name="Julefrokost")
    item = deadline(citizen, consultant, date(2026, 12, 2))
    register(citizen, date(2026, 11, 30), date(2026, 12, 1))
    item.refresh_from_db()
    assert item.deadline == date(2026, 12, 4)
    assert item.window_end == date(2026, 12, 21)  # not the closing day, nor the weekend
