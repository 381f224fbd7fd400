from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import StaffFactory
from booking.availability import free_slots, rule_for
from booking.models import Absence, BookingRule, ClosingDay, MeetingMode, Status
from booking.tests.conftest import NOW, local
from booking.tests.factories import BookingFactory, RoomFactory, TopicFactory, working_week
from citizens.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def starts(slots):
    return [s.start for s in slots]


def test_a_working_day_on_the_grid_with_lunch_break_and_notice(topic, citizen):
    slots = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=date(2026, 11, 23),
        date_to=date(2026, 11, 23),
        now=NOW,
    )
    times = [s.start.timetz().replace(tzinfo=None) for s in slots]
    # 09-15 with a 45-minute topic on a 30-minute grid; 10.00 is the first with 2 hours' notice;
    # nothing overlaps the 12.00-12.30 break.
    assert times == [
        time(10),
        time(10, 30),
        time(11),
        time(12, 30),
        time(13),
        time(13, 30),
        time(14),
    ]
    assert all(s.consultant_ids == [topic.consultants.get().pk] for s in slots)


def test_weekends_holidays_closing_days_and_absence_have_no_times(topic, citizen, consultant):
    ClosingDay.objects.create(job_centre=topic.job_centre, date=date(2026, 12, 2), name="Kursus")
    Absence.objects.create(
        consultant=consultant, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    slots = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=date(2026, 11, 28),
        date_to=date(2026, 12, 26),
        now=NOW,
    )
    days = {s.start.date() for s in slots}
    assert date(2026, 11, 28) not in days  # Saturday
    assert date(2026, 12, 2) not in days  # closing day
    assert date(2026, 12, 3) not in days and date(2026, 12, 4) not in days  # absent
    assert date(2026, 12, 25) not in days  # Juledag
    assert date(2026, 12, 1) in days


def test_bookings_and_the_buffer_block_times(topic, citizen, consultant):
    BookingFactory(
        citizen=citizen, consultant=consultant, topic=topic, start=local(2026, 11, 24, 10, 0)
    )
    slots = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=date(2026, 11, 24),
        date_to=date(2026, 11, 24),
        now=NOW,
    )
    times = [s.start.time() for s in slots]
    # The booking holds 10.00-10.45 plus a 15-minute buffer: 9.30 would run into it (9.30-10.15
    # + buffer), 10.30 starts inside it; 11.00 is free.
    assert time(9, 0) in times
    assert time(9, 30) not in times and time(10, 0) not in times and time(10, 30) not in times
    assert time(11, 0) in times


def test_cancelled_bookings_free_the_time(topic, citizen, consultant):
    BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=topic,
        start=local(2026, 11, 24, 10, 0),
        status=Status.CANCELLED_BY_CITIZEN,
    )
    slots = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=date(2026, 11, 24),
        date_to=date(2026, 11, 24),
        now=NOW,
    )
    assert local(2026, 11, 24, 10, 0) in starts(slots)


def test_rules_per_group_override_the_centre_rule_and_the_defaults(centre, citizen):
    assert rule_for(centre.pk, "jobparat").max_days_ahead == 42
    BookingRule.objects.create(job_centre=centre, target_group="", max_days_ahead=20)
    BookingRule.objects.create(job_centre=centre, target_group="jobparat", max_days_ahead=10)
    assert rule_for(centre.pk, "jobparat").max_days_ahead == 10
    assert rule_for(centre.pk, "aktivitetsparat").max_days_ahead == 20


def test_how_far_ahead_and_topic_groups(topic, citizen):
    BookingRule.objects.create(job_centre=topic.job_centre, max_days_ahead=7)
    slots = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=date(2026, 11, 23),
        date_to=date(2027, 1, 31),
        now=NOW,
    )
    assert max(s.start.date() for s in slots) <= date(2026, 11, 30)
    topic.target_groups = ["aktivitetsparat"]
    topic.save()
    assert (
        free_slots(
            topic=topic,
            target_group="jobparat",
            date_from=date(2026, 11, 24),
            date_to=date(2026, 11, 24),
            now=NOW,
        )
        == []
    )


def test_in_person_only_topic_needs_a_free_room(centre, consultant, citizen):
    working_week(consultant)
    other = StaffFactory(job_centre=centre, username="jc2")
    working_week(other)
    topic = TopicFactory(
        job_centre=centre, modes=[MeetingMode.IN_PERSON], consultants=[consultant, other]
    )
    room = RoomFactory(job_centre=centre)
    BookingFactory(
        citizen=citizen,
        consultant=other,
        topic=topic,
        mode=MeetingMode.IN_PERSON,
        room=room,
        start=local(2026, 11, 24, 10, 0),
    )
    with CaptureQueriesContext(connection) as one_room:
        slots = free_slots(
            topic=topic,
            target_group=citizen.target_group,
            date_from=date(2026, 11, 24),
            date_to=date(2026, 11, 24),
            now=NOW,
        )
    # The consultant is free at 10.00, but the only room is not.
    assert local(2026, 11, 24, 10, 0) not in starts(slots)
    assert local(2026, 11, 24, 11, 0) in starts(slots)
    # A second room, free all week, makes every time possible, read in as many queries.
    RoomFactory(job_centre=centre)
    with CaptureQueriesContext(connection) as second_room:
        slots = free_slots(
            topic=topic,
            target_group=citizen.target_group,
            date_from=date(2026, 11, 24),
            date_to=date(2026, 11, 24),
            now=NOW,
        )
    assert local(2026, 11, 24, 10, 0) in starts(slots)
    assert all(slot.room_free for slot in slots)
    assert len(second_room) == len(one_room)


@pytest.mark.parametrize("day", [date(2026, 3, 30), date(2026, 10, 26)])
def test_times_are_local_across_daylight_saving_changes(centre, consultant, citizen, day):
    """The Monday after each change: 09.00 local is 07.00 or 08.00 UTC."""
    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    now = local(day.year, day.month, day.day, 0, 0) - timedelta(days=1)
    slots = free_slots(
        topic=topic, target_group=citizen.target_group, date_from=day, date_to=day, now=now
    )
    first = slots[0].start
    assert first.hour == 9 and first.utcoffset() == timedelta(hours=2 if day.month == 3 else 1)


def test_query_count_does_not_grow_with_bookings(centre, citizen):
    consultants = [StaffFactory(job_centre=centre, username=f"k{i}") for i in range(14)]
    for c in consultants:
        working_week(c)
    topic = TopicFactory(job_centre=centre, consultants=consultants)
    RoomFactory(job_centre=centre)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            free_slots(
                topic=topic,
                target_group=citizen.target_group,
                date_from=date(2026, 11, 23),
                date_to=date(2026, 12, 20),
                now=NOW,
            )
        return len(ctx.captured_queries)

    before = count()
    for c in consultants:
        booker = CitizenFactory(job_centre=centre)  # a citizen is in one conversation at a time
        for day in range(24, 28):
            for hour in (9, 13):
                BookingFactory(
                    citizen=booker, consultant=c, topic=topic, start=local(2026, 11, day, hour)
                )
    assert count() == before


def test_any_consultant_means_the_own_consultant_s_team_else_everyone(
    topic, citizen, consultant, centre, teams
):
    from centres.tests.factories import TeamFactory

    north, colleague, other = teams
    day = date(2026, 11, 23)

    def offered(own_consultant_id):
        slots = free_slots(
            topic=topic,
            target_group=citizen.target_group,
            date_from=day,
            date_to=day,
            own_consultant_id=own_consultant_id,
            now=NOW,
        )
        return set().union(*(s.consultant_ids for s in slots))

    team, everyone = {consultant.pk, colleague.pk}, {consultant.pk, colleague.pk, other.pk}
    assert offered(consultant.pk) == team
    # The own consultant need not offer the topic: the team's members who do are offered.
    assert offered(StaffFactory(job_centre=centre, team=north).pk) == team
    # No consultant, one without a team, or a team where no one offers the topic: everyone.
    assert offered(None) == everyone
    assert offered(StaffFactory(job_centre=centre, team=None).pk) == everyone
    lone = StaffFactory(job_centre=centre, team=TeamFactory(job_centre=centre))
    assert offered(lone.pk) == everyone
    with CaptureQueriesContext(connection) as with_team:
        offered(consultant.pk)
    with CaptureQueriesContext(connection) as without:
        offered(None)
    assert len(with_team) == len(without)
