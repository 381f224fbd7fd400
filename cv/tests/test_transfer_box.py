"""The occupations' transfer box on a CV (from occupations/tests/test_templating.py: it needs a
CV, and cv sits above occupations, docs/ARCHITECTURE.md "Layers")."""

import pytest
from django.template import engines
from django.utils import translation

from centres.tests.factories import JobCentreFactory
from citizens.tests.factories import CitizenFactory
from cv.tests.factories import CVFactory, CvSkillFactory, SoughtOccupationFactory
from occupations.models import Occupation, Prospect, Skill
from occupations.tests.factories import LabourBalanceFactory

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    with translation.override("en"):
        return engines["jinja2"].from_string(source).render(context)


@pytest.fixture
def balances():
    titles = ["Lagerarbejder", "Sygeplejerske", "Kontorassistent"]
    prospects = [Prospect.GOOD, Prospect.SHORTAGE, Prospect.LESS_GOOD]
    for title, prospect in zip(titles, prospects, strict=True):
        LabourBalanceFactory(occupation=Occupation.objects.get(title=title), prospect=prospect)
    return Occupation.objects.filter(title__in=titles).order_by("title")


def test_the_transfer_box_proposes_occupations_for_a_cv(balances):
    cv = CVFactory(citizen=CitizenFactory(job_centre=JobCentreFactory(postcode="2605")))
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Truckfører"))
    CvSkillFactory(cv=cv, skill=Skill.objects.get(name="Truckcertifikat"))
    html = _render("{{ transfer_box(cv) }}", cv=cv)
    assert "Your skills can also be used as" in html
    assert "Lagerarbejder" in html and "Related to Truckfører" in html
    assert "Good job prospects" in html  # Lagerarbejder's balance in Hovedstaden
    assert _render("{{ transfer_box(cv) }}", cv=None).strip() == ""
    staff = _render("{{ transfer_box(cv, own=False) }}", cv=cv)
    assert "The citizen&#39;s skills can also be used as" in staff
