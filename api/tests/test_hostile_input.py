"""Hostile and malformed input to the API: always a documented 4xx in JSON, never a 500 or an
HTML page, and nothing saved."""

import json

import pytest
from django.core.handlers import base
from django.db import DatabaseError
from django.urls import reverse

from api.tests.conftest import API, bearer_client, booking_body
from booking.models import Booking

pytestmark = pytest.mark.django_db


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_a_nul_byte_in_the_note_is_refused_naming_the_field(citizen_api, citizen, topic, start):
    response = citizen_api.post(
        f"{API}/bookings", booking_body(topic, start, note="Mit\x00 CV"), "application/json"
    )
    body = _json_error(response, 422)
    assert "note" in body["errors"] and "tegn" in body["errors"]["note"][0]
    assert not Booking.objects.filter(citizen=citizen).exists()


@pytest.mark.parametrize("offset", ["99999999999999999999", "9223372036854775808", "-1"])
def test_an_offset_out_of_range_is_a_422(citizen_api, offset):
    body = _json_error(citizen_api.get(f"{API}/bookings", {"offset": offset}), 422)
    assert "offset" in body["errors"]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_out_of_range_for_free_times_is_a_422(citizen_api, topic, day):
    response = citizen_api.get(f"{API}/slots", {"topic": topic.pk, "date_from": day})
    assert "date_from" in _json_error(response, 422)["errors"]


def test_an_id_beyond_the_column_is_a_422(citizen_api):
    response = citizen_api.get(f"{API}/slots", {"topic": 2**63})
    assert "topic" in _json_error(response, 422)["errors"]


def test_a_body_over_the_upload_limit_is_a_413_in_json(citizen_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"note": "x" * 2000})
    response = citizen_api.post(f"{API}/bookings", body, "application/json")
    assert "detail" in _json_error(response, 413)


def test_a_20_mb_body_is_a_413_in_json(citizen_api):
    body = '{"note": "' + "x" * 20_000_000 + '"}'
    response = citizen_api.post(f"{API}/bookings", body, "application/json")
    assert "detail" in _json_error(response, 413)


def test_json_nested_too_deep_is_a_4xx_in_json(citizen_api):
    response = citizen_api.post(f"{API}/bookings", "[" * 5000 + "]" * 5000, "application/json")
    assert response.status_code in (400, 422)
    assert response["Content-Type"].startswith("application/json")


def _commit_fails(monkeypatch) -> None:
    """The request's transaction (ATOMIC_REQUESTS) fails as it commits: after the view has
    returned, outside the view and the API's own exception handlers."""
    real_make_view_atomic = base.BaseHandler.make_view_atomic

    def make_view_atomic(handler, view):
        atomic_view = real_make_view_atomic(handler, view)
        if atomic_view is view:  # non_atomic_requests
            return view

        def commit_fails(*args, **kwargs):
            atomic_view(*args, **kwargs)
            raise DatabaseError("could not serialize access due to concurrent update")

        return commit_fails

    monkeypatch.setattr(base.BaseHandler, "make_view_atomic", make_view_atomic)


def test_a_failure_at_commit_is_answered_in_json(citizen, topic, monkeypatch):
    _commit_fails(monkeypatch)
    client = bearer_client(citizen.user, raise_request_exception=False)
    body = _json_error(client.get(f"{API}/topics"), 500)
    assert body == {"detail": "Der er sket en fejl. Prøv igen."}


def test_a_failure_at_commit_on_a_page_is_still_the_html_page(client, consultant, monkeypatch):
    _commit_fails(monkeypatch)
    client.raise_request_exception = False
    client.force_login(consultant)
    response = client.get("/")
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")


def test_a_page_body_over_the_limit_is_a_danish_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("set_language"), {"language": "da", "next": "x" * 2000})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "for stor" in response.content.decode()


def test_every_input_schema_of_the_api_meets_the_hygiene_layer():
    """A new endpoint's query or body schema must derive from InputSchema (or be a plain
    UUID, string header or the like that cannot carry anything unbounded into the database)."""
    from pydantic import BaseModel

    from api.schemas import InputSchema
    from api.v1 import api

    checked, without = 0, []
    for _prefix, router in api._routers:
        for path, path_operation in router.path_operations.items():
            for operation in path_operation.operations:
                for model in operation.models:
                    for name, info in model.model_fields.items():
                        kind = info.annotation
                        if isinstance(kind, type) and issubclass(kind, BaseModel):
                            checked += 1
                            if not issubclass(kind, InputSchema):
                                without.append(f"{path} {name}: {kind.__name__}")
    assert checked >= 3
    assert not without, without
