"""The API's edges: the OpenAPI document, no Swagger page, JSON for unknown paths and methods."""

import pytest
from django.utils.translation import gettext, override

from api.tests.conftest import API, bearer_client
from booking.models import Booking, Status
from booking.services import bookings as services
from booking.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


def test_the_openapi_document_lists_every_path_and_both_ways_in(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Jobsamtale API"
    assert set(document["paths"]) == {
        f"{API}/topics",
        f"{API}/slots",
        f"{API}/bookings",
        f"{API}/bookings/{{booking_id}}/cancel",
    }
    assert set(document["paths"][f"{API}/bookings"]) == {"get", "post"}
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    responses = document["paths"][f"{API}/bookings"]["post"]["responses"]
    assert {"201", "200", "409", "422"} <= set(responses)


def test_there_is_no_swagger_page_fetching_from_a_cdn(client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_unknown_paths_and_methods_answer_in_json(citizen_api):
    with override("da"):
        not_found, not_allowed = gettext("Not found."), gettext("Method not allowed.")
    for path in ["/", "/nothing", "/topics/1"]:
        response = citizen_api.get(API + path)
        assert response.status_code == 404
        assert response.json() == {"detail": not_found}
    response = citizen_api.delete(f"{API}/topics")
    assert response.status_code == 405
    assert response.json() == {"detail": not_allowed}
    assert response["Allow"] == "GET"


def test_an_unexpected_error_is_500_json_and_rolls_the_request_back(
    citizen, topic, start, monkeypatch
):
    booking = BookingFactory(
        citizen=citizen, topic=topic, consultant=topic.consultants.get(), start=start
    )

    def cancel_then_fail(*, booking, actor):
        Booking.objects.filter(pk=booking.pk).update(status=Status.CANCELLED_BY_CITIZEN)
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "cancel_by_citizen", cancel_then_fail)
    api = bearer_client(citizen.user, raise_request_exception=False)
    response = api.post(f"{API}/bookings/{booking.public_id}/cancel")
    assert response.status_code == 500
    with override("da"):
        assert response.json() == {"detail": gettext("Something went wrong. Please try again.")}
    booking.refresh_from_db()
    assert booking.status == Status.BOOKED
