import pytest

from cv.tests.factories import CVFactory, SoughtOccupationFactory
from labour.tests.factories import OpeningFactory
from occupations.models import Occupation


@pytest.fixture
def nurse(db) -> Occupation:
    return Occupation.objects.get_or_create(title="Sygeplejerske", defaults={"disco_code": "2221"})[
        0
    ]


@pytest.fixture
def job_seeker(citizen, nurse):
    """The citizen, job-ready, with a CV that says "Sygeplejerske"."""
    cv = CVFactory(citizen=citizen)
    SoughtOccupationFactory(cv=cv, occupation=nurse)
    return citizen


@pytest.fixture
def nurse_openings(centre, nurse):
    """Twelve open nursing jobs at the citizen's job centre."""
    return [
        OpeningFactory(job_centre=centre, title=f"Sygeplejerske til afdeling {n}", occupation=nurse)
        for n in range(12)
    ]
