import pytest

from accounts.models import Role
from accounts.tests.factories import CitizenUserFactory, StaffFactory
from citizens.tests.factories import CitizenFactory
from sso.selectors import citizen_user_by_cpr, staff_user_by_email

pytestmark = pytest.mark.django_db


def test_citizen_by_cpr_finds_by_keyed_hash_in_any_spelling(centre):
    citizen = CitizenFactory(job_centre=centre, cpr="0101901234")
    assert citizen_user_by_cpr(cpr="0101901234") == citizen.user
    assert citizen_user_by_cpr(cpr="010190-1234") == citizen.user
    assert citizen_user_by_cpr(cpr="0202905678") is None
    assert citizen_user_by_cpr(cpr="") is None
    assert citizen_user_by_cpr(cpr="not a number") is None


def test_citizen_by_cpr_skips_inactive_users(centre):
    citizen = CitizenFactory(job_centre=centre, cpr="0101901234")
    citizen.user.is_active = False
    citizen.user.save()
    assert citizen_user_by_cpr(cpr="0101901234") is None


def test_staff_by_email_is_case_insensitive_and_staff_only(centre):
    staff = StaffFactory(job_centre=centre, email="Leder@Kommune.dk", role=Role.MANAGER)
    CitizenUserFactory(job_centre=centre, email="borger@kommune.dk")
    assert staff_user_by_email(email="leder@kommune.DK") == staff
    assert staff_user_by_email(email="borger@kommune.dk") is None
    assert staff_user_by_email(email="") is None
    assert staff_user_by_email(email="leder") is None


def test_an_ambiguous_email_logs_nobody_in(centre, other_centre):
    StaffFactory(job_centre=centre, email="delt@kommune.dk")
    StaffFactory(job_centre=other_centre, email="DELT@kommune.dk")
    assert staff_user_by_email(email="delt@kommune.dk") is None
