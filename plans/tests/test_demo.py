"""The plans demo data (plans/demo.py), seeded after the existing seeders."""

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from citizens.models import Citizen
from plans import demo
from plans.models import Agreement, Homework, JobTrack, Plan, PlanChange
from plans.selectors import plan_full
from plans.widen import widen_suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        demo.seed(random.Random("plans.demo"), StringIO())
        yield
        transaction.set_rollback(True)


def test_every_demo_citizen_has_a_plan_with_a_b_c(seeded):
    assert Plan.objects.count() == 101
    assert JobTrack.objects.count() == 303
    assert not JobTrack.objects.filter(occupations__isnull=True).exists()
    # Two agreements per plan from plans.demo; conversations.demo adds those of conversations.
    assert Agreement.objects.filter(conversation__isnull=True).count() == 202
    assert PlanChange.objects.count() == 202
    assert Homework.objects.filter(done_at__isnull=False).exists()
    assert Homework.objects.filter(done_at__isnull=True).exists()


def test_borger_sees_the_suggestion_and_has_open_homework(seeded):
    borger = Citizen.objects.get(user__username="borger")
    plan = plan_full(citizen=borger)
    assert plan is not None
    assert widen_suggestion(plan, timezone.localdate()) is not None
    assert plan.homework.filter(done_at__isnull=True).exists()


def test_seeding_twice_changes_nothing(seeded):
    demo.seed(random.Random("plans.demo"), StringIO())
    assert Plan.objects.count() == 101
