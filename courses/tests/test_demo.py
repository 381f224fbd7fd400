"""The courses demo (courses/demo.py, run by seed_demo after the labour demo): 25 courses in
every status and kind in "Jobcenter Demo", borger's running internship in her Min Plan."""

import random
from io import StringIO

import pytest
from django.utils import timezone

from centres import demo as centres_demo
from centres.models import JobCentre
from citizens import demo as citizens_demo
from courses import demo, selectors
from courses.models import Course, CourseEvent, Kind, Outcome, Party, Status
from labour.tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    out = StringIO()
    centres_demo.seed(random.Random("centres.demo"), out)
    citizens_demo.seed(random.Random("citizens.demo"), out)
    centre = JobCentre.objects.get(name="Jobcenter Demo")
    for n in range(6):
        company = CompanyFactory(job_centre=centre, name=f"Demo {n} A/S")
        if n % 3:
            ContactFactory(company=company)
    demo.seed(random.Random("courses.demo"), out)
    return centre


def test_every_status_and_kind_is_there(seeded):
    courses = Course.objects.filter(job_centre=seeded)
    assert courses.count() == len(demo.PLAN) == 25
    assert set(courses.values_list("status", flat=True)) == set(Status.values)
    assert set(courses.values_list("kind", flat=True)) == set(Kind.values)
    ended = courses.filter(status=Status.ENDED)
    assert ended.filter(outcome=Outcome.JOB_AT_COMPANY).count() >= 3
    now = timezone.now()
    assert not courses.filter(created_at__gt=now).exists()
    assert not CourseEvent.objects.filter(at__gt=now).exists()
    assert not courses.filter(cancelled_at__gt=now).exists()


def test_borger_is_in_a_running_course_and_one_awaits_the_job_centre(seeded):
    borger = Course.objects.get(citizen__user__username="borger")
    assert borger.status == Status.RUNNING and borger.consultant.username == "konsulent"
    half = Course.objects.get(status=Status.AWAITING_APPROVAL, approvals__isnull=False)
    assert list(selectors.approvals_by_party(half)) == [Party.COMPANY]
    assert Course.objects.filter(status=Status.DRAFT).count() == 1


def test_the_year_gives_the_leaders_figures(seeded):
    today = timezone.localdate()
    counts = selectors.course_counts(seeded, since=today.replace(year=today.year - 1), until=today)
    assert counts.started == 16 and counts.ended == 12 and counts.into_job >= 4


def test_a_second_run_changes_nothing(seeded):
    demo.seed(random.Random("courses.demo"), StringIO())
    assert Course.objects.count() == 25
