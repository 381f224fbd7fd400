import hashlib
import secrets
from datetime import timedelta

import pytest
from django.test import Client
from django.utils.translation import gettext, override

from api.models import ApiToken
from api.services import api_token_create, api_token_revoke
from api.tests.conftest import API, booking_body

pytestmark = pytest.mark.django_db


def _danish(message: str) -> str:
    with override("da"):
        return gettext(message)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/topics"),
        ("get", "/slots?topic=1"),
        ("get", "/bookings"),
        ("post", "/bookings"),
        ("post", "/bookings/2b1f7a55-1111-4d5e-9a7e-0c6c1d9f0a11/cancel"),
    ],
)
def test_anonymous_callers_get_401_json_never_the_login_page(client, method, path):
    response = getattr(client, method)(API + path, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json() == {
        "detail": _danish("Log in, or send an API token (Authorization: Bearer).")
    }


def test_a_token_authenticates_and_is_stored_only_as_a_hash(citizen):
    token, secret = api_token_create(user=citizen.user, name="Min app")
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get(f"{API}/topics")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.key_prefix == secret[:8] and len(token.key_prefix) == 8
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    assert secret not in stored
    assert token.last_used_at is not None


def test_a_revoked_token_is_401(citizen):
    token, secret = api_token_create(user=citizen.user, name="Min app")
    api_token_revoke(token=token)
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get(f"{API}/topics")
    assert response.status_code == 401


def test_the_token_of_an_inactive_user_is_401(citizen):
    _token, secret = api_token_create(user=citizen.user, name="Min app")
    citizen.user.is_active = False
    citizen.user.save()
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get(f"{API}/topics")
    assert response.status_code == 401


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer ", "Token abc"])
def test_an_unknown_token_is_401(citizen, header):
    response = Client(headers={"Authorization": header}).get(f"{API}/topics")
    assert response.status_code == 401


def test_a_bad_token_does_not_fall_back_to_the_session(client, citizen):
    client.force_login(citizen.user)
    response = client.get(f"{API}/topics", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401


def test_last_used_is_written_at_most_once_a_minute(citizen):
    token, secret = api_token_create(user=citizen.user, name="Min app")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    api.get(f"{API}/topics")
    token.refresh_from_db()
    first = token.last_used_at
    api.get(f"{API}/topics")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    api.get(f"{API}/topics")
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=1)


def test_the_browser_session_reads_without_csrf(citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen.user)
    assert client.get(f"{API}/topics").status_code == 200


def test_a_session_write_without_the_csrf_token_is_403(citizen, topic, start):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen.user)
    response = client.post(
        f"{API}/bookings", booking_body(topic, start), content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": _danish("CSRF verification failed. Request aborted.")}
    assert (
        response.json()["detail"] == "CSRF-verifikationen mislykkedes. Forespørgslen blev afbrudt."
    )


def test_a_session_write_with_the_csrf_token_books(citizen, topic, start):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen.user)
    csrf = secrets.token_hex(16)  # as the CSRF cookie the site's pages set
    client.cookies["csrftoken"] = csrf
    response = client.post(
        f"{API}/bookings",
        booking_body(topic, start),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201, response.json()


def test_an_inactive_users_session_is_401(client, citizen):
    client.force_login(citizen.user)
    citizen.user.is_active = False
    citizen.user.save()
    assert client.get(f"{API}/topics").status_code == 401


def test_a_bearer_token_request_is_left_to_the_api(client, consultant):
    _token, secret = api_token_create(user=consultant, name="integration")
    response = client.get("/api/v1/topics", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
