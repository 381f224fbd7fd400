"""The citizen's answer: once, within the window, on their own held conversation, stored
apart from it."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils.translation import override

from accounts.models import User
from booking.models import Booking, Status
from evaluations import services
from evaluations.models import Evaluation, EvaluationReceipt
from evaluations.rules import EVALUATION_DAYS
from evaluations.services import AlreadyAnswered, State
from evaluations.tests.conftest import held_booking

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The selectors and services speak the active language; these tests read English."""
    with override("en"):
        yield


def give(booking, actor=None, *, score=8, words="", today=None):
    return services.evaluation_give(
        booking=booking,
        actor=actor or booking.citizen.user,
        score=score,
        words=words,
        today=today,
    )


def nothing_saved():
    return not Evaluation.objects.exists() and not EvaluationReceipt.objects.exists()


def test_the_answer_is_stored_apart_with_the_consultants_team(booking, team, centre, today):
    evaluation = give(booking, score=9, words="  Jeg blev hørt.  ", today=today)
    assert EvaluationReceipt.objects.get().booking == booking
    stored = Evaluation.objects.get()
    assert stored == evaluation
    assert (stored.job_centre, stored.team, stored.answered_on) == (centre, team, today)
    assert (stored.score, stored.words) == (9, "Jeg blev hørt.")
    assert services.evaluation_state(booking, today) == State.ANSWERED


def test_the_team_is_the_one_at_the_time(booking, team, other_team, today):
    give(booking, today=today)
    booking.consultant.team = other_team
    booking.consultant.save()
    assert Evaluation.objects.get().team == team


def test_a_consultant_without_a_team_gives_an_answer_without_a_team(citizen, consultant, today):
    give(held_booking(citizen, consultant, day=today), today=today)
    assert Evaluation.objects.get().team is None


def test_the_window_closes_after_evaluation_days(citizen, consultant_in_team, today):
    day = today - timedelta(days=EVALUATION_DAYS)
    last_chance = held_booking(citizen, consultant_in_team, day=day)
    give(last_chance, today=today)
    too_late = held_booking(citizen, consultant_in_team, day=day - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        give(too_late, today=today)
    assert error.value.code == "closed"
    assert Evaluation.objects.count() == 1
    assert services.evaluation_state(too_late, today) == State.CLOSED


@pytest.mark.parametrize("status", [Status.BOOKED, Status.NO_SHOW, Status.CANCELLED_BY_CENTRE])
def test_only_a_held_conversation_can_be_evaluated(citizen, consultant_in_team, today, status):
    booking = held_booking(citizen, consultant_in_team, day=today, status=status)
    with pytest.raises(ValidationError) as error:
        give(booking, today=today)
    assert error.value.code == "not_held"
    assert nothing_saved()
    assert services.evaluation_state(booking, today) == State.NOT_HELD


@pytest.mark.parametrize("score", [0, 11, -1, None, "8", True])
def test_the_score_is_a_number_from_1_to_10(booking, today, score):
    with pytest.raises(ValidationError) as error:
        give(booking, score=score, today=today)
    assert "score" in error.value.error_dict
    assert nothing_saved()


def test_words_over_the_limit_are_refused(booking, today):
    with pytest.raises(ValidationError) as error:
        give(booking, words="ord " * 300, today=today)
    assert "1000" in str(error.value.error_dict["words"])
    assert nothing_saved()


def test_words_with_html_are_refused(booking, today):
    with pytest.raises(ValidationError) as error:
        give(booking, words="<script>alert(1)</script>", today=today)
    assert "words" in error.value.error_dict
    assert nothing_saved()


def test_the_score_at_each_end_is_accepted(citizen, consultant_in_team, today):
    for hour, score in ((9, 1), (11, 10)):
        booking = held_booking(citizen, consultant_in_team, day=today, hour=hour)
        give(booking, score=score, today=today)
    assert sorted(Evaluation.objects.values_list("score", flat=True)) == [1, 10]


def test_only_the_citizen_of_the_booking_answers(booking, other_citizen, consultant, leader):
    for actor in (other_citizen.user, consultant, leader):
        with pytest.raises(PermissionDenied):
            give(booking, actor)
    assert nothing_saved()


def test_a_second_answer_saves_nothing(booking, today):
    give(booking, score=9, today=today)
    with pytest.raises(AlreadyAnswered) as error:
        give(booking, score=2, words="igen", today=today)
    assert "already answered" in str(error.value.message)
    assert list(Evaluation.objects.values_list("score", flat=True)) == [9]
    assert EvaluationReceipt.objects.count() == 1


def test_the_unique_receipt_decides_when_two_answers_cross(booking, today, monkeypatch):
    """The other request's receipt arrives after this one looked: the insert fails on the
    unique booking, and this one is thanked without saving anything."""
    EvaluationReceipt.objects.create(booking=booking)
    real_filter = EvaluationReceipt.objects.filter
    looks = []

    def filter_before_the_other_commits(*args, **kwargs):
        looks.append(1)
        queryset = real_filter(*args, **kwargs)
        return queryset.none() if len(looks) == 1 else queryset

    monkeypatch.setattr(EvaluationReceipt.objects, "filter", filter_before_the_other_commits)
    with pytest.raises(AlreadyAnswered):
        give(booking, today=today)
    assert not Evaluation.objects.exists()
    assert EvaluationReceipt.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_answers_at_the_same_moment_make_one(booking, today):
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(score: int) -> None:
        try:
            own = Booking.objects.select_related("consultant").get(pk=booking.pk)
            actor = User.objects.get(pk=booking.citizen.user_id)
            barrier.wait(timeout=10)
            with transaction.atomic():
                give(own, actor, score=score, today=today)
            outcomes.append("saved")
        except AlreadyAnswered:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(s,)) for s in (3, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["already", "saved"]
    assert Evaluation.objects.count() == 1 and EvaluationReceipt.objects.count() == 1
