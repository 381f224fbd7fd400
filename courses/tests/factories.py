from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from citizens.tests.factories import CitizenFactory
from courses.models import Course, Kind
from labour.tests.factories import CompanyFactory


class CourseFactory(factory.django.DjangoModelFactory):
    """A draft internship of two weeks starting in a week, in the citizen's job centre."""

    class Meta:
        model = Course

    citizen = factory.SubFactory(CitizenFactory)
    job_centre = factory.SelfAttribute("citizen.job_centre")
    company = factory.SubFactory(CompanyFactory, job_centre=factory.SelfAttribute("..job_centre"))
    kind = Kind.INTERNSHIP
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=13))
    hours_per_week = 30
    tasks = "Plukke varer og pakke ordrer"
    mentor_name = "Ole Mentor"
    mentor_phone = "+4522334455"
    consultant = factory.LazyAttribute(
        lambda o: o.citizen.responsible_consultant or StaffFactory(job_centre=o.job_centre)
    )
    created_by = factory.SelfAttribute("consultant")
