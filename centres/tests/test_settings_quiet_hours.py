from datetime import time

import pytest
from django.core.exceptions import ValidationError

from centres.services import centre_update_settings

SETTINGS = {
    "staff_session_timeout_minutes": "30",
    "citizen_session_timeout_minutes": "30",
    "long_unemployment_months": "12",
    "travel_radius_with_car_km": "40",
    "travel_radius_without_car_km": "20",
    "reminder_lead_hours": "24",
    "small_number_threshold": "5",
    "coservice_idle_minutes": "10",
}


def test_quiet_hours_that_begin_when_they_end_are_refused_in_danish(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/indstillinger/",
        {**SETTINGS, "quiet_hours_start": "09:00", "quiet_hours_end": "09:00"},
    )
    assert response.status_code == 400
    assert "»Ingen påmindelser før« skal være et andet klokkeslæt end »ingen påmindelser fra«" in (
        response.content.decode()
    )
    admin_user.job_centre.refresh_from_db()
    assert admin_user.job_centre.quiet_hours_start == time(22, 0)


def test_the_service_refuses_them_too_and_names_the_field(centre):
    with pytest.raises(ValidationError) as refused:
        centre_update_settings(centre=centre, quiet_hours_start=time(8), quiet_hours_end=time(8))
    assert "quiet_hours_end" in refused.value.message_dict


def test_quiet_hours_that_do_not_cross_midnight_are_allowed(centre):
    centre_update_settings(centre=centre, quiet_hours_start=time(1), quiet_hours_end=time(6))
    centre.refresh_from_db()
    assert (centre.quiet_hours_start, centre.quiet_hours_end) == (time(1), time(6))
