"""The balance badge where occupations appear (the CV, Min Plan, the preparation view) and the
transfer box on the CV, in the area of the citizen's job centre (2600 Glostrup: Hovedstaden)."""

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from booking.tests.factories import BookingFactory
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from joblog.tests.factories import EntryFactory
from occupations.models import Occupation, Prospect
from occupations.tests.factories import LabourBalanceFactory
from places.models import Area
from plans.tests.factories import JobTrackFactory, PlanFactory

pytestmark = pytest.mark.django_db

SHORTAGE = (
    '<span class="badge badge-success" title="Labour-market balance, Hovedstaden 2026-2">'
    "Shortage of labour</span>"
)


@pytest.fixture
def warehouse():
    occupation = Occupation.objects.get(title="Lagerarbejder")
    LabourBalanceFactory(occupation=occupation, prospect=Prospect.SHORTAGE)
    LabourBalanceFactory(occupation=occupation, area=Area.NORDJYLLAND, prospect=Prospect.LESS_GOOD)
    return occupation


def _get(client, user, url):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_cv_shows_the_badge_and_the_transfer_box(client, citizen, consultant, warehouse):
    cv = CVFactory(citizen=citizen)
    SoughtOccupationFactory(cv=cv, occupation=warehouse)
    own = _get(client, citizen.user, reverse("cv:own"))
    assert SHORTAGE in own
    assert "Less good job prospects" not in own  # Nordjylland's balance is not this citizen's
    assert "Your skills can also be used as" in own and "Related to Lagerarbejder" in own
    staff = _get(client, consultant, reverse("cv:staff_view", args=[citizen.public_id]))
    assert SHORTAGE in staff and "The citizen&#39;s skills can also be used as" in staff


def test_min_plan_shows_the_badge_on_the_job_plan(client, citizen, consultant, warehouse):
    JobTrackFactory(plan=PlanFactory(citizen=citizen), occupations=[warehouse])
    assert SHORTAGE in _get(client, citizen.user, reverse("plans:own"))
    assert SHORTAGE in _get(
        client, consultant, reverse("plans:staff_view", args=[citizen.public_id])
    )


def test_the_preparation_view_shows_the_badge(client, citizen, consultant, warehouse):
    JobTrackFactory(plan=PlanFactory(citizen=citizen), occupations=[warehouse])
    EntryFactory(
        citizen=citizen, occupation=warehouse, date=timezone.localdate() - timedelta(days=2)
    )
    start = datetime.combine(
        timezone.localdate() + timedelta(days=1), time(10), tzinfo=timezone.get_current_timezone()
    )
    booking = BookingFactory(citizen=citizen, consultant=consultant, start=start)
    html = _get(client, consultant, reverse("conversations:prepare", args=[booking.public_id]))
    assert html.count(SHORTAGE) == 2  # the job plan and the Joblog by occupation
