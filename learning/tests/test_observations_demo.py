"""The observations demo (learning/demo/observations.py): a few months of observations in
"Jobparate dagpenge" on the conversations the booking demo made."""

import random
from io import StringIO

import pytest
from django.db import transaction
from django.utils import timezone

from booking import demo as booking_demo
from booking.models import Status as BookingStatus
from centres import demo as centres_demo
from centres.models import Team
from citizens import demo as citizens_demo
from learning.demo import observations as demo
from learning.models import Observation, ObservationStatus
from learning.selectors.observations import feedback_counts, home_observations

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Seeded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        for module in (centres_demo, citizens_demo, booking_demo):
            module.seed(random.Random(module.__name__), out)
        demo.seed(random.Random("learning.demo.observations"), out)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_data):
    return Team.objects.get(name="Jobparate dagpenge")


def test_a_few_months_of_observations_in_every_state(seeded):
    observations = Observation.objects.select_related("booking", "observer", "observed")
    assert 15 <= observations.count() <= 25
    by_status = {s: observations.filter(status=s).count() for s in ObservationStatus.values}
    assert by_status[ObservationStatus.ACKNOWLEDGED] >= 10
    assert by_status[ObservationStatus.FEEDBACK_GIVEN] >= 2
    assert by_status[ObservationStatus.DECLINED] == 1
    assert by_status[ObservationStatus.REQUESTED] + by_status[ObservationStatus.ACCEPTED] == 2
    assert observations.filter(observer__username="teamleder").count() >= 5
    now = timezone.now()
    texts = set()
    for o in observations:
        assert o.observed.team == seeded and o.booking.consultant == o.observed
        assert o.observer != o.observed and o.observer.team == seeded
        for moment in (o.requested_at, o.answered_at, o.feedback_at, o.acknowledged_at):
            assert moment is None or moment <= now
        if o.feedback_at:
            assert o.booking.status == BookingStatus.HELD
            assert o.consent_at <= o.booking.end <= o.feedback_at
            assert o.went_well and o.try_next and any(a["answer"] for a in o.answers)
            texts.add(o.went_well)
        if o.status in (ObservationStatus.REQUESTED, ObservationStatus.ACCEPTED):
            assert o.booking.status == BookingStatus.BOOKED and o.booking.start > now
    assert len(texts) >= 12  # varied feedback, not one text repeated


def test_konsulent_and_teamleder_find_something_waiting_at_home(seeded):
    konsulent = seeded.members.get(username="konsulent")
    teamleder = seeded.members.get(username="teamleder")
    today = timezone.localdate()
    mine = home_observations(user=konsulent, today=today)["observations_waiting"]
    assert any(row.step.url.endswith("#feedback") for row in mine)
    theirs = home_observations(user=teamleder, today=today)["observations_waiting"]
    assert any(row.step.url.endswith("#answer") for row in theirs)


def test_the_counts_for_the_team_and_a_second_run_changes_nothing(seeded):
    today = timezone.localdate()
    rows = feedback_counts(team=seeded, since=today.replace(year=today.year - 1), until=today)
    given = {row.consultant.username: row.given for row in rows}
    assert given["teamleder"] >= 5
    assert sum(row.given for row in rows) == sum(row.received for row in rows)
    assert sum(given.values()) == Observation.objects.filter(feedback_at__isnull=False).count()
    before = Observation.objects.count()
    demo.seed(random.Random("learning.demo.observations"), StringIO())
    assert Observation.objects.count() == before
