"""The booking demo data (booking/demo/, run by seed_demo) has the shape the demo needs."""

from collections import defaultdict
from datetime import timedelta
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from booking.availability import free_slots
from booking.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingDeadline,
    BookingRule,
    ClosingDay,
    DeadlineStatus,
    Origin,
    Room,
    Status,
    Topic,
    WorkingDay,
)
from centres.models import JobCentre
from citizens.models import BenefitType, Citizen, TargetGroup

pytestmark = pytest.mark.django_db

TOPICS = {"Min jobsøgning", "Brancheskift", "Uddannelse og kurser", "Mit CV", "Job i en anden by"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_every_centre_offers_topics_rooms_closing_days_and_a_rule(demo):
    for centre in JobCentre.objects.all():
        topics = Topic.objects.filter(job_centre=centre)
        assert set(topics.values_list("name", flat=True)) == TOPICS, centre
        consultants = User.objects.filter(job_centre=centre, role=Role.JOB_CONSULTANT)
        for topic in topics.exclude(name="Uddannelse og kurser"):
            assert set(topic.consultants.all()) == set(consultants), topic
        assert 0 < topics.get(name="Uddannelse og kurser").consultants.count() < len(consultants)
        assert all(15 <= t.duration_minutes <= 60 and t.modes for t in topics)
        assert Room.objects.filter(job_centre=centre).count() == 3
        assert BookingRule.objects.filter(job_centre=centre, target_group="").exists()
        closing = ClosingDay.objects.filter(job_centre=centre, date__year=timezone.localdate().year)
        assert {(d.month, d.day) for d in closing.values_list("date", flat=True)} == {
            (6, 5),
            (12, 24),
            (12, 31),
        }


def test_every_job_consultant_and_team_leader_works_monday_to_friday(demo):
    staff = User.objects.filter(role__in=(Role.JOB_CONSULTANT, Role.TEAM_LEADER))
    assert staff.count() == 17
    for person in staff:
        weekdays = list(
            WorkingDay.objects.filter(consultant=person).values_list("weekday", flat=True)
        )
        assert sorted(weekdays) == [0, 1, 2, 3, 4], person.username


def test_self_booking_takes_hold_over_the_year(demo):
    """Most conversations are self-booked, and for dagpenge recipients more so now than a year
    ago (the leaders' trend); kontanthjælp recipients are summoned more often."""
    bookings = Booking.objects.all()
    share = bookings.filter(origin=Origin.SELF_BOOKED).count() / bookings.count()
    assert 0.70 <= share <= 0.92

    def self_booked(qs):
        return qs.filter(origin=Origin.SELF_BOOKED).count() / qs.count()

    now = timezone.now()
    dagpenge = bookings.filter(citizen__benefit_type=BenefitType.DAGPENGE)
    recent = dagpenge.filter(start__gte=now - timedelta(days=90))
    early = dagpenge.filter(start__lt=now - timedelta(days=240))
    assert self_booked(recent) > self_booked(early) + 0.05
    assert not bookings.filter(origin=Origin.SUMMONED, facilitated_by__isnull=False).exists()
    assert bookings.filter(origin=Origin.SELF_BOOKED, facilitated_by__isnull=False).exists()


def test_the_past_has_outcomes_and_the_future_is_booked(demo):
    now = timezone.now()
    past = Booking.objects.filter(start__lt=now - timedelta(hours=1))
    assert not past.filter(status=Status.BOOKED).exists()
    assert not Booking.objects.filter(start__gt=now, status__in=(Status.HELD, Status.NO_SHOW))
    no_show_share = past.filter(status=Status.NO_SHOW).count() / past.count()
    assert 0.03 <= no_show_share <= 0.11
    for status in (Status.HELD, Status.CANCELLED_BY_CITIZEN, Status.CANCELLED_BY_CENTRE):
        assert past.filter(status=status).exists(), status
    assert Booking.objects.filter(status=Status.BOOKED, start__gt=now).exists()
    assert Booking.objects.filter(start__gte=now - timedelta(days=330)).exists()


def test_no_consultant_or_room_holds_two_overlapping_bookings(demo):
    active = Booking.objects.filter(status__in=ACTIVE_STATUSES).order_by("start")
    by_consultant, by_room = defaultdict(list), defaultdict(list)
    for b in active:
        by_consultant[b.consultant_id].append(b)
        if b.room_id:
            by_room[b.room_id].append(b)
    for intervals in [*by_consultant.values(), *by_room.values()]:
        for earlier, later in pairwise(intervals):
            assert earlier.blocked_until <= later.start, (earlier.pk, later.pk)
    assert all(b.blocked_until == b.end + timedelta(minutes=15) for b in active)


def test_the_demo_citizen_has_past_and_coming_conversations_and_an_open_deadline(demo):
    borger = Citizen.objects.get(user__username="borger")
    now = timezone.now()
    # Beyond today: conversations/demo.py gives her one today that the consultant can run.
    tomorrow = now + timedelta(days=1)
    coming = Booking.objects.filter(citizen=borger, status=Status.BOOKED, start__gt=tomorrow)
    assert coming.count() == 1
    assert coming.get().start < now + timedelta(days=21)
    assert Booking.objects.filter(citizen=borger, status=Status.HELD).count() >= 2
    deadlines = BookingDeadline.objects.filter(citizen=borger)
    assert list(deadlines.values_list("status", flat=True)) == [DeadlineStatus.OPEN]


def test_deadlines_are_open_fulfilled_and_one_is_missed_for_konsulent(demo):
    deadlines = BookingDeadline.objects.all()
    assert deadlines.filter(status=DeadlineStatus.OPEN).count() >= 2
    fulfilled = deadlines.filter(status=DeadlineStatus.FULFILLED)
    assert fulfilled.exists() and not fulfilled.filter(fulfilled_by__isnull=True).exists()
    missed = deadlines.get(status=DeadlineStatus.MISSED)
    assert missed.citizen.responsible_consultant.username == "konsulent"
    assert missed.deadline < timezone.localdate()
    assert not Booking.objects.filter(
        citizen=missed.citizen,
        start__date__range=(missed.window_start, missed.window_end),
    ).exists()


def test_citizens_find_free_times_in_the_coming_weeks(demo):
    topic = Topic.objects.get(job_centre__name="Jobcenter Demo", name="Min jobsøgning")
    today = timezone.localdate()
    slots = free_slots(
        topic=topic,
        target_group=TargetGroup.JOB_READY,
        date_from=today,
        date_to=today + timedelta(days=21),
    )
    assert len({s.start.date() for s in slots}) >= 10
    assert len({c for s in slots for c in s.consultant_ids}) == 14
