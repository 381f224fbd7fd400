"""The annual wheel's demo data: a seasonal year over this year and the next, tied to the demo
companies by industry, and two Tuesday-mail subscribers with something new to read."""

import random
from io import StringIO

import pytest
from django.utils import timezone

from centres import demo as centres_demo
from centres.models import JobCentre
from labour import digest
from labour.demo import wheel as wheel_demo
from labour.models import DigestSubscription, Industry, WheelEvent
from labour.tests.factories import CompanyFactory
from labour.wheel import weeks_in_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    centres_demo.seed(random.Random("centres.demo"), StringIO())
    centre = JobCentre.objects.get(name="Jobcenter Demo")
    for code in ["521000", "873000", "551010", "561010", "013000", "471110"]:
        CompanyFactory(job_centre=centre, industry=Industry.objects.get(code=code))
    wheel_demo.seed(random.Random("labour.demo.wheel"), StringIO())
    return centre


def test_a_seasonal_wheel_over_this_year_and_the_next(seeded):
    events = list(WheelEvent.objects.filter(job_centre=seeded).select_related("company__industry"))
    this_year = timezone.localdate().isocalendar().year
    assert 35 <= len(events) <= 45
    assert {e.year for e in events} == {this_year, this_year + 1}
    assert all(1 <= e.week_from <= e.week_to <= weeks_in_year(e.year) for e in events)
    christmas = [e for e in events if "julesæson" in e.title]
    assert christmas and all((e.week_from, e.week_to) == (40, 51) for e in christmas)
    storage = [e for e in christmas if e.company_id]
    assert storage and all(e.company.industry.code == "521000" for e in storage)
    care = [e for e in events if "ældreplejen" in e.title]
    assert all((e.week_from, e.week_to) == (26, 32) for e in care)
    assert all(e.occupation_id for e in events)


def test_the_subscribers_digest_shows_the_newest_needs(seeded):
    subscriptions = DigestSubscription.objects.filter(active=True).select_related("user")
    assert {s.user.username for s in subscriptions} == {"virksomhed", "konsulent"}
    user = subscriptions[0].user
    assert subscriptions[0].last_sent_at < timezone.now()
    assert digest.digest_for(user).event_count == wheel_demo.NEW_SINCE_DIGEST


def test_a_second_run_changes_nothing(seeded):
    count = WheelEvent.objects.count()
    wheel_demo.seed(random.Random("labour.demo.wheel"), StringIO())
    assert WheelEvent.objects.count() == count
