"""The evaluations demo data (evaluations/demo.py, run by seed_demo): answers to about 60 % of
the held conversations, mostly satisfied, and a figure the demo team leader can see."""

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from booking.models import Booking, Status
from evaluations import demo, selectors
from evaluations.models import Evaluation, EvaluationReceipt

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_about_sixty_percent_of_held_conversations_are_answered(seeded):
    held = Booking.objects.filter(status=Status.HELD).count()
    answered = EvaluationReceipt.objects.count()
    assert 0.5 <= answered / held <= 0.7
    assert Evaluation.objects.count() == answered
    assert not EvaluationReceipt.objects.exclude(booking__status=Status.HELD).exists()


def test_the_scores_are_mostly_satisfied_with_some_lower_and_a_few_words(seeded):
    scores = list(Evaluation.objects.values_list("score", flat=True))
    assert sum(1 for s in scores if s >= 7) / len(scores) >= 0.7
    assert any(s <= 4 for s in scores)
    with_words = Evaluation.objects.exclude(words="").count()
    assert 0.1 <= with_words / len(scores) <= 0.4


def test_the_answers_lie_in_the_past_and_in_the_answering_teams_centre(seeded):
    today = timezone.localdate()
    assert not Evaluation.objects.filter(answered_on__gt=today).exists()
    assert (
        not Evaluation.objects.exclude(team__job_centre=F("job_centre"))
        .exclude(team__isnull=True)
        .exists()
    )


def test_the_demo_team_leader_sees_the_teams_figure(seeded):
    leader = User.objects.get(username="teamleder")
    rows = selectors.home_summary(user=leader)["evaluation_rows"]
    centre, team = rows
    assert team.label == leader.team.name
    assert team.shown and team.answers >= 5
    assert centre.shown and centre.answers >= 50
    manager = User.objects.get(username="leder")
    assert all(row.shown for row in selectors.home_summary(user=manager)["evaluation_rows"])


def test_a_second_run_changes_nothing(seeded):
    before = (Evaluation.objects.count(), EvaluationReceipt.objects.count())
    demo.seed(random.Random("evaluations.demo"), StringIO())
    assert (Evaluation.objects.count(), EvaluationReceipt.objects.count()) == before
