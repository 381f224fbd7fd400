"""kpis.compute against figures counted by hand.

One job centre with two teams: A (job consultants a1, a2 and team leader tl, who holds
conversations) and B (job consultant b1), plus n1, a job consultant in no team. Citizens c1-c4
are a1's, c5 a2's, c6 b1's, c7 nobody's and c8 n1's (registered in November). Today is
Wednesday 25 November 2026; the periods are October and November (counted up to today), and
the weeks of 16 and 23 November. Every figure below is counted in the comments."""

import io
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import (
    Booking,
    BookingDeadline,
    DeadlineStatus,
    MeetingMode,
    Origin,
    Status,
)
from booking.tests.factories import BookingFactory, TopicFactory
from centres.models import JobCentre
from centres.tests.factories import JobCentreFactory, TeamFactory
from citizens.tests.factories import CitizenFactory
from courses.models import Outcome
from courses.models import Status as CourseStatus
from courses.tests.factories import CourseFactory
from evaluations.tests.factories import EvaluationFactory
from joblog.models import ActivityType, EntryStatus
from joblog.tests.factories import EntryFactory
from kpis import compute
from kpis.compute import FORMULAS, compute_centre, consultants_in_scope
from kpis.definitions import BY_KEY, KPIS, value_of
from kpis.models import Level, PeriodKind, Snapshot
from learning.models import ConsentMethod, MeetingStatus, ObservationStatus
from learning.tests.factories import (
    LearningMeetingFactory,
    LogbookEntryFactory,
    ObservationFactory,
)
from suggestions.models import SuggestionBatch

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 11, 25)
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)
WEEK_16, WEEK_23 = date(2026, 11, 16), date(2026, 11, 23)
COUNT = {PeriodKind.WEEK: 2, PeriodKind.MONTH: 2}


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CPH)


class World:
    def __init__(self):
        self.centre = JobCentreFactory(name="Jobcenter Hånd")
        self.team_a = TeamFactory(job_centre=self.centre, name="A")
        self.team_b = TeamFactory(job_centre=self.centre, name="B")
        staff = dict(job_centre=self.centre)
        self.a1 = StaffFactory(username="a1", team=self.team_a, **staff)
        self.a2 = StaffFactory(username="a2", team=self.team_a, **staff)
        self.b1 = StaffFactory(username="b1", team=self.team_b, **staff)
        self.n1 = StaffFactory(username="n1", **staff)
        self.tl = StaffFactory(username="tl", role=Role.TEAM_LEADER, team=self.team_a, **staff)
        # Not in scope: a team leader who holds no conversations, a business consultant, a
        # manager, a consultant who has left.
        self.tl2 = StaffFactory(username="tl2", role=Role.TEAM_LEADER, team=self.team_b, **staff)
        StaffFactory(username="bc", role=Role.BUSINESS_CONSULTANT, team=self.team_b, **staff)
        StaffFactory(username="boss", role=Role.MANAGER, **staff)
        StaffFactory(username="gone", is_active=False, **staff)
        self.topic = TopicFactory(job_centre=self.centre)
        owner = {1: self.a1, 2: self.a1, 3: self.a1, 4: self.a1, 5: self.a2, 6: self.b1}
        self.c = {
            n: CitizenFactory(job_centre=self.centre, responsible_consultant=owner.get(n))
            for n in range(1, 8)
        }
        self.c[8] = CitizenFactory(
            job_centre=self.centre, responsible_consultant=self.n1, registered_on=date(2026, 11, 10)
        )

    def booking(self, consultant, n, start, status=Status.HELD, origin=Origin.SELF_BOOKED, **kw):
        return BookingFactory(
            citizen=self.c[n],
            consultant=consultant,
            topic=self.topic,
            start=start,
            status=status,
            origin=origin,
            mode=MeetingMode.PHONE,
            **kw,
        )


@pytest.fixture
def world():
    w = World()
    # --- October's conversations -------------------------------------------------------
    # a1: c1, c2, c3 self-booked and held, c4 summoned and held (c2's at 23.30 on 31 October,
    # still October on the Danish clock although 22.30 UTC), one cancelled (ignored).
    w.a1_held = w.booking(w.a1, 1, at(10, 5))
    w.booking(w.a1, 2, at(10, 31, 23, 30))
    w.booking(w.a1, 3, at(10, 7))
    w.booking(w.a1, 4, at(10, 8), origin=Origin.SUMMONED)
    w.booking(w.a1, 1, at(10, 9), status=Status.CANCELLED_BY_CITIZEN)
    # a2: c1 self-booked with a2 at the screen (facilitated) and held, c5 self-booked no-show.
    w.booking(w.a2, 1, at(10, 12), facilitated_by=w.a2)
    w.booking(w.a2, 5, at(10, 13), status=Status.NO_SHOW)
    # b1: c6 summoned twice, one no-show and one held.
    w.booking(w.b1, 6, at(10, 14), status=Status.NO_SHOW, origin=Origin.SUMMONED)
    w.b1_held = w.booking(w.b1, 6, at(10, 15), origin=Origin.SUMMONED)
    # --- November (00.30 on 1 November is November, though 23.30 UTC on 31 October) -------
    w.booking(w.b1, 6, at(11, 1, 0, 30))
    w.booking(w.tl, 7, at(11, 24))  # the team leader holds a conversation: in scope
    w.booking(w.a1, 1, at(11, 27), status=Status.BOOKED)  # coming: not counted

    # --- Booking deadlines missed in October: c1 twice, c5 once, c7 (nobody's) once ----------
    def deadline(n, day, status=DeadlineStatus.MISSED):
        BookingDeadline.objects.create(
            citizen=w.c[n],
            deadline=day,
            window_start=day,
            window_end=day + timedelta(days=14),
            status=status,
        )

    deadline(1, date(2026, 10, 10))
    deadline(1, date(2026, 10, 20))
    deadline(5, date(2026, 10, 15))
    deadline(7, date(2026, 10, 5))
    deadline(6, date(2026, 10, 12), DeadlineStatus.OPEN)

    # --- Joblog ------------------------------------------------------------------------------
    EntryFactory(citizen=w.c[1], date=date(2026, 10, 20))  # search, 14 and 30 days
    EntryFactory(citizen=w.c[1], date=date(2026, 10, 21), activity=ActivityType.RECRUITER)
    EntryFactory(citizen=w.c[2], date=date(2026, 10, 10), activity=ActivityType.UNSOLICITED)
    EntryFactory(citizen=w.c[3], date=date(2026, 9, 30))  # too early for October's windows
    EntryFactory(citizen=w.c[5], date=date(2026, 10, 31), status=EntryStatus.PLANNED)
    EntryFactory(citizen=w.c[6], date=date(2026, 10, 18), activity=ActivityType.INTERVIEW)
    EntryFactory(citizen=w.c[8], date=date(2026, 11, 24))

    # --- Job suggestions (due on the Monday a week after the week starts) -------------------
    def batch(n, due, checked=None):
        SuggestionBatch.objects.create(
            citizen=w.c[n], week_start=due - timedelta(days=7), due_on=due, checked_at=checked
        )

    batch(1, date(2026, 10, 12), at(10, 12, 23, 30))  # on time (22.30 UTC)
    batch(1, date(2026, 10, 19), at(10, 20, 0, 30))  # late: 20 October in Denmark
    batch(5, date(2026, 10, 19))  # never checked
    batch(6, date(2026, 10, 26), at(10, 25))  # on time
    batch(8, date(2026, 11, 24), at(11, 24))  # on time
    batch(8, date(2026, 11, 25))  # due today: can still be checked, not counted yet

    # --- Satisfaction in October: team A 9, 8, 5; team B 10; no team 3 -----------------------
    for team, score in [(w.team_a, 9), (w.team_a, 8), (w.team_a, 5), (w.team_b, 10), (None, 3)]:
        EvaluationFactory(
            job_centre=w.centre, team=team, answered_on=date(2026, 10, 20), score=score
        )

    # --- Action learning in October --------------------------------------------------------
    LogbookEntryFactory(consultant=w.a1, date=date(2026, 10, 5))
    LogbookEntryFactory(consultant=w.a1, date=date(2026, 10, 6), shared=False)
    LogbookEntryFactory(consultant=w.b1, date=date(2026, 10, 7))
    feedback = dict(
        status=ObservationStatus.FEEDBACK_GIVEN,
        consent_at=at(10, 1),
        consent_method=ConsentMethod.ORAL,
        went_well="Kontrakten",
        try_next="Mere tavshed",
    )
    ObservationFactory(booking=w.a1_held, observer=w.tl, feedback_at=at(10, 15), **feedback)
    ObservationFactory(booking=w.b1_held, observer=w.a2, feedback_at=at(10, 20), **feedback)
    ObservationFactory(booking=w.b1_held, observer=w.a1)  # requested only: no feedback
    LearningMeetingFactory(
        team=w.team_a,
        facilitator=w.tl,
        starts_at=at(10, 22, 9),
        status=MeetingStatus.ENDED,
        ended_at=at(10, 22, 11),
    )
    LearningMeetingFactory(team=w.team_a, facilitator=w.tl, starts_at=at(10, 29, 9))
    LearningMeetingFactory(
        team=w.team_b, facilitator=w.tl2, starts_at=at(10, 23, 9), status=MeetingStatus.CANCELLED
    )

    # --- Company-oriented courses ------------------------------------------------------------
    def course(n, consultant, started, **kw):
        return CourseFactory(
            citizen=w.c[n],
            consultant=consultant,
            starts_on=started,
            ends_on=started + timedelta(days=60),
            started_on=started,
            status=kw.pop("status", CourseStatus.RUNNING),
            **kw,
        )

    course(1, w.a1, date(2026, 10, 8))
    course(1, w.a2, date(2026, 10, 20))  # c1 again, with another consultant
    course(
        6,
        w.b1,
        date(2026, 10, 1),
        status=CourseStatus.ENDED,
        ended_on=date(2026, 10, 30),
        outcome=Outcome.JOB_AT_COMPANY,
    )
    course(
        2,
        w.a1,
        date(2026, 9, 1),
        status=CourseStatus.ENDED,
        ended_on=date(2026, 10, 29),
        outcome=Outcome.NO_JOB,
    )
    w.written = compute_centre(job_centre=w.centre, today=TODAY, count=COUNT)
    return w


def snap(world, kpi, level=Level.CENTRE, scope=None, start=OCTOBER, kind=PeriodKind.MONTH):
    filters = dict(job_centre=world.centre, kpi=kpi, level=level, period_kind=kind)
    if level == Level.TEAM:
        filters["team"] = scope
    elif level == Level.CONSULTANT:
        filters["consultant"] = scope
    return Snapshot.objects.get(period_start=start, **filters)


def figures(s):
    return (s.numerator, s.denominator, None if s.value is None else round(s.value, 2), s.base)


def test_every_kpi_has_a_formula():
    assert set(FORMULAS) == set(BY_KEY)


def test_the_scopes_are_the_teams_the_job_consultants_and_team_leaders_who_hold_conversations(
    world,
):
    assert set(consultants_in_scope(world.centre)) == {
        world.a1.pk,
        world.a2.pk,
        world.b1.pk,
        world.n1.pk,
        world.tl.pk,
    }
    rows = Snapshot.objects.filter(job_centre=world.centre)
    per_period = {Level.CENTRE: len(KPIS), Level.TEAM: 2 * len(KPIS)}
    per_period[Level.CONSULTANT] = 5 * sum(Level.CONSULTANT in k.levels for k in KPIS)
    for level, expected in per_period.items():
        assert rows.filter(level=level).count() == expected * 4  # 2 weeks + 2 months
    assert world.written == rows.count()
    assert not rows.filter(consultant=world.tl2).exists()


def test_self_booking_share_at_each_level(world):
    # a1: 3 self-booked of 4 held (the cancelled one ignored).
    assert figures(snap(world, "self_booking_share", Level.CONSULTANT, world.a1)) == (
        3,
        4,
        75.0,
        4,
    )
    # Team A: a1's 3 + a2's 2 self-booked of 6; c1 met both consultants: 5 citizens, not 6.
    assert figures(snap(world, "self_booking_share", Level.TEAM, world.team_a)) == (
        5,
        6,
        83.33,
        5,
    )
    # The centre: 5 of 8 (b1's two summonses), 6 citizens.
    assert figures(snap(world, "self_booking_share")) == (5, 8, 62.5, 6)
    assert snap(world, "self_booking_share", Level.TEAM, world.team_b).value == 0.0
    # November: b1's conversation at 00.30 on 1 November and tl's; n1 has none.
    assert figures(snap(world, "self_booking_share", start=NOVEMBER)) == (2, 2, 100.0, 2)
    assert snap(world, "self_booking_share", Level.CONSULTANT, world.n1).value is None


def test_facilitated_share_no_show_rate_and_conversations_per_week(world):
    assert figures(snap(world, "facilitated_share", Level.CONSULTANT, world.a2)) == (1, 2, 50.0, 2)
    assert figures(snap(world, "facilitated_share", Level.TEAM, world.team_a)) == (1, 5, 20.0, 4)
    assert snap(world, "facilitated_share", Level.CONSULTANT, world.a1).value == 0.0
    # b1 has no self-bookings: nothing to divide by.
    assert snap(world, "facilitated_share", Level.CONSULTANT, world.b1).value is None
    assert figures(snap(world, "no_show_rate")) == (2, 8, 25.0, 6)
    assert figures(snap(world, "no_show_rate", Level.CONSULTANT, world.b1)) == (1, 2, 50.0, 1)
    # Held in October: a1 4, a2 1, b1 1; 3 consultants held any; October is 31/7 weeks.
    weeks = 31 / 7
    centre = snap(world, "conversations_per_week")
    assert (centre.numerator, centre.denominator, centre.base) == (6, pytest.approx(3 * weeks), 5)
    assert centre.value == pytest.approx(6 / (3 * weeks))
    team_a = snap(world, "conversations_per_week", Level.TEAM, world.team_a)
    assert team_a.value == pytest.approx(5 / (2 * weeks))
    a1 = snap(world, "conversations_per_week", Level.CONSULTANT, world.a1)
    assert a1.value == pytest.approx(4 / weeks) and a1.base == 4
    # n1 held none: 0 a week; the current month counts the 25 days up to today.
    assert snap(world, "conversations_per_week", Level.CONSULTANT, world.n1).value == 0
    tl = snap(world, "conversations_per_week", Level.CONSULTANT, world.tl, start=NOVEMBER)
    assert tl.value == pytest.approx(1 / (25 / 7))


def test_booking_deadlines_missed_by_the_responsible_consultant(world):
    # 4 missed (c1 twice, c5, c7 who has no consultant); c6's open one is not missed.
    assert figures(snap(world, "deadlines_missed")) == (4, 0, 4, 3)
    assert figures(snap(world, "deadlines_missed", Level.TEAM, world.team_a)) == (3, 0, 3, 2)
    assert figures(snap(world, "deadlines_missed", Level.CONSULTANT, world.a1)) == (2, 0, 2, 1)
    assert snap(world, "deadlines_missed", Level.TEAM, world.team_b).value == 0


def test_joblog_use_in_the_14_and_30_days_up_to_the_period_end(world):
    # October: c1-c7 registered (c8 only in November). In 18-31 October: c1, c5 (a planned
    # entry is an entry), c6; in 2-31 October also c2. c3's entry of 30 September is too old.
    assert figures(snap(world, "joblog_active_14")) == (3, 7, 42.86, 7)
    assert figures(snap(world, "joblog_active_30")) == (4, 7, 57.14, 7)
    assert figures(snap(world, "joblog_active_14", Level.TEAM, world.team_a)) == (2, 5, 40.0, 5)
    assert figures(snap(world, "joblog_active_30", Level.CONSULTANT, world.a1)) == (2, 4, 50.0, 4)
    # November, counted up to today: c8's entry of 24 November; in 30 days also c5's.
    assert figures(snap(world, "joblog_active_14", start=NOVEMBER)) == (1, 8, 12.5, 8)
    assert figures(snap(world, "joblog_active_30", start=NOVEMBER)) == (2, 8, 25.0, 8)
    week = snap(world, "joblog_active_14", start=WEEK_23, kind=PeriodKind.WEEK)
    assert (week.period_end, figures(week)) == (date(2026, 11, 29), (1, 8, 12.5, 8))


def test_searches_per_citizen_per_week(world):
    # October: c1's application and CV to a recruiter, c2's unsolicited application (c5's
    # planned one and c6's interview are not searches): 3 / (7 citizens x 31/7 weeks).
    october = snap(world, "searches_per_week")
    assert (october.numerator, october.base) == (3, 7)
    assert october.denominator == pytest.approx(31)
    assert october.value == pytest.approx(3 / 31)
    a1 = snap(world, "searches_per_week", Level.CONSULTANT, world.a1)
    assert a1.value == pytest.approx(3 / (4 * 31 / 7))
    # This week so far (Monday-Wednesday): c8's one search among 8 citizens in 3/7 week.
    week = snap(world, "searches_per_week", start=WEEK_23, kind=PeriodKind.WEEK)
    assert week.value == pytest.approx(1 / (8 * 3 / 7))


def test_job_suggestions_checked_on_time(world):
    # October: c1 on time (23.30 on the due day) and late (00.30 the day after), c5 never,
    # c6 on time: 2 of 4, 3 citizens.
    assert figures(snap(world, "suggestions_on_time")) == (2, 4, 50.0, 3)
    assert figures(snap(world, "suggestions_on_time", Level.TEAM, world.team_a)) == (
        1,
        3,
        33.33,
        2,
    )
    assert figures(snap(world, "suggestions_on_time", Level.CONSULTANT, world.b1)) == (
        1,
        1,
        100.0,
        1,
    )
    # November: c8's batch due today is not counted yet.
    assert figures(snap(world, "suggestions_on_time", start=NOVEMBER)) == (1, 1, 100.0, 1)
    assert snap(world, "suggestions_on_time", Level.CONSULTANT, world.a1, NOVEMBER).value is None


def test_satisfaction_is_never_computed_per_consultant(world):
    assert figures(snap(world, "satisfaction_average")) == (35, 5, 7.0, 5)
    assert figures(snap(world, "satisfaction_share_8_10")) == (3, 5, 60.0, 5)
    assert figures(snap(world, "satisfaction_answers")) == (5, 0, 5, 5)
    assert figures(snap(world, "satisfaction_average", Level.TEAM, world.team_a)) == (
        22,
        3,
        7.33,
        3,
    )
    assert snap(world, "satisfaction_share_8_10", Level.TEAM, world.team_b).value == 100.0
    assert snap(world, "satisfaction_average", start=NOVEMBER).value is None
    assert not Snapshot.objects.filter(
        kpi__startswith="satisfaction", level=Level.CONSULTANT
    ).exists()


def test_action_learning(world):
    assert snap(world, "logbook_entries").value == 3
    assert snap(world, "logbook_entries", Level.TEAM, world.team_a).value == 2
    assert snap(world, "logbook_entries", Level.CONSULTANT, world.b1).value == 1
    # Feedback received (by the observed) and given (by the observer).
    assert snap(world, "observations_with_feedback").value == 2
    assert snap(world, "observations_with_feedback", Level.CONSULTANT, world.a1).value == 1
    assert snap(world, "observations_with_feedback", Level.TEAM, world.team_b).value == 1
    assert snap(world, "feedback_given").value == 2
    assert snap(world, "feedback_given", Level.TEAM, world.team_a).value == 2  # tl and a2
    assert snap(world, "feedback_given", Level.CONSULTANT, world.tl).value == 1
    assert snap(world, "feedback_given", Level.CONSULTANT, world.a1).value == 0
    # One meeting held (the planned and the cancelled ones are not); never per consultant.
    assert snap(world, "meetings_held").value == 1
    assert snap(world, "meetings_held", Level.TEAM, world.team_a).value == 1
    assert snap(world, "meetings_held", Level.TEAM, world.team_b).value == 0
    assert not Snapshot.objects.filter(kpi="meetings_held", level=Level.CONSULTANT).exists()
    assert all(s.base == 0 for s in Snapshot.objects.filter(kpi="logbook_entries"))


def test_company_oriented_courses(world):
    # Started in October: c1 with a1 and with a2, c6 with b1: 3 courses, 2 citizens.
    assert figures(snap(world, "courses_started")) == (3, 0, 3, 2)
    assert figures(snap(world, "courses_started", Level.TEAM, world.team_a)) == (2, 0, 2, 1)
    assert figures(snap(world, "courses_started", Level.CONSULTANT, world.a2)) == (1, 0, 1, 1)
    # Ended in a job in October: c6's (c2's ended without a job).
    assert figures(snap(world, "courses_into_job")) == (1, 0, 1, 1)
    assert snap(world, "courses_into_job", Level.CONSULTANT, world.b1).value == 1
    assert snap(world, "courses_into_job", Level.CONSULTANT, world.a1).value == 0


def test_every_snapshot_shows_what_its_numerator_and_denominator_make(world):
    rows = Snapshot.objects.filter(job_centre=world.centre)
    for row in rows:
        assert row.value == value_of(BY_KEY[row.kpi], row.numerator, row.denominator)
        assert row.period_end >= row.period_start
    months = rows.filter(period_kind=PeriodKind.MONTH)
    assert set(months.values_list("period_start", "period_end")) == {
        (OCTOBER, date(2026, 10, 31)),
        (NOVEMBER, date(2026, 11, 30)),
    }
    assert len({row.computed_at for row in rows}) == 1


def _rows(centre):
    return sorted(
        Snapshot.objects.filter(job_centre=centre).values_list(
            "kpi",
            "level",
            "team",
            "consultant",
            "period_kind",
            "period_start",
            "period_end",
            "numerator",
            "denominator",
            "value",
            "base",
        ),
        key=repr,
    )


def test_recomputing_gives_the_same_rows_and_keeps_other_periods(world):
    before = _rows(world.centre)
    older = Snapshot.objects.filter(job_centre=world.centre).first()
    Snapshot.objects.create(
        job_centre=world.centre,
        kpi="self_booking_share",
        level=Level.CENTRE,
        period_kind=PeriodKind.MONTH,
        period_start=date(2026, 9, 1),
        period_end=date(2026, 9, 30),
        computed_at=older.computed_at,
    )
    assert compute_centre(job_centre=world.centre, today=TODAY, count=COUNT) == world.written
    after = [row for row in _rows(world.centre) if row[5] != date(2026, 9, 1)]
    assert after == before
    assert Snapshot.objects.filter(job_centre=world.centre, period_start=date(2026, 9, 1)).exists()


def test_a_consultant_who_moved_takes_no_clash_along(world):
    other = JobCentreFactory(name="Jobcenter Anden")
    world.a1.job_centre = other
    world.a1.team = None
    world.a1.save()
    compute_centre(job_centre=other, today=TODAY, count=COUNT)
    moved = Snapshot.objects.filter(consultant=world.a1, period_start=OCTOBER)
    assert set(moved.values_list("job_centre", flat=True)) == {other.pk}


def test_an_empty_job_centre_gets_empty_figures_without_crashing():
    centre = JobCentreFactory(name="Jobcenter Tom")
    written = compute_centre(job_centre=centre, today=TODAY)
    assert written == len(KPIS) * 26  # the centre level only: no teams, no consultants
    rows = Snapshot.objects.filter(job_centre=centre)
    assert not rows.exclude(level=Level.CENTRE).exists()
    for row in rows:
        kpi = BY_KEY[row.kpi]
        assert row.base == 0
        assert row.value == (0 if kpi.unit == "count" else None), row.kpi


def test_progress_is_reported_step_by_step(world):
    calls = []
    compute_centre(
        job_centre=world.centre,
        today=TODAY,
        count=COUNT,
        kinds=(PeriodKind.MONTH,),
        progress=lambda done, total: calls.append((done, total)),
    )
    total = len(compute.STEPS) + 1
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == list(range(total + 1))


def _build(centre, consultant, citizens, bookings, offset):
    people = [
        CitizenFactory(job_centre=centre, responsible_consultant=consultant)
        for _ in range(citizens)
    ]
    topic = TopicFactory(job_centre=centre)
    start = at(10, 1, 8) + timedelta(days=offset)
    made = []
    for n in range(bookings):
        made.append(
            BookingFactory(
                citizen=people[n % len(people)],
                consultant=consultant,
                topic=topic,
                start=start + timedelta(hours=n),
                status=Status.NO_SHOW if n % 5 == 0 else Status.HELD,
                origin=Origin.SUMMONED if n % 4 == 0 else Origin.SELF_BOOKED,
            )
        )
        EntryFactory(citizen=people[n % len(people)], date=date(2026, 10, 1 + n % 28))
    return made


def test_the_query_count_does_not_grow_with_citizens_or_bookings():
    centre = JobCentreFactory(name="Jobcenter Tæl")
    team = TeamFactory(job_centre=centre)
    consultant = StaffFactory(job_centre=centre, team=team)
    _build(centre, consultant, citizens=5, bookings=10, offset=0)

    def count():
        with CaptureQueriesContext(connection) as queries:
            compute_centre(job_centre=centre, today=TODAY)
        return len(queries)

    few = count()
    _build(centre, consultant, citizens=50, bookings=90, offset=10)
    assert Booking.objects.filter(job_centre=centre).count() == 100
    assert count() == few
    centre_rows = Snapshot.objects.filter(job_centre=centre, level=Level.CENTRE)
    october = centre_rows.get(kpi="self_booking_share", period_kind="month", period_start=OCTOBER)
    assert october.denominator == 100 and october.base == 55


def test_the_demo_figures_match_a_count_over_the_bookings():
    """Seeds the real demo once (about 10 s) and checks the demo centre's self-booking share
    of the last full month against a direct count of its bookings."""
    call_command("seed_demo", stdout=io.StringIO())
    centre = JobCentre.objects.get(name="Jobcenter Demo")
    if not Snapshot.objects.filter(
        job_centre=centre
    ).exists():  # before kpis.demo.figures is a seeder
        from kpis.demo import figures as demo

        demo.seed(random.Random("kpis.demo.figures"), io.StringIO())
    today = timezone.localdate()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    first = last_month_end.replace(day=1)
    took_place = Booking.objects.filter(
        job_centre=centre,
        status__in=(Status.HELD, Status.NO_SHOW),
        start__date__gte=first,
        start__date__lte=last_month_end,
    )
    self_booked = took_place.filter(origin=Origin.SELF_BOOKED).count()
    assert took_place.count() > 20
    share = snap_of(centre, "self_booking_share", first)
    assert (share.numerator, share.denominator) == (self_booked, took_place.count())
    assert share.value == pytest.approx(100 * self_booked / took_place.count())
    assert share.base == took_place.values("citizen").distinct().count()
    assert share.period_end == last_month_end


def snap_of(centre, kpi, start):
    return Snapshot.objects.get(
        job_centre=centre, kpi=kpi, level=Level.CENTRE, period_kind="month", period_start=start
    )


def test_satisfaction_knows_how_many_consultants_are_behind_it(world):
    """The consultants who held conversations in the scope and period: team B's October rests
    on b1 alone, so the pages will show no satisfaction for it."""
    assert snap(world, "satisfaction_average", Level.TEAM, world.team_a).consultants == 2
    assert snap(world, "satisfaction_average", Level.TEAM, world.team_b).consultants == 1
    assert snap(world, "satisfaction_answers").consultants == 3
