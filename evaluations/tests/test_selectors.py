"""Leaders see the answers only in aggregate: at least 5 answers from at least 2 people, their
own job centre only, comments only with a shown figure. Citizens see what waits for them."""

from datetime import timedelta

import pytest
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import Status
from centres.tests.factories import TeamFactory
from evaluations import selectors, services
from evaluations.models import Evaluation
from evaluations.rules import EVALUATION_DAYS
from evaluations.tests.conftest import held_booking
from evaluations.tests.factories import EvaluationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The selectors and services speak the active language; these tests read English."""
    with override("en"):
        yield


def answers(centre, team, scores, *, day, words=""):
    for score in scores:
        EvaluationFactory(job_centre=centre, team=team, score=score, answered_on=day, words=words)


def rows(user, today, days=90):
    first, last = selectors.period(days, today)
    return {row.label: row for row in selectors.aggregate(user=user, first=first, last=last)}


CENTRE = "The whole job centre"


@pytest.fixture
def staffed_team(centre, team, consultant_in_team, leader):
    """The leader's team: the leader and one job consultant."""
    return team


def test_fewer_than_five_answers_show_nothing_but_that(centre, staffed_team, leader, today):
    answers(centre, staffed_team, [10, 9, 2, 8], day=today, words="Hemmelige ord")
    seen = rows(leader, today)
    for row in seen.values():
        assert not row.shown
        assert row.answers is row.average is row.satisfied_percent is None
        assert row.words == [] and row.note == "< 5 answers"


def test_five_answers_show_the_average_and_the_share_who_gave_8_to_10(
    centre, staffed_team, leader, today
):
    answers(centre, staffed_team, [10, 9, 8, 7, 1], day=today)
    seen = rows(leader, today)
    assert set(seen) == {CENTRE, staffed_team.name}
    for row in seen.values():
        assert (row.answers, row.average, row.satisfied_percent) == (5, 7.0, 60)


def test_the_average_has_one_decimal(centre, staffed_team, leader, today):
    answers(centre, staffed_team, [10, 10, 9, 8, 7, 7], day=today)
    assert rows(leader, today)[CENTRE].average == 8.5
    answers(centre, staffed_team, [6], day=today)
    assert rows(leader, today)[CENTRE].average == 8.1


def test_a_team_of_one_consultant_is_counted_only_in_the_centre(
    centre, team, consultant_in_team, manager, today
):
    answers(centre, team, [9] * 8, day=today)
    seen = rows(manager, today)
    assert team.name not in seen
    # The centre's figure rests on one consultant too, so it is not shown either.
    assert not seen[CENTRE].shown and seen[CENTRE].note == "Too few consultants to show"


def test_a_team_is_merged_when_the_rest_would_be_one_consultants_figure(
    centre, team, other_team, consultant_in_team, leader, manager, today
):
    lone = StaffFactory(job_centre=centre, team=other_team, username="alene")
    answers(centre, team, [9] * 10, day=today)
    answers(centre, other_team, [3] * 6, day=today)
    seen = rows(manager, today)
    assert other_team.name not in seen  # one consultant
    # Centre minus team would be `lone`'s figure, so the team is shown only inside the centre.
    assert seen[team.name].note == "Counted only in the whole centre"
    assert not seen[team.name].shown
    assert seen[CENTRE].answers == 16
    # With a colleague for `lone`, the rest hides two people, and the team shows.
    StaffFactory(job_centre=centre, team=other_team, username="kollega")
    seen = rows(manager, today)
    assert seen[team.name].answers == 10 and seen[other_team.name].answers == 6
    assert lone.pk  # still active


def test_a_team_is_merged_when_the_rest_has_fewer_than_five_answers(
    centre, staffed_team, other_team, manager, today
):
    StaffFactory.create_batch(2, job_centre=centre, team=other_team)
    answers(centre, staffed_team, [8] * 7, day=today)
    answers(centre, other_team, [2] * 3, day=today)
    seen = rows(manager, today)
    assert seen[CENTRE].answers == 10
    assert seen[staffed_team.name].note == "Counted only in the whole centre"
    assert seen[other_team.name].note == "< 5 answers"


def test_a_team_leader_sees_their_own_team_and_a_manager_every_team(
    centre, staffed_team, other_team, leader, manager, today
):
    StaffFactory.create_batch(2, job_centre=centre, team=other_team)
    answers(centre, staffed_team, [8] * 6, day=today)
    answers(centre, other_team, [6] * 5, day=today)
    assert set(rows(leader, today)) == {CENTRE, staffed_team.name}
    assert set(rows(manager, today)) == {CENTRE, staffed_team.name, other_team.name}


def test_another_centres_answers_are_never_counted(
    centre, other_centre, staffed_team, leader, manager, today
):
    foreign_team = TeamFactory(job_centre=other_centre)
    StaffFactory.create_batch(2, job_centre=other_centre, team=foreign_team)
    answers(other_centre, foreign_team, [1] * 20, day=today, words="Fra et andet jobcenter")
    answers(centre, staffed_team, [9] * 5, day=today)
    for user in (leader, manager):
        seen = rows(user, today)
        assert seen[CENTRE].answers == 5 and seen[CENTRE].average == 9.0
        assert foreign_team.name not in seen
        assert all("Fra et andet jobcenter" not in row.words for row in seen.values())


def _last_week(today):
    """The Monday of the week before today's: a week that has ended."""
    return today - timedelta(days=today.weekday() + 7)


def test_words_come_only_with_five_answers_or_more(centre, staffed_team, leader, today):
    day = _last_week(today)
    answers(centre, staffed_team, [9] * 3, day=day)
    answers(centre, staffed_team, [4], day=day, words="For kort samtale")
    assert all(not row.words for row in rows(leader, today).values())
    answers(centre, staffed_team, [8], day=day, words="Jeg blev hørt")
    seen = rows(leader, today)
    assert sorted(seen[CENTRE].words) == ["For kort samtale", "Jeg blev hørt"]
    assert sorted(seen[staffed_team.name].words) == ["For kort samtale", "Jeg blev hørt"]


def test_words_are_in_the_order_of_the_random_keys_not_of_time(centre, staffed_team, leader, today):
    for n in range(6):
        answers(
            centre, staffed_team, [8], day=_last_week(today) + timedelta(days=n), words=f"ord {n}"
        )
    expected = list(Evaluation.objects.order_by("id").values_list("words", flat=True))
    assert rows(leader, today)[CENTRE].words == expected


def test_only_the_period_counts(centre, staffed_team, leader, today):
    answers(centre, staffed_team, [9] * 5, day=today - timedelta(days=29))
    answers(centre, staffed_team, [1] * 5, day=today - timedelta(days=30))
    assert rows(leader, today, days=30)[CENTRE].average == 9.0
    assert rows(leader, today, days=90)[CENTRE].answers == 10


def test_nobody_else_sees_an_aggregate(centre, staffed_team, consultant, admin_user, today):
    answers(centre, staffed_team, [9] * 5, day=today)
    business = StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk")
    for user in (consultant, admin_user, business):
        assert selectors.aggregate(user=user, first=today, last=today) == []


def test_no_answers_says_so(staffed_team, leader, today):
    assert rows(leader, today)[CENTRE].note == "No answers yet"


def test_pending_are_the_citizens_unanswered_held_conversations_in_the_window(
    citizen, other_citizen, consultant_in_team, today, django_assert_num_queries
):
    def on(days_ago, **kwargs):
        return held_booking(
            citizen, consultant_in_team, day=today - timedelta(days=days_ago), **kwargs
        )

    recent, oldest_open = on(1), on(EVALUATION_DAYS)
    on(EVALUATION_DAYS + 1)  # too old
    on(2, status=Status.NO_SHOW)
    on(3, status=Status.CANCELLED_BY_CITIZEN)
    answered = on(4)
    services.evaluation_give(booking=answered, actor=citizen.user, score=7, words="", today=today)
    held_booking(other_citizen, consultant_in_team, day=today - timedelta(days=5))
    with django_assert_num_queries(1):
        pending = selectors.pending_for(citizen, today)
        assert [b.topic.name for b in pending] == ["Min jobsøgning"] * 2
    assert pending == [recent, oldest_open]


def test_a_team_leader_without_a_team_sees_the_centre(centre, staffed_team, today):
    answers(centre, staffed_team, [8] * 5, day=today)
    alone = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl2")
    assert set(rows(alone, today)) == {CENTRE}


# Comments come in batches of whole weeks


def _leader_words(leader, today):
    return {label: row.words for label, row in rows(leader, today).items()}


def test_a_single_evenings_comment_waits_for_a_full_week_with_enough_answers(
    centre, staffed_team, leader
):
    import datetime as dt

    import time_machine

    cph = dt.timezone(dt.timedelta(hours=1))
    answers(centre, staffed_team, [8] * 10, day=dt.date(2026, 11, 10))  # week 46, no words
    # Tuesday evening of week 48: one conversation held, one answer with words.
    answers(centre, staffed_team, [3], day=dt.date(2026, 11, 24), words="Hun hørte ikke efter")
    with time_machine.travel(dt.datetime(2026, 11, 24, 21, 40, tzinfo=cph), tick=False):
        seen = _leader_words(leader, dt.date(2026, 11, 24))
    assert seen == {CENTRE: [], staffed_team.name: []}  # the week is still open
    # Week 48 has ended, but with 1 answer it would still point at one citizen.
    with time_machine.travel(dt.datetime(2026, 11, 30, 0, 5, tzinfo=cph), tick=False):
        seen = _leader_words(leader, dt.date(2026, 11, 30))
    assert seen == {CENTRE: [], staffed_team.name: []}
    # Week 49 brings 4 more: weeks 47-49 hold 5 answers, released once week 49 has ended.
    answers(centre, staffed_team, [9] * 4, day=dt.date(2026, 12, 2))
    with time_machine.travel(dt.datetime(2026, 12, 6, 23, 30, tzinfo=cph), tick=False):
        assert _leader_words(leader, dt.date(2026, 12, 6))[CENTRE] == []
    with time_machine.travel(dt.datetime(2026, 12, 7, 0, 5, tzinfo=cph), tick=False):
        seen = _leader_words(leader, dt.date(2026, 12, 7))
    assert seen == {CENTRE: ["Hun hørte ikke efter"], staffed_team.name: ["Hun hørte ikke efter"]}


def test_a_centre_whose_threshold_is_10_hides_figures_on_fewer_than_10(
    centre, staffed_team, leader, today
):
    centre.small_number_threshold = 10
    centre.save()
    answers(centre, staffed_team, [9] * 7, day=today)
    seen = rows(leader, today)
    assert not seen[CENTRE].shown and seen[CENTRE].note == "< 10 answers"
    answers(centre, staffed_team, [9] * 3, day=today)
    assert rows(leader, today)[CENTRE].answers == 10


def test_a_team_is_merged_when_the_rest_is_one_consultant_without_a_team(
    centre, staffed_team, other_team, manager, today
):
    StaffFactory.create_batch(2, job_centre=centre, team=other_team)
    StaffFactory(job_centre=centre, username="uden-team")
    answers(centre, staffed_team, [9] * 10, day=today)
    answers(centre, other_team, [8] * 10, day=today)
    answers(centre, None, [2] * 6, day=today)
    seen = rows(manager, today)
    # 26 - 10 - 10 would be the lone consultant's 6 answers.
    assert not (seen[staffed_team.name].shown and seen[other_team.name].shown)
    assert seen[CENTRE].answers == 26
