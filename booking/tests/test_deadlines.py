"""Booking deadlines (frister) and the working-day calendar they are checked against: every
date of a deadline on a day the job centre works and the citizen is not away, at most one
open deadline per citizen, met at once by a booking already in the window, and refused for
citizens who are summoned or who cannot book more."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from booking import deadlines
from booking.calendar import WorkingCalendar
from booking.models import BookingDeadline, BookingRule, ClosingDay, DeadlineStatus, Status
from booking.tests.conftest import local
from booking.tests.factories import BookingFactory
from citizens.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

#: Sunday 13 December 2026, 23.30 in Copenhagen: the earliest deadline is Monday 21 December.
SUNDAY_NIGHT = local(2026, 12, 13, 23, 30)
TODAY = date(2026, 12, 13)
EARLIEST = date(2026, 12, 21)


@pytest.fixture(autouse=True)
def sunday_night():
    with time_machine.travel(SUNDAY_NIGHT, tick=False):
        yield


@pytest.fixture
def christmas(centre, citizen):
    """The centre is closed on Christmas Eve; the citizen is away 28-30 December."""
    ClosingDay.objects.create(job_centre=centre, date=date(2026, 12, 24), name="Juleaften")
    citizen.absences.create(
        first_day=date(2026, 12, 28), last_day=date(2026, 12, 30), reason="Ferie"
    )


def give(citizen, consultant, **kwargs) -> BookingDeadline:
    values = {
        "deadline": EARLIEST,
        "window_start": date(2026, 12, 14),
        "window_end": date(2027, 1, 8),
        **kwargs,
    }
    return deadlines.create(citizen=citizen, actor=consultant, **values)


def refusal(citizen, consultant, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        give(citizen, consultant, **kwargs)
    assert not BookingDeadline.objects.exists()
    return refused.value.message_dict


# --- The calendar ----------------------------------------------------------------------------


def test_the_calendar_reads_closing_days_and_absence_in_two_queries(
    citizen, christmas, django_assert_num_queries
):
    with django_assert_num_queries(2):
        calendar = WorkingCalendar.for_citizen(citizen, TODAY)
    with django_assert_num_queries(0):
        assert calendar.working_days(date(2026, 12, 21), date(2027, 1, 5)) == [
            date(2026, 12, 21),
            date(2026, 12, 22),
            date(2026, 12, 23),
            date(2026, 12, 31),
            date(2027, 1, 4),
            date(2027, 1, 5),
        ]
        assert calendar.next_working_day(date(2026, 12, 24)) == date(2026, 12, 31)
        assert calendar.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 31)
        assert calendar.add_working_days(date(2026, 12, 23), 2) == date(2027, 1, 4)
        assert calendar.reason(date(2026, 12, 22)) is None
        assert calendar.reason(date(2026, 12, 26)) == "Lørdag 26. december er en weekenddag."
        assert calendar.reason(date(2026, 12, 25)) == "25. december er en helligdag (Juledag)."
        assert calendar.reason(date(2026, 12, 24)) == (
            "Jobcentret holder lukket 24. december (Juleaften)."
        )
        assert calendar.reason(date(2026, 12, 29)) == (
            "Borgeren er registreret som fraværende 29. december (Ferie)."
        )


def test_the_centre_calendar_knows_no_citizen_s_absence(centre, citizen, christmas):
    calendar = WorkingCalendar.for_centre(centre.pk, TODAY)
    assert not calendar.is_working_day(date(2026, 12, 24))
    assert calendar.is_working_day(date(2026, 12, 29))


def test_the_calendar_refuses_to_answer_before_its_first_day(citizen):
    with pytest.raises(ValueError):
        WorkingCalendar.for_citizen(citizen, TODAY).is_working_day(TODAY - timedelta(days=1))


# --- Every date of a deadline is checked -----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            date(2026, 12, 25),
            "25. december er en helligdag (Juledag). Vælg en hverdag, hvor jobcentret har åbent.",
        ),
        (
            date(2027, 1, 1),
            "1. januar er en helligdag (Nytårsdag). Vælg en hverdag, hvor jobcentret har åbent.",
        ),
        (
            date(2027, 1, 2),
            "Lørdag 2. januar er en weekenddag. Vælg en hverdag, hvor jobcentret har åbent.",
        ),
        (
            date(2026, 12, 24),
            "Jobcentret holder lukket 24. december (Juleaften). "
            "Vælg en hverdag, hvor jobcentret har åbent.",
        ),
        (
            date(2026, 12, 29),
            "Borgeren er registreret som fraværende 29. december (Ferie). "
            "Vælg en dag, hvor borgeren ikke er væk.",
        ),
    ],
)
def test_a_deadline_on_a_day_off_is_refused_with_the_reason(
    citizen, consultant, christmas, day, message
):
    assert refusal(citizen, consultant, deadline=day)["deadline"] == [message]


def test_the_last_day_of_the_window_is_checked_too(citizen, consultant, christmas):
    errors = refusal(citizen, consultant, window_end=date(2027, 1, 1))
    assert errors["window_end"] == [
        "1. januar er en helligdag (Nytårsdag). Vælg en hverdag, hvor jobcentret har åbent."
    ]


def test_the_first_day_of_the_window_is_checked_too(citizen, consultant, christmas):
    errors = refusal(citizen, consultant, window_start=date(2026, 12, 19))
    assert "window_start" in errors


@pytest.mark.parametrize("day", [date(2026, 12, 10), date(2026, 12, 13), date(2026, 12, 18)])
def test_a_deadline_in_the_past_or_under_8_days_is_refused(citizen, consultant, day):
    errors = refusal(citizen, consultant, deadline=day)
    assert errors["deadline"] == [
        "Fristen skal ligge mindst 8 dage ude og på en hverdag, hvor borgeren ikke er væk: "
        "tidligst 21.12.2026."
    ]


def test_a_window_starting_in_the_past_is_refused(citizen, consultant):
    assert "window_start" in refusal(citizen, consultant, window_start=date(2026, 12, 11))


def test_the_earliest_deadline_skips_christmas_closing_days_and_absence(citizen, christmas):
    # Wednesday 16 December + 8 = Christmas Eve (closed), Christmas, the weekend, then absence.
    assert deadlines.earliest_deadline(citizen, date(2026, 12, 16)) == date(2026, 12, 31)


def test_a_citizen_exempt_from_self_booking_gets_no_deadline(centre, consultant):
    exempt = CitizenFactory(
        job_centre=centre, self_booking_exempt=True, self_booking_exemption_reason="language"
    )
    errors = refusal(exempt, consultant)
    assert errors["__all__"] == [
        "Borgeren er fritaget for selvbooking og kan ikke få en frist. "
        "Indkald borgeren til samtalen i stedet."
    ]


# --- One open deadline per citizen -----------------------------------------------------------


def test_a_second_deadline_replaces_the_open_one_and_the_citizen_is_told_once(citizen, consultant):
    first = give(citizen, consultant)
    second = give(citizen, consultant, deadline=date(2026, 12, 22))
    first.refresh_from_db()
    assert first.status == DeadlineStatus.REPLACED
    assert second.status == DeadlineStatus.OPEN and second.replaces == first
    assert list(BookingDeadline.objects.filter(status=DeadlineStatus.OPEN)) == [second]
    keys = set(citizen.user.notifications.values_list("key", flat=True))
    assert keys == {f"deadline:{first.pk}:given", f"deadline:{second.pk}:changed"}
    changed = citizen.user.notifications.filter(key__endswith="changed").first()
    assert "22. december 2026" in changed.body


def test_a_replaced_deadlines_letter_queued_for_the_night_never_goes_out(citizen, consultant):
    """Given at 23.30 and replaced at 23.40: the first letter waits for the morning, and at
    09.00 only the second goes out."""
    from notifications.models import Notification
    from notifications.services import deliver_due

    first = give(citizen, consultant)
    with time_machine.travel(local(2026, 12, 13, 23, 40), tick=False):
        second = give(citizen, consultant, deadline=date(2026, 12, 22))
    with time_machine.travel(local(2026, 12, 14, 9, 5), tick=False):
        deliver_due()
    sent = Notification.objects.filter(recipient=citizen.user, status="sent")
    assert {n.key.rsplit(":", 1)[0] for n in sent} == {f"deadline:{second.pk}"}
    letter = Notification.objects.filter(key__startswith=f"deadline:{first.pk}:")
    assert {n.status for n in letter} == {"withdrawn"}


def test_the_database_holds_one_open_deadline_per_citizen(citizen):
    values = {
        "citizen": citizen,
        "deadline": EARLIEST,
        "window_start": TODAY,
        "window_end": date(2027, 1, 8),
    }
    BookingDeadline.objects.create(**values)
    BookingDeadline.objects.create(**values, status=DeadlineStatus.MISSED)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingDeadline.objects.create(**values)
    other = CitizenFactory(job_centre=citizen.job_centre)
    BookingDeadline.objects.create(**{**values, "citizen": other})


def test_a_booking_meets_the_open_deadline_before_a_missed_one(citizen, consultant, topic):
    missed = BookingDeadline.objects.create(
        citizen=citizen,
        deadline=date(2026, 12, 11),
        window_start=date(2026, 12, 1),
        window_end=date(2027, 1, 8),
        status=DeadlineStatus.MISSED,
    )
    item = give(citizen, consultant)
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2026, 12, 17, 10, 0)
    )
    assert deadlines.fulfil(booking) == item
    item.refresh_from_db()
    missed.refresh_from_db()
    assert item.status == DeadlineStatus.FULFILLED and missed.status == DeadlineStatus.MISSED


# --- Bookings the citizen already holds ------------------------------------------------------


def test_a_booking_already_in_the_window_meets_the_deadline_at_once(citizen, consultant, topic):
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2026, 12, 17, 10, 0)
    )
    item = give(citizen, consultant)
    assert item.status == DeadlineStatus.FULFILLED and item.fulfilled_by == booking
    assert not citizen.user.notifications.exists()  # nothing to book: nothing to tell


def test_a_booking_outside_the_window_or_of_another_topic_does_not(
    citizen, consultant, topic, centre
):
    from booking.tests.factories import TopicFactory

    BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2027, 1, 12, 10, 0)
    )
    other = TopicFactory(job_centre=centre, consultants=[consultant])
    BookingFactory(
        citizen=citizen, consultant=consultant, topic=other, start=local(2026, 12, 17, 10, 0)
    )
    item = give(citizen, consultant, topic=topic)
    assert item.status == DeadlineStatus.OPEN


def test_a_citizen_at_the_maximum_of_coming_bookings_is_refused_a_deadline(
    citizen, consultant, topic, centre
):
    BookingRule.objects.create(job_centre=centre, max_open_bookings=1)
    BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2027, 1, 20, 10, 0)
    )
    errors = refusal(citizen, consultant)
    assert errors["__all__"] == [
        "Borgeren har allerede 1 kommende samtale, så mange som reglerne tillader, og kan ikke "
        "booke flere, før en er holdt eller aflyst. Giv fristen senere, eller aflys en samtale "
        "først."
    ]


def test_a_held_or_cancelled_booking_does_not_count_towards_the_maximum(
    citizen, consultant, topic, centre
):
    BookingRule.objects.create(job_centre=centre, max_open_bookings=1)
    BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=topic,
        start=local(2027, 1, 20, 10, 0),
        status=Status.CANCELLED_BY_CITIZEN,
    )
    assert give(citizen, consultant).status == DeadlineStatus.OPEN


def test_deadlines_by_rule_start_on_a_working_day_and_end_on_one(centre, citizen, christmas):
    BookingRule.objects.create(job_centre=centre, deadline_every_days=60, deadline_window_days=1)
    # Saturday 19 December: the deadline is 28 December + absence → 31 December.
    assert deadlines.apply_rules(today=date(2026, 12, 19)) == 1
    item = BookingDeadline.objects.get()
    assert item.window_start == date(2026, 12, 21)
    assert item.deadline == date(2026, 12, 31)
    assert item.window_end == date(2027, 1, 4)  # 4 January, not New Year's weekend


def test_a_cancelled_booking_reopens_its_deadline_only_where_no_newer_one_is_open(
    citizen, consultant, topic
):
    from booking.services import bookings as services

    first = give(citizen, consultant)
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2026, 12, 17, 10, 0)
    )
    deadlines.fulfil(booking)
    newer = give(citizen, consultant, deadline=date(2027, 1, 4), window_start=date(2026, 12, 18))
    assert newer.status == DeadlineStatus.OPEN  # the booking already meets the first one
    services.cancel_by_citizen(booking=booking, actor=citizen.user)
    first.refresh_from_db()
    newer.refresh_from_db()
    assert first.status == DeadlineStatus.REPLACED and newer.status == DeadlineStatus.OPEN


def test_fulfil_reads_the_candidates_in_one_query(
    citizen, consultant, topic, django_assert_num_queries
):
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2026, 12, 17, 10, 0)
    )
    with django_assert_num_queries(1):
        assert deadlines.fulfil(booking) is None


def test_without_an_open_deadline_the_earliest_missed_one_is_met(citizen, consultant, topic):
    later, earlier = (
        BookingDeadline.objects.create(
            citizen=citizen,
            deadline=deadline,
            window_start=date(2026, 12, 1),
            window_end=date(2027, 1, 8),
            status=DeadlineStatus.MISSED,
        )
        for deadline in (date(2026, 12, 14), date(2026, 12, 11))
    )
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2026, 12, 17, 10, 0)
    )
    assert deadlines.fulfil(booking) == earlier
    later.refresh_from_db()
    assert later.status == DeadlineStatus.MISSED
