"""The sparring demo (learning/demo/sparring.py, after the courses demo): week 39 with 21
citizens, goal 14 and a result of 17 counted from real course agreements; last month's session
and next month's."""

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from centres import demo as centres_demo
from centres.models import JobCentre
from citizens import demo as citizens_demo
from courses import demo as courses_demo
from courses.models import Course, CourseApproval, Party, Status
from labour.tests.factories import CompanyFactory, ContactFactory
from learning.demo import sparring as demo
from learning.models import SparringEvent, SparringKind
from learning.selectors.sparring import event_result

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seeded once for the module (the citizens demo is big); the tests only read."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        out = StringIO()
        centres_demo.seed(random.Random("centres.demo"), out)
        citizens_demo.seed(random.Random("citizens.demo"), out)
        centre = JobCentre.objects.get(name="Jobcenter Demo")
        for n in range(6):
            company = CompanyFactory(job_centre=centre, name=f"Demo {n} A/S")
            if n % 3:
                ContactFactory(company=company)
        courses_demo.seed(random.Random("courses.demo"), out)
        before = set(Course.objects.values_list("pk", flat=True))
        demo.seed(random.Random("learning.demo.sparring"), out)
        yield centre, before
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def events():
    """Week 39, last month's session and next month's. Week 39 is in September, so before
    last month's session from November to August and after it in October."""
    weeks = list(SparringEvent.objects.filter(kind=SparringKind.WEEK))
    sessions = list(SparringEvent.objects.filter(kind=SparringKind.SESSION).order_by("starts_on"))
    return weeks + sessions


def test_week_39_beat_its_goal_with_real_agreements(seeded):
    week = events()[0]
    today = timezone.localdate()
    assert week.kind == SparringKind.WEEK and week.starts_on.isocalendar()[1:] == (39, 1)
    assert week.ends_on == week.starts_on + timedelta(days=4) < today
    assert week.team.name == "Jobparate dagpenge" and week.created_by.username == "teamleder"
    cases = list(week.cases.select_related("consultant", "citizen"))
    assert len(cases) == 21
    assert {c.consultant.username for c in cases} == set(demo.CONSULTANTS)
    assert all(c.citizen.responsible_consultant_id == c.consultant_id for c in cases)
    result = event_result(week)
    assert (result.goal, result.cases, result.reached) == (14, 21, 17) and result.goal_met
    assert week.programme.count() == 9 and not week.programme.filter(done=False).exists()


def test_the_agreements_are_whole_and_the_courses_demo_stands(seeded):
    _centre, before = seeded
    new = Course.objects.exclude(pk__in=before)
    assert new.count() == 18  # 17 in the week, 1 after last month's session
    today = timezone.localdate()
    for course in new:
        assert course.status in (Status.APPROVED, Status.RUNNING, Status.ENDED)
        assert set(
            CourseApproval.objects.filter(course=course).values_list("party", flat=True)
        ) == set(Party.values)
        assert course.events.count() >= 4 and course.approved_at <= timezone.now()
        assert course.status != Status.RUNNING or course.ends_on >= today
        assert course.status != Status.ENDED or course.ends_on < today
    # The courses demo's own citizens got nothing new.
    old_citizens = Course.objects.filter(pk__in=before).values("citizen")
    assert not new.filter(citizen__in=old_citizens).exists()
    assert len(before) == len(courses_demo.PLAN)


def test_last_months_session_and_next_months(seeded):
    _week, session, coming = events()
    today = timezone.localdate()
    assert session.kind == coming.kind == SparringKind.SESSION
    assert session.ends_on < today < coming.starts_on
    result = event_result(session)
    assert (result.goal, result.cases, result.reached) == (2, 3, 1)
    assert coming.cases.count() == 2
    assert coming.cases.filter(consultant__username="konsulent").count() == 1


def test_a_second_run_changes_nothing(seeded):
    count = SparringEvent.objects.count()
    demo.seed(random.Random("learning.demo.sparring"), StringIO())
    assert SparringEvent.objects.count() == count
