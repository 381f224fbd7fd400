import factory

from accounts.tests.factories import JobCentreFactory
from centres.models import Team

__all__ = ["JobCentreFactory", "TeamFactory"]


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    job_centre = factory.SubFactory(JobCentreFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
