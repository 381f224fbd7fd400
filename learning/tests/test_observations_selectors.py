"""Reads of observations: who sees which, whom one can ask, the next step for each person, the
feedback counts for the team's targets, and the home page's summary."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import Status as BookingStatus
from centres.tests.factories import TeamFactory
from learning.models import ConsentMethod, Observation, ObservationStatus
from learning.selectors import observations as selectors
from learning.services import observations as services
from learning.tests.factories import ObservationFactory, conversation_of, team_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def team():
    return team_with_members(consultants=3)


def at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def given(observed, observer, feedback_at, **kwargs):
    """An observation whose feedback was given at `feedback_at` (consent recorded before)."""
    booking = conversation_of(observed, start=feedback_at - timedelta(hours=1))
    return ObservationFactory(
        booking=booking,
        observer=observer,
        status=ObservationStatus.FEEDBACK_GIVEN,
        answered_at=feedback_at - timedelta(days=3),
        consent_at=feedback_at - timedelta(hours=2),
        consent_method=ConsentMethod.ORAL,
        consent_recorded_by=observed,
        went_well="Godt",
        try_next="Prøv",
        feedback_at=feedback_at,
        **kwargs,
    )


def test_an_observation_is_seen_by_the_observed_and_the_observer_only(team, now):
    _, leader, (a, b, _) = team
    observation = ObservationFactory(
        booking=conversation_of(a, start=now + timedelta(days=1)), observer=leader
    )
    assert list(selectors.observations_visible_to(a)) == [observation]
    assert list(selectors.observations_visible_to(leader)) == [observation]
    assert not selectors.observations_visible_to(b).exists()
    assert not selectors.observations_visible_to(observation.booking.citizen.user).exists()


def test_the_conversations_to_choose_are_my_own_coming_ones_of_six_weeks(team, now):
    _, _, (a, b, _) = team
    mine = conversation_of(a, start=now + timedelta(days=3))
    conversation_of(a, start=now - timedelta(hours=2))
    conversation_of(a, start=now + timedelta(weeks=7))
    conversation_of(a, start=now + timedelta(days=4), status=BookingStatus.CANCELLED_BY_CENTRE)
    conversation_of(b, start=now + timedelta(days=3))
    assert list(selectors.bookings_to_observe(user=a, now=now)) == [mine]


def test_the_team_leader_comes_first_then_the_team_then_the_centre(team):
    the_team, leader, (a, b, c) = team
    b.name, c.name = "Anna", "Bo"
    b.save()
    c.save()
    other = StaffFactory(
        job_centre=the_team.job_centre, team=TeamFactory(job_centre=the_team.job_centre), name="Aa"
    )
    StaffFactory(job_centre=the_team.job_centre, team=the_team, role=Role.BUSINESS_CONSULTANT)
    StaffFactory(job_centre=the_team.job_centre, team=None)
    team_with_members(consultants=1)  # another centre
    assert list(selectors.observer_choices(user=a)) == [leader, b, c, other]


def test_the_next_step_for_each_person(team, now):
    _, leader, (a, _, _) = team
    observation = services.observation_request(
        observed=a, booking=conversation_of(a, start=now + timedelta(days=1)), observer=leader
    )

    def steps(when):
        return (
            selectors.next_step(observation, user=a, now=when),
            selectors.next_step(observation, user=leader, now=when),
        )

    mine, theirs = steps(now)
    assert mine.waiting and theirs.url.endswith("#answer")
    services.observation_accept(observation=observation, actor=leader)
    mine, theirs = steps(now)
    assert mine.url.endswith("#consent") and theirs.waiting
    services.observation_consent(
        observation=observation, actor=a, method=ConsentMethod.ORAL, confirmed=True
    )
    started = observation.booking.start + timedelta(minutes=10)
    mine, theirs = steps(started)
    assert mine.waiting and theirs.url.endswith("/feedback/")
    services.observation_feedback(
        observation=observation,
        actor=leader,
        answers=[],
        went_well="Godt",
        try_next="Prøv",
        now=started,
    )
    mine, theirs = steps(started)
    assert mine.url.endswith("#feedback") and theirs.waiting
    services.observation_acknowledge(observation=observation, actor=a)
    assert steps(started) == (None, None)


def test_feedback_counts_per_consultant_by_the_day_feedback_was_given(
    team, django_assert_num_queries
):
    the_team, leader, (a, b, c) = team
    today = timezone.localdate()
    since, until = today - timedelta(days=30), today - timedelta(days=1)
    given(a, leader, at(until, 23))
    given(b, leader, at(since, 0))
    given(a, b, at(since + timedelta(days=5)))
    given(a, leader, at(since - timedelta(days=1), 23))  # before the period
    given(a, leader, at(today, 9))  # after it
    open_one = ObservationFactory(
        booking=conversation_of(c, start=at(today + timedelta(days=1))), observer=a
    )
    assert open_one.feedback_at is None
    with django_assert_num_queries(1):
        rows = selectors.feedback_counts(team=the_team, since=since, until=until)
    counts = {row.consultant: (row.given, row.received) for row in rows}
    assert counts == {leader: (2, 0), a: (0, 2), b: (1, 1), c: (0, 0)}
    centre_rows = selectors.feedback_counts(
        job_centre=the_team.job_centre, since=since, until=until
    )
    assert {r.consultant for r in centre_rows} == {leader, a, b, c}


def test_feedback_counts_need_a_team_or_a_centre(team):
    with pytest.raises(ValueError):
        selectors.feedback_counts(since=timezone.localdate(), until=timezone.localdate())


def test_my_counts_this_month_and_this_year(team):
    _, leader, (a, b, _) = team
    today = timezone.localdate()
    first = today.replace(day=1)
    given(a, leader, at(today, 0) if today != first else at(first, 1))
    given(b, a, at(first, 0) + timedelta(minutes=1))
    if first.month > 1:
        given(a, b, at(first - timedelta(days=1)))
    given(a, b, at(today.replace(year=today.year - 1)))
    counts = selectors.my_feedback_counts(user=a, today=today)
    assert counts["given_month"] == 1 and counts["given_year"] == 1
    assert counts["received_month"] == 1
    assert counts["received_year"] == (2 if first.month > 1 else 1)


def test_the_home_page_lists_what_waits_for_me_and_my_next_observation(
    team, now, django_assert_max_num_queries
):
    _, leader, (a, b, _) = team
    ask = services.observation_request(
        observed=a, booking=conversation_of(a, start=now + timedelta(days=2)), observer=leader
    )
    services.observation_accept(observation=ask, actor=leader)
    to_answer = services.observation_request(
        observed=b, booking=conversation_of(b, start=now + timedelta(days=1)), observer=a
    )
    read = given(a, b, now - timedelta(days=1))
    with django_assert_max_num_queries(3):
        home = selectors.home_observations(user=a, today=timezone.localdate(), now=now)
    waiting = {row.observation: row.step for row in home["observations_waiting"]}
    assert set(waiting) == {ask, to_answer, read}
    assert waiting[ask].url.endswith("#consent")
    assert waiting[to_answer].url.endswith("#answer")
    assert waiting[read].url.endswith("#feedback")
    assert home["observations_next"] == ask
    assert home["observations_counts"]["received_month"] == (
        1 if timezone.localdate(read.feedback_at).month == timezone.localdate().month else 0
    )
    citizen = ask.booking.citizen.user
    assert (
        selectors.home_observations(user=citizen, today=timezone.localdate())["observations_on"]
        is False
    )


def test_the_lists_split_observed_and_observing(team, now):
    _, leader, (a, b, _) = team
    mine = ObservationFactory(
        booking=conversation_of(a, start=now + timedelta(days=1)), observer=leader
    )
    theirs = ObservationFactory(
        booking=conversation_of(b, start=now + timedelta(days=2)), observer=a
    )
    lists = selectors.observation_lists(user=a, now=now)
    assert [r.observation for r in lists["observed"]] == [mine]
    assert [r.observation for r in lists["observing"]] == [theirs]
    assert Observation.objects.count() == 2
