import factory

from centres.models import JobCentre, Team


class JobCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobCentre
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Jobcenter {n}")
    municipality = factory.LazyAttribute(
        lambda o: o.name.replace("Jobcenter", "").strip() + " Kommune"
    )
    address = "Torvet 1"
    postcode = "2600"
    town = "Glostrup"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    job_centre = factory.SubFactory(JobCentreFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
