from datetime import time, timedelta

import factory

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.models import HelpHours, HelpPlace
from centres.tests.factories import JobCentreFactory
from coservice.models import CoServiceChange, CoServiceSession, EndReason


def _time(value: int | time) -> time:
    return time(value) if isinstance(value, int) else value


class HelperFactory(StaffFactory):
    role = Role.HELPER


class HelpPlaceFactory(factory.django.DjangoModelFactory):
    """A library open Tuesday 10-12 and Thursday 13-15, as Brøndby's is."""

    class Meta:
        model = HelpPlace
        skip_postgeneration_save = True

    job_centre = factory.SubFactory(JobCentreFactory)
    name = factory.Sequence(lambda n: f"Bibliotek {n}")
    kind = HelpPlace.Kind.LIBRARY

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        for weekday, opens, closes in extracted or [(1, 10, 12), (3, 13, 15)]:
            HelpHours.objects.create(
                place=self, weekday=weekday, opens=_time(opens), closes=_time(closes)
            )

    @factory.post_generation
    def helpers(self, create, extracted, **kwargs):
        for helper in extracted or []:
            self.helpers.add(helper)


class SessionFactory(factory.django.DjangoModelFactory):
    """A past session of a quarter of an hour at the place, ended by the helper; `changes`
    lists the parts the citizen changed in it (["cv", "joblog"])."""

    class Meta:
        model = CoServiceSession
        skip_postgeneration_save = True

    place = factory.SubFactory(HelpPlaceFactory)
    job_centre = factory.SelfAttribute("place.job_centre")
    helper = factory.SubFactory(HelperFactory, job_centre=factory.SelfAttribute("..job_centre"))
    citizen = factory.SubFactory(
        "citizens.tests.factories.CitizenFactory", job_centre=factory.SelfAttribute("..job_centre")
    )
    last_seen_at = factory.LazyAttribute(lambda s: s.started_at + timedelta(minutes=15))
    closes_at = factory.LazyAttribute(lambda s: s.started_at + timedelta(hours=1))
    ended_at = factory.SelfAttribute("last_seen_at")
    end_reason = EndReason.HELPER

    @factory.post_generation
    def changes(self, create, extracted, **kwargs):
        for area in extracted or []:
            CoServiceChange.objects.create(session=self, area=area, at=self.started_at)
