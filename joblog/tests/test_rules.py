from decimal import Decimal

import pytest

from citizens.models import BenefitType, TargetGroup
from citizens.tests.factories import CitizenFactory
from joblog.rules import DEFAULTS, yardstick_for
from joblog.tests.factories import YardstickFactory

pytestmark = pytest.mark.django_db

JOBPARAT, AKTIVITETSPARAT = TargetGroup.JOB_READY, TargetGroup.ACTIVITY_READY
DAGPENGE, KONTANTHJAELP = BenefitType.DAGPENGE, BenefitType.KONTANTHJAELP


def test_the_defaults_are_one_and_a_half_a_week_over_four_weeks(centre):
    citizen = CitizenFactory(job_centre=centre, target_group=JOBPARAT, benefit_type=DAGPENGE)
    assert yardstick_for(citizen) == (Decimal(6), 28, 30)
    assert DEFAULTS[("", "")].searches / DEFAULTS[("", "")].period_days * 7 == Decimal("1.5")


def test_jobparate_on_kontanthjaelp_search_six_a_month_by_default(centre):
    citizen = CitizenFactory(job_centre=centre, target_group=JOBPARAT, benefit_type=KONTANTHJAELP)
    assert yardstick_for(citizen) == (Decimal(6), 30, 30)
    other = CitizenFactory(
        job_centre=centre, target_group=AKTIVITETSPARAT, benefit_type=KONTANTHJAELP
    )
    assert yardstick_for(other) == (Decimal(6), 28, 30)


def test_the_most_specific_row_of_the_citizens_own_centre_wins(centre, other_centre):
    citizen = CitizenFactory(job_centre=centre, target_group=JOBPARAT, benefit_type=DAGPENGE)
    YardstickFactory(job_centre=other_centre, target_group=JOBPARAT, benefit_type=DAGPENGE)
    assert yardstick_for(citizen) == (Decimal(6), 28, 30)
    YardstickFactory(job_centre=centre, searches=4, period_days=28, inactivity_days=45)
    assert yardstick_for(citizen) == (Decimal(4), 28, 45)
    YardstickFactory(job_centre=centre, benefit_type=DAGPENGE, searches=5)
    assert yardstick_for(citizen).searches == 5
    YardstickFactory(job_centre=centre, target_group=JOBPARAT, searches=7)
    assert yardstick_for(citizen).searches == 7
    YardstickFactory(
        job_centre=centre, target_group=JOBPARAT, benefit_type=DAGPENGE, searches="8.5"
    )
    assert yardstick_for(citizen).searches == Decimal("8.5")
    kontant = CitizenFactory(
        job_centre=centre, target_group=AKTIVITETSPARAT, benefit_type=KONTANTHJAELP
    )
    assert yardstick_for(kontant).searches == 4
