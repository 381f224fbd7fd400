from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from joblog.models import Yardstick
from joblog.rules import yardstick_for

pytestmark = pytest.mark.django_db

URL = reverse("joblog:yardsticks")


def post(client, group="jobparat", benefit="kontanthjaelp", **data):
    prefix = f"{group}-{benefit}"
    body = {"target_group": group, "benefit_type": benefit}
    body.update({f"{prefix}-{k}": v for k, v in data.items()})
    return client.post(URL, body)


def test_an_administrator_sets_and_resets_a_yardstick(client, admin_user, citizen):
    client.force_login(admin_user)
    page = client.get(URL)
    assert page.status_code == 200 and len(page.context["rows"]) == 6
    assert yardstick_for(citizen).searches == Decimal(6)
    response = post(
        client, benefit="dagpenge", searches="4.5", period_days="28", inactivity_days="21"
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert yardstick_for(citizen) == (Decimal("4.5"), 28, 21)
    client.post(URL, {"target_group": "jobparat", "benefit_type": "dagpenge", "reset": "1"})
    assert not Yardstick.objects.exists()


def test_bad_values_are_refused_in_danish_and_nothing_saved(client, admin_user):
    client.force_login(admin_user)
    response = post(client, searches="-1", period_days="3", inactivity_days="1000")
    assert response.status_code == 400
    form = next(r.form for r in response.context["rows"] if r.form.is_bound)
    assert set(form.errors) == {"searches", "period_days", "inactivity_days"}
    assert not Yardstick.objects.exists()


def test_unknown_group_is_a_bad_request(client, admin_user):
    client.force_login(admin_user)
    assert (
        post(client, group="x", searches="6", period_days="28", inactivity_days="30").status_code
        == 400
    )


@pytest.mark.parametrize(("role", "status"), [(Role.JOB_CONSULTANT, 403), (Role.TEAM_LEADER, 200)])
def test_only_administrators_and_team_leaders(client, centre, role, status):
    client.force_login(StaffFactory(job_centre=centre, role=role))
    assert client.get(URL).status_code == status


def test_a_citizen_may_not(client, citizen):
    client.force_login(citizen.user)
    assert client.get(URL).status_code == 403
