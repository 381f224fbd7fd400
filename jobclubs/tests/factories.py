from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from booking.models import MeetingMode
from centres.tests.factories import JobCentreFactory
from jobclubs.models import JobClub, Seat
from labour.models import Industry


class JobClubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobClub

    job_centre = factory.SubFactory(JobCentreFactory)
    title = factory.Sequence(lambda n: f"Jobklub {n}: lager og logistik")
    industry = factory.LazyFunction(lambda: Industry.objects.order_by("pk").first())
    start = factory.LazyFunction(
        lambda: timezone.now().replace(second=0, microsecond=0) + timedelta(days=7)
    )
    end = factory.LazyAttribute(lambda club: club.start + timedelta(hours=2))
    mode = MeetingMode.IN_PERSON
    place = "Mødelokale 2"
    capacity = 8
    host = factory.SubFactory(StaffFactory, job_centre=factory.SelfAttribute("..job_centre"))
    created_by = factory.SelfAttribute("host")


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    club = factory.SubFactory(JobClubFactory)
    citizen = factory.SubFactory(
        "citizens.tests.factories.CitizenFactory",
        job_centre=factory.SelfAttribute("..club.job_centre"),
    )
    number = factory.Sequence(lambda n: n % 8 + 1)
    booked_at = factory.LazyFunction(timezone.now)
    created_by = factory.SelfAttribute("citizen.user")
