"""The booking week in the query string (?uge=): a date at the end of the calendar or a week
in another format never gives a server error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("week", ["9999-12-31", "9999-W52", "0001-01-01", "2026-13-45", "a\x00"])
def test_an_odd_week_is_not_a_server_error(client, citizen, topic, week):
    client.force_login(citizen.user)
    url = reverse("booking:start")
    response = client.get(url, {"emne": topic.pk, "konsulent": "alle", "uge": week})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "uge" in response.content.decode().lower()
