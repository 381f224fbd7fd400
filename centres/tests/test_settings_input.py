"""The centre's settings take a Danish postcode and plain text: no postcode -1, no bytes that
are not UTF-8, no control characters (issue 20, finding 6)."""

from urllib.parse import urlencode

import pytest
from django.forms.models import model_to_dict

from centres.models import JobCentre


def _settings_post(**overrides):
    values = {
        "address": "Ny vej 2",
        "postcode": "2600",
        "town": "Glostrup",
        "staff_session_timeout_minutes": "20",
        "citizen_session_timeout_minutes": "30",
        "long_unemployment_months": "9",
        "travel_radius_with_car_km": "35",
        "travel_radius_without_car_km": "15",
        "phone": "43 23 60 00",
        "email": "jobcenter@example.dk",
        "opening_hours": "Mandag-fredag 9-15\nLørdag lukket",
        "quiet_hours_start": "21:00",
        "quiet_hours_end": "08:00",
        "reminder_lead_hours": "24",
        "small_number_threshold": "5",
        "coservice_idle_minutes": "10",
    }
    return {**values, **overrides}


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("-1", "Skriv et dansk postnummer på fire cifre."),
        ("123", "Skriv et dansk postnummer på fire cifre."),
        ("0554", "Skriv et dansk postnummer på fire cifre."),
        ("0000", "Skriv et dansk postnummer på fire cifre."),
        ("0999", "Vi kender ikke postnummeret 0999."),
    ],
)
def test_the_centres_postcode_is_a_danish_postcode(client, admin_user, postcode, message):
    client.force_login(admin_user)
    response = client.post("/indstillinger/", _settings_post(postcode=postcode))
    assert response.status_code == 400
    assert message in response.content.decode()
    admin_user.job_centre.refresh_from_db()
    assert admin_user.job_centre.postcode == "2600"


def test_invalid_utf8_and_control_characters_are_refused(client, admin_user):
    """Bytes that are not UTF-8 (percent-encoded, as a form sends them) reach the form as
    U+FFFD; a control character in the town (a line break, an escape) would break an address
    label, a calendar file or a header."""
    client.force_login(admin_user)
    before = model_to_dict(admin_user.job_centre)
    for field, value in [
        ("town", b"Glostr%FF%FEup"),
        ("town", "Glostrup\r\nX-Header: 1"),
        ("address", "Ny vej\x1b[2J 2"),
        ("opening_hours", "Mandag\x00fredag"),
    ]:
        body = _settings_post()
        if isinstance(value, bytes):  # posted as they are: Django's test client would encode
            encoded = urlencode({k: v for k, v in body.items() if k != field})
            data = encoded.encode() + b"&" + field.encode() + b"=" + value
            response = client.generic(
                "POST", "/indstillinger/", data, "application/x-www-form-urlencoded"
            )
        else:
            response = client.post("/indstillinger/", {**body, field: value})
        assert response.status_code == 400, (field, value)
        # Control characters are refused by the input-hygiene layer of every form; what it
        # lets through that is still not plain text (unreadable bytes), by the field's own.
        page = response.content.decode()
        assert "Skriv almindelig tekst" in page or "indeholder et tegn, der ikke kan bruges" in page
    centre = JobCentre.objects.get(pk=admin_user.job_centre_id)
    assert model_to_dict(centre) == before  # nothing saved


def test_opening_hours_may_have_several_lines(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/indstillinger/", _settings_post())
    assert response.status_code == 302
    admin_user.job_centre.refresh_from_db()
    lines = admin_user.job_centre.opening_hours.splitlines()
    assert lines == ["Mandag-fredag 9-15", "Lørdag lukket"]
