"""The demo citizens live around their job centre, so matching and job suggestions measure
distances the demo can show."""

import random
from io import StringIO

import pytest

from centres import demo as centres_demo
from citizens import demo as citizens_demo
from citizens.models import Citizen
from labour.matching import radius_for
from places.selectors import distance_km

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    centres_demo.seed(random.Random("centres.demo"), StringIO())
    citizens_demo.seed(random.Random("citizens.demo"), StringIO())


def test_every_demo_citizen_lives_near_their_job_centre(seeded):
    citizens = list(Citizen.objects.select_related("job_centre"))
    assert len(citizens) > 1000
    assert all(c.postcode for c in citizens)
    assert all(distance_km(c.postcode, c.job_centre.postcode) < 60 for c in citizens)
    demo = [c for c in citizens if c.job_centre.name == "Jobcenter Demo"]
    assert len({c.postcode for c in demo}) >= 10
    assert sum(c.postcode == "2605" for c in demo) > len(demo) / 5
    own_radius = [c for c in citizens if c.travel_radius_km]
    assert 0.05 < len(own_radius) / len(citizens) < 0.2


def test_borger_lives_in_broendby_with_the_standard_radius(seeded):
    borger = Citizen.objects.get(user__username="borger")
    assert (borger.postcode, borger.travel_radius_km) == ("2605", None)
    assert radius_for(borger) == 20  # no CV yet: no driving licence; cv.demo gives a B: 40
    nord = Citizen.objects.get(user__username="borger-nord")
    assert (nord.postcode, nord.travel_radius_km) == ("9900", None)
