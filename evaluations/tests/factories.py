from datetime import date

import factory

from centres.tests.factories import JobCentreFactory
from evaluations.models import Evaluation


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    job_centre = factory.SubFactory(JobCentreFactory)
    team = None
    answered_on = factory.LazyFunction(date.today)
    score = 8
    words = ""
