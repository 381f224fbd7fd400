from datetime import timedelta

import factory
from django.utils import timezone

from citizens.tests.factories import CitizenFactory
from occupations.models import Occupation
from plans.models import Agreement, Homework, JobTrack, Plan


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ("title",)

    title = factory.Sequence(lambda n: f"Stilling {n}")
    disco_code = "9333"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    citizen = factory.SubFactory(CitizenFactory)
    job_goal = "Fast job på et lager"


class JobTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobTrack
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    letter = "A"
    set_at = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))

    @factory.post_generation
    def occupations(self, create, extracted, **kwargs):
        if create and extracted:
            self.occupations.set(extracted)


class HomeworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Homework

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Hjemmeopgave {n}")
    due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    created_by = factory.SelfAttribute("plan.citizen.responsible_consultant")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    plan = factory.SubFactory(PlanFactory)
    text = "Du søger også job i Plan B."
    created_by = factory.SelfAttribute("plan.citizen.responsible_consultant")
