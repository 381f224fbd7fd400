from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from citizens import services
from citizens.models import Citizen
from citizens.services import CitizenData


def data(**overrides) -> CitizenData:
    values = {
        "name": "Søren Ærø Østergaard",
        "benefit_type": "dagpenge",
        "target_group": "jobparat",
        "registered_on": date(2026, 10, 1),
    }
    return CitizenData(**{**values, **overrides})


def test_create_stores_a_citizen_with_a_user_and_no_local_password(centre, consultant):
    citizen = services.citizen_create(
        job_centre=centre, cpr="010190-1234", data=data(responsible_consultant=consultant)
    )
    assert citizen.cpr == "0101901234"
    assert citizen.user.role == Role.CITIZEN
    assert citizen.user.job_centre == centre
    assert not citizen.user.has_usable_password()


def test_a_cpr_number_is_registered_once(centre):
    services.citizen_create(job_centre=centre, cpr="0101901234", data=data())
    with pytest.raises(ValidationError) as info:
        services.citizen_create(job_centre=centre, cpr="010190-1234", data=data())
    assert "cpr" in info.value.message_dict
    assert Citizen.objects.count() == 1


def test_consultant_must_be_a_job_consultant_of_the_same_centre(centre, other_consultant):
    with pytest.raises(ValidationError):
        services.citizen_create(
            job_centre=centre, cpr="0101901234", data=data(responsible_consultant=other_consultant)
        )
    assert Citizen.objects.count() == 0


def test_exemption_needs_a_reason(centre):
    with pytest.raises(ValidationError):
        services.citizen_create(
            job_centre=centre, cpr="0101901234", data=data(self_booking_exempt=True)
        )


def test_update_changes_profile_and_name(citizen):
    services.citizen_update(
        citizen=citizen,
        data=data(name="Nyt Navn", target_group="aktivitetsparat", needs_interpreter=True),
    )
    citizen.refresh_from_db()
    assert citizen.user.name == "Nyt Navn"
    assert citizen.target_group == "aktivitetsparat"
    assert citizen.support_needs == ["behov for tolk"]
