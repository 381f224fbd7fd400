from datetime import time, timedelta

import factory

from booking.models import Booking, MeetingMode, Room, Topic, WorkingDay
from centres.tests.factories import JobCentreFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        skip_postgeneration_save = True

    job_centre = factory.SubFactory(JobCentreFactory)
    name = factory.Sequence(lambda n: f"Emne {n}")
    duration_minutes = 45
    modes = factory.LazyFunction(lambda: [m.value for m in MeetingMode])
    target_groups = factory.LazyFunction(list)

    @factory.post_generation
    def consultants(self, create, extracted, **kwargs):
        if create and extracted:
            self.consultants.set(extracted)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    job_centre = factory.SubFactory(JobCentreFactory)
    name = factory.Sequence(lambda n: f"Mødelokale {n}")
    location = "Stueetagen"


class WorkingDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingDay

    weekday = 0
    start = time(9, 0)
    end = time(15, 0)
    break_start = time(12, 0)
    break_end = time(12, 30)


def working_week(consultant, **kwargs) -> None:
    """Monday to Friday, 09-15 with lunch 12-12.30, unless kwargs say otherwise."""
    for weekday in range(5):
        WorkingDayFactory(consultant=consultant, weekday=weekday, **kwargs)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    job_centre = factory.SelfAttribute("citizen.job_centre")
    topic = factory.SubFactory(TopicFactory, job_centre=factory.SelfAttribute("..job_centre"))
    mode = MeetingMode.PHONE
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=45))
    blocked_until = factory.LazyAttribute(lambda o: o.end + timedelta(minutes=15))
    created_by = factory.SelfAttribute("citizen.user")
