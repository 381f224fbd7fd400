from datetime import timedelta

import factory
from django.utils import timezone

from citizens.tests.factories import CitizenFactory
from labour.tests.factories import OpeningFactory
from suggestions.models import JobSuggestion, SuggestionBatch
from suggestions.services import week_start


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuggestionBatch

    citizen = factory.SubFactory(CitizenFactory)
    week_start = factory.LazyFunction(lambda: week_start(timezone.localdate()))
    due_on = factory.LazyAttribute(lambda o: o.week_start + timedelta(days=7))


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSuggestion

    batch = factory.SubFactory(BatchFactory)
    citizen = factory.SelfAttribute("batch.citizen")
    opening = factory.SubFactory(
        OpeningFactory, job_centre=factory.SelfAttribute("..citizen.job_centre")
    )
    rank = factory.Sequence(lambda n: n + 1)
    why = "Du søger job som lagerarbejder"
