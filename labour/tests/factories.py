"""Companies, contacts, agreements and openings for tests of every part of `labour`."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import person_name
from centres.tests.factories import JobCentreFactory
from labour.models import Company, ContactPerson, CooperationAgreement, JobOpening, WheelEvent
from labour.search import document_for

#: Valid CVR numbers (the check digit passes), for factories and tests.
VALID_CVRS = [
    "13585628",
    "10150817",
    "25313763",
    "29189846",
    "30057139",
    "35954716",
    "24256790",
    "15505281",
]


def _cvr(n: int) -> str:
    """A valid CVR number: seven digits from the sequence and the check digit that fits."""
    from stdnum.dk import cvr

    body = f"{1000000 + n * 37 % 8999999:07d}"
    for last in range(10):
        number = body + str(last)
        if cvr.is_valid(number):
            return number
    return _cvr(n + 100000)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    job_centre = factory.SubFactory(JobCentreFactory)
    cvr = factory.Sequence(_cvr)
    name = factory.Sequence(lambda n: f"Virksomhed {n} ApS")
    address = "Industrivej 1"
    postcode = "2605"
    town = "Brøndby"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    company = factory.SubFactory(CompanyFactory)
    name = factory.LazyFunction(person_name)
    title = "HR-partner"
    phone = "+4543211234"
    email = factory.Sequence(lambda n: f"kontakt{n}@virksomhed.example")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAgreement

    company = factory.SubFactory(CompanyFactory)
    title = "Tager 4 i praktik om året"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOpening

    job_centre = factory.SubFactory(JobCentreFactory)
    title = factory.Sequence(lambda n: f"Lagerarbejder {n}")
    employer_name = "Lager A/S"
    postcode = "2605"
    town = "Brøndby"
    date_posted = factory.LazyFunction(timezone.localdate)
    valid_through = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        opening = model_class(*args, **kwargs)
        opening.search_document = document_for(opening)
        opening.save()
        return opening


class WheelEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WheelEvent

    job_centre = factory.SubFactory("centres.tests.factories.JobCentreFactory")
    title = factory.Sequence(lambda n: f"{n + 2} lagermedarbejdere")
    year = 2026
    week_from = 40
    week_to = 44
