import factory
from django.utils import timezone

from occupations.models import LabourBalance, Occupation, Prospect
from places.models import Area


class LabourBalanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabourBalance

    occupation = factory.LazyFunction(lambda: Occupation.objects.get(title="Lagerarbejder"))
    area = Area.HOVEDSTADEN
    prospect = Prospect.GOOD
    period = "2026-2"
    imported_at = factory.LazyFunction(timezone.now)
