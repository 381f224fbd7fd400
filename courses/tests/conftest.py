from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services
from courses.models import Kind, Party
from courses.services import CourseTerms
from labour.tests.factories import CompanyFactory, ContactFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def company(centre):
    return CompanyFactory(job_centre=centre, name="Lager X")


@pytest.fixture
def contact(company):
    return ContactFactory(company=company, name="Mette Hansen", title="Lagerchef")


def terms(consultant, **changes) -> CourseTerms:
    today = timezone.localdate()
    values = {
        "kind": Kind.INTERNSHIP,
        "starts_on": today + timedelta(days=7),
        "ends_on": today + timedelta(days=20),
        "hours_per_week": 30,
        "tasks": "Plukke varer og pakke ordrer",
        "contact": None,
        "mentor_name": "Ole Mentor",
        "mentor_phone": "+4522334455",
        "consultant": consultant,
    }
    values.update(changes)
    return CourseTerms(**values)


@pytest.fixture
def draft(citizen, company, contact, consultant):
    return services.course_create(
        job_centre=citizen.job_centre,
        citizen=citizen,
        company=company,
        terms=terms(consultant, contact=contact),
        created_by=consultant,
    )


@pytest.fixture
def awaiting(draft, consultant):
    return services.course_submit_for_approval(course=draft, actor=consultant)


def approve_both(course, consultant, name="Mette Hansen"):
    services.course_approve(
        course=course,
        party=Party.COMPANY,
        by_user=consultant,
        by_name=name,
        version=course.version,
    )
    services.course_approve(
        course=course, party=Party.JOB_CENTRE, by_user=consultant, version=course.version
    )
    return course


@pytest.fixture
def approved(awaiting, consultant):
    return approve_both(awaiting, consultant)


def course_in_period(citizen, company, consultant, *, starts_ago, days, **changes):
    """An approved course that began `starts_ago` days ago and lasts `days` days."""
    start = timezone.localdate() - timedelta(days=starts_ago)
    course = services.course_create(
        job_centre=citizen.job_centre,
        citizen=citizen,
        company=company,
        terms=terms(
            consultant, starts_on=start, ends_on=start + timedelta(days=days - 1), **changes
        ),
        created_by=consultant,
    )
    services.course_submit_for_approval(course=course, actor=consultant)
    return approve_both(course, consultant)


@pytest.fixture
def running(citizen, company, consultant):
    course = course_in_period(citizen, company, consultant, starts_ago=3, days=14)
    return services.course_start(course=course, actor=consultant)
