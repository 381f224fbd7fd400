"""The job clubs demo (jobclubs/demo.py, run by seed_demo): clubs in both demo centres, borger
with a seat, one club full; a second run changes nothing."""

import random
from io import StringIO

import pytest

from centres import demo as centres_demo
from citizens import demo as citizens_demo
from jobclubs import demo
from jobclubs.models import JobClub, Seat, SeatStatus

pytestmark = pytest.mark.django_db


def test_demo_clubs_in_each_centre_with_borger_seated_and_one_full():
    out = StringIO()
    centres_demo.seed(random.Random("centres.demo"), out)
    citizens_demo.seed(random.Random("citizens.demo"), out)
    demo.seed(random.Random("jobclubs.demo"), out)
    assert JobClub.objects.filter(job_centre__name="Jobcenter Demo").count() == 5
    assert JobClub.objects.filter(job_centre__name="Jobcenter Nord").count() == 2
    assert Seat.objects.filter(citizen__user__username="borger", status=SeatStatus.BOOKED).exists()
    full = JobClub.objects.get(job_centre__name="Jobcenter Demo", title="Jobklub: rengøring")
    assert full.seats.filter(status=SeatStatus.BOOKED).count() == full.capacity
    seats = Seat.objects.count()
    demo.seed(random.Random("jobclubs.demo"), out)
    assert (JobClub.objects.count(), Seat.objects.count()) == (7, seats)
