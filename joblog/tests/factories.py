from datetime import date

import factory

from citizens.tests.factories import CitizenFactory
from joblog.models import ActivityType, Channel, EntryStatus, JoblogEntry, Yardstick
from occupations.models import Occupation


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ("title",)

    title = factory.Sequence(lambda n: f"Testfag {n}")
    disco_code = "9333"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoblogEntry

    citizen = factory.SubFactory(CitizenFactory)
    activity = ActivityType.APPLICATION
    occupation = factory.SubFactory(OccupationFactory)
    job_title = "Lagermedarbejder, nat"
    employer = factory.Sequence(lambda n: f"Firma {n} A/S")
    postcode = "8000"
    town = "Aarhus C"
    date = date(2026, 11, 20)
    channel = Channel.JOB_AD
    status = EntryStatus.SENT


class YardstickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Yardstick

    searches = 6
    period_days = 28
    inactivity_days = 30
