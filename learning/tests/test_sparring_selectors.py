"""The result of a sparring event is counted from the actual course agreements; colleagues get
pseudonyms only; the home card finds the running or next event."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from citizens.tests.factories import CitizenFactory
from courses.models import Kind, Outcome, Status
from courses.tests.factories import CourseFactory
from learning.models import SparringKind
from learning.selectors import sparring as selectors
from learning.tests.factories import SparringCaseFactory, SparringEventFactory, team_with_members

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY = date(2026, 9, 21)
FRIDAY = date(2026, 9, 25)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CPH)


def agreement(citizen, status, approved_at, kind=Kind.INTERNSHIP):
    """A hand-made course of `citizen` in `status`, approved at `approved_at` (or never)."""
    starts_on = (approved_at.date() if approved_at else MONDAY) + timedelta(days=7)
    extra = {}
    if status in (Status.RUNNING, Status.ENDED):
        extra["started_on"] = starts_on
    if status == Status.ENDED:
        extra.update(ended_on=starts_on + timedelta(days=13), outcome=Outcome.NO_JOB)
    return CourseFactory(
        citizen=citizen,
        kind=kind,
        status=status,
        approved_at=approved_at,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=13),
        **extra,
    )


@pytest.fixture
def setting():
    team, leader, members = team_with_members(consultants=2)
    event = SparringEventFactory(
        team=team, created_by=leader, starts_on=MONDAY, ends_on=FRIDAY, goal_count=3
    )
    return event, leader, members


def brought(event, consultant, n=1):
    cases = []
    for _ in range(n):
        citizen = CitizenFactory(
            job_centre=consultant.job_centre, responsible_consultant=consultant
        )
        slot = event.cases.filter(consultant=consultant).count() + 1
        cases.append(
            SparringCaseFactory(event=event, consultant=consultant, citizen=citizen, slot=slot)
        )
    return cases


def test_only_agreements_approved_in_the_period_and_not_cancelled_count(
    setting, django_assert_num_queries
):
    event, _leader, (first, second) = setting
    cases = brought(event, first, 3) + brought(event, second, 3)
    inside, ended, before, cancelled, draft, late = cases
    agreement(inside.citizen, Status.APPROVED, at(MONDAY, 10), kind=Kind.WAGE_SUBSIDY)
    agreement(ended.citizen, Status.ENDED, at(FRIDAY, 23, 30))  # late Friday, local time
    agreement(before.citizen, Status.RUNNING, at(MONDAY - timedelta(days=1), 23, 59))
    agreement(cancelled.citizen, Status.CANCELLED, at(MONDAY, 11))
    agreement(draft.citizen, Status.DRAFT, None)
    agreement(draft.citizen, Status.AWAITING_APPROVAL, None)
    agreement(late.citizen, Status.APPROVED, at(FRIDAY + timedelta(days=1), 0, 30))
    outsider = CitizenFactory(job_centre=first.job_centre, responsible_consultant=first)
    agreement(outsider, Status.APPROVED, at(MONDAY, 12))  # another citizen, not brought

    with django_assert_num_queries(1):
        result = selectors.event_result(event)
    assert (result.goal, result.cases, result.reached) == (3, 6, 2)
    assert result.courses == {inside.pk: Kind.WAGE_SUBSIDY, ended.pk: Kind.INTERNSHIP}
    assert not result.goal_met and result.percent == 67

    agreement(cancelled.citizen, Status.RUNNING, at(FRIDAY, 9))  # a new agreement after all
    result = selectors.event_result(event)
    assert result.reached == 3 and result.goal_met and result.percent == 100


def test_the_list_counts_every_event_in_one_query(setting, django_assert_num_queries):
    event, leader, (first, _second) = setting
    later = SparringEventFactory(
        team=event.team,
        created_by=leader,
        kind=SparringKind.SESSION,
        starts_on=date(2026, 10, 20),
        ends_on=date(2026, 10, 20),
        goal_count=1,
    )
    (case,) = brought(event, first)
    (other,) = brought(later, first)
    agreement(case.citizen, Status.RUNNING, at(MONDAY, 9))
    agreement(other.citizen, Status.APPROVED, at(date(2026, 10, 21), 9))  # the day after
    with django_assert_num_queries(2):
        rows = selectors.event_list(user=leader, today=date(2026, 10, 1))
    assert [(r.event, r.result.reached, r.result.cases, r.state) for r in rows] == [
        (later, 0, 1, "coming"),
        (event, 1, 1, "over"),
    ]


def test_colleagues_get_pseudonyms_only(setting):
    event, _leader, (first, second) = setting
    (case,) = brought(event, first)
    agreement(case.citizen, Status.APPROVED, at(MONDAY, 9))
    result = selectors.event_result(event)
    groups = dict(selectors.shared_cases(event=event, result=result))
    assert set(groups) == {first, second} and groups[second] == []
    (shared,) = groups[first]
    assert shared.pseudonym == case.pseudonym and shared.course_kind == Kind.INTERNSHIP
    assert not hasattr(shared, "citizen")
    assert selectors.own_cases(event=event, user=second) == []
    assert selectors.own_cases(event=event, user=first) == [case]


def test_events_are_the_teams_own(setting, other_centre):
    event, leader, (first, _second) = setting
    _, other_leader, _ = team_with_members(consultants=1, job_centre=event.team.job_centre)
    _, far_leader, _ = team_with_members(consultants=1, job_centre=other_centre)
    citizen = CitizenFactory(job_centre=first.job_centre, responsible_consultant=first)
    assert list(selectors.events_visible_to(first)) == [event]
    assert list(selectors.events_visible_to(leader)) == [event]
    assert not selectors.events_visible_to(other_leader).exists()
    assert not selectors.events_visible_to(far_leader).exists()
    assert not selectors.events_visible_to(citizen.user).exists()


def test_citizens_to_bring_are_ones_own_not_yet_brought(setting):
    event, _leader, (first, second) = setting
    (case,) = brought(event, first)
    free = CitizenFactory(job_centre=first.job_centre, responsible_consultant=first)
    CitizenFactory(job_centre=first.job_centre, responsible_consultant=second)
    assert list(selectors.citizens_to_bring(user=first, event=event)) == [free]
    assert case.citizen not in selectors.citizens_to_bring(user=first, event=event)


def test_the_home_card_shows_the_running_or_next_event(setting):
    event, leader, (first, second) = setting
    brought(event, first, 2)
    home = selectors.home_sparring(user=first, today=date(2026, 9, 22))
    assert home["event"] == event and home["running"] and home["mine"] == 2
    assert home["can_bring"] and home["result"].cases == 2
    assert selectors.home_sparring(user=second, today=MONDAY)["mine"] == 0
    coming = selectors.home_sparring(user=leader, today=date(2026, 9, 1))
    assert coming["event"] == event and not coming["running"] and not coming["can_bring"]
    assert selectors.home_sparring(user=first, today=FRIDAY + timedelta(1)) == {"event": None}
