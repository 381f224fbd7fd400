import factory

from accounts.models import Role, User
from centres.tests.factories import JobCentreFactory

PASSWORD = "en-god-adgangskode-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name", locale="da_DK")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.dk")
    job_centre = factory.SubFactory(JobCentreFactory)
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    role = Role.JOB_CONSULTANT


class CitizenUserFactory(UserFactory):
    role = Role.CITIZEN
