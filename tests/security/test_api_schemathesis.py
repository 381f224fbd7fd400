"""Schemathesis against /api/v1/openapi.json, in process through Django's WSGI application:
generated requests (valid and invalid) as a citizen and as a consultant, each with a bearer
token, must never give a server error, and every response must have a documented status code,
content type and a body that conforms to the schema."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from api.services import api_token_create
from api.tests.conftest import bookable_start
from api.v1 import api
from booking.models import Booking
from booking.tests.factories import BookingFactory, RoomFactory, TopicFactory, working_week


def _document() -> dict:
    """The document the openapi.json view serves, made the same way but without a request (the
    view runs in a transaction, and the database is not open while tests are collected);
    `test_the_fuzzed_document_is_the_served_one` holds the two together."""
    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


schema = schemathesis.openapi.from_dict(_document())
schema.app = get_wsgi_application()

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


FUZZ = settings(
    max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's WSGI handler closes the database connection at each request's end (as a server
    should); inside a test's transaction that closes the test itself, as the connection of a
    PostgreSQL test is a real one. Django's own test client does the same as this."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bookable(centre, consultant, citizen):
    """Topics with free times, a room and a booking, so that generated ids sometimes hit
    something."""
    working_week(consultant)
    RoomFactory(job_centre=centre)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    TopicFactory(job_centre=centre, consultants=[consultant], modes=["fremmoede"])
    BookingFactory(citizen=citizen, topic=topic, consultant=consultant, start=bookable_start(3))


def bearer(user) -> dict[str, str]:
    _token, secret = api_token_create(user=user, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@schema.parametrize()
@FUZZ
def test_api_conforms_to_its_schema_for_a_citizen(case, bookable, citizen):
    response = case.call_and_validate(headers=bearer(citizen.user), checks=CHECKS)
    assert response.status_code < 500


@schema.parametrize()
@FUZZ
def test_api_conforms_to_its_schema_for_a_consultant(case, bookable, consultant):
    response = case.call_and_validate(headers=bearer(consultant), checks=CHECKS)
    assert response.status_code < 500


@pytest.mark.django_db
def test_the_fuzzing_reached_real_bookings(citizen, consultant, centre):
    """A sanity check of the setup above: the API books and lists for the citizen."""
    from django.test import Client

    working_week(consultant)
    topic = TopicFactory(job_centre=centre, consultants=[consultant])
    _token, secret = api_token_create(user=citizen.user, name="t")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    response = client.post(
        "/api/v1/bookings",
        {"topic": topic.pk, "start": bookable_start().isoformat(), "mode": "telefon"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Booking.objects.filter(citizen=citizen).count() == 1


@pytest.mark.django_db
def test_the_fuzzed_document_is_the_served_one(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == _document()
    assert {"/api/v1/topics", "/api/v1/slots", "/api/v1/bookings"} <= set(response.json()["paths"])
