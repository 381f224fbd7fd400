from datetime import date

import factory

from accounts.tests.factories import CitizenUserFactory
from centres.tests.factories import JobCentreFactory
from citizens.identifiers import cpr_hash
from citizens.models import BenefitType, Citizen, TargetGroup


def _cpr(n: int) -> str:
    return f"{(n % 28) + 1:02d}{(n // 28) % 12 + 1:02d}{80 + n % 20:02d}{n % 10000:04d}"


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    job_centre = factory.SubFactory(JobCentreFactory)
    user = factory.SubFactory(CitizenUserFactory, job_centre=factory.SelfAttribute("..job_centre"))
    cpr = factory.Sequence(_cpr)
    cpr_hash = factory.LazyAttribute(lambda o: cpr_hash(o.cpr))
    benefit_type = BenefitType.DAGPENGE
    target_group = TargetGroup.JOB_READY
    registered_on = date(2026, 9, 1)
    mobile = "+4520123456"
