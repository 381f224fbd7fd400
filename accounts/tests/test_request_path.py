"""The light request path (issue 23): how many queries the middleware costs a logged-in person,
and that the cheaper path still ends a session whenever it must.

The safety tests run twice: with the database sessions of a deployment without Redis, and with
the shared cache of one with it (cached_db sessions and cached user rows; in a test the process's
own memory cache stands in for Redis, being the one cache every request here shares)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.checks import check_shared_cache
from accounts.middleware import TOUCHED_AT
from accounts.two_factor import MFA_BY_IDP

LOGIN = reverse("accounts:login")
HEALTH = reverse("health")
STAFF_PAGE = "/borgere/"


@pytest.fixture(params=["database", "shared_cache"])
def store(request, settings):
    """The two session and user stores of config/settings (REDIS_URL unset, and set)."""
    if request.param == "shared_cache":
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        settings.USER_CACHE_SECONDS = 60
    else:
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        settings.USER_CACHE_SECONDS = 0
    from django.core.cache import cache

    cache.clear()
    yield request.param
    cache.clear()


def verified(user, device=None) -> Client:
    """A client logged in as `user` with the session a real code check leaves: django-otp's
    persistent id of a confirmed device (not the identity provider's word, which needs none)."""
    client = Client()
    client.force_login(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.pop(MFA_BY_IDP, None)
    session.save()
    return client


def queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response
    return [q["sql"] for q in captured.captured_queries]


def is_session_row(sql: str) -> bool:
    return 'FROM "django_session"' in sql


def is_user_row(sql: str) -> bool:
    """accounts.backends.user_row: the user with the ids of their devices in subqueries."""
    return 'FROM "accounts_user"' in sql and "otp_totp_totpdevice" in sql


def same_session(client: Client) -> Client:
    """A second browser holding the same session cookie (another gunicorn process serves it)."""
    other = Client()
    other.cookies = client.cookies.__class__(client.cookies)
    return other


def refused(client: Client) -> bool:
    response = client.get(STAFF_PAGE)
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


# --- Queries per request --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_load_balancers_health_check_costs_no_query(client):
    assert queries(client, HEALTH) == []


def test_a_verified_member_of_staff_costs_the_session_and_one_user_query(consultant, settings):
    """Database sessions: the session's row and the user's row (with job centre and device ids),
    no query for the second-factor device and no session UPDATE on every request."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.USER_CACHE_SECONDS = 0
    client = verified(consultant)
    client.get(HEALTH)
    sql = queries(client, HEALTH)
    assert len(sql) == 2
    assert is_session_row(sql[0]) and is_user_row(sql[1])
    page = queries(client, STAFF_PAGE)
    assert is_session_row(page[0]) and is_user_row(page[1])
    assert not any(q.startswith('SELECT "otp_') for q in page)  # no device of its own
    assert not any(q.startswith("UPDATE") for q in page)


def test_a_citizen_costs_the_session_and_one_user_query(citizen, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.USER_CACHE_SECONDS = 0
    client = Client()
    client.force_login(citizen.user)
    client.get(HEALTH)
    sql = queries(client, HEALTH)
    assert len(sql) == 2
    assert is_session_row(sql[0]) and is_user_row(sql[1])


@pytest.fixture
def shared_cache(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.USER_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_with_a_shared_cache_the_middleware_costs_no_query(consultant, citizen, shared_cache):
    staff = verified(consultant)
    person = Client()
    person.force_login(citizen.user)
    for client in (staff, person):
        client.get(HEALTH)
        assert queries(client, HEALTH) == []
    page = queries(staff, STAFF_PAGE)
    middleware = [q for q in page if is_session_row(q) or is_user_row(q)]
    assert middleware == [] and not any(q.startswith('SELECT "otp_') for q in page)


def test_the_sliding_expiry_is_renewed_once_a_minute_not_on_every_request(consultant, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client = verified(consultant)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(HEALTH)  # the login saved it just now: not again
        first = Session.objects.get(pk=key).expire_date
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        response = client.get(HEALTH)
        assert settings.SESSION_COOKIE_NAME not in response.cookies
        assert Session.objects.get(pk=key).expire_date == first
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        response = client.get(HEALTH)
        assert settings.SESSION_COOKIE_NAME in response.cookies
        renewed = Session.objects.get(pk=key).expire_date
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert renewed == start + timedelta(seconds=61) + age > first
    assert client.session[TOUCHED_AT] == int((start + timedelta(seconds=61)).timestamp())


def test_the_first_request_after_the_login_does_not_save_the_session_again(consultant):
    """The login saved it a moment ago: its renewal clock starts there."""
    client = verified(consultant)
    assert not any(q.startswith("UPDATE") for q in queries(client, STAFF_PAGE))


# --- Safety: the cheaper path still ends sessions ----------------------------------------------


def test_logout_in_one_place_ends_the_session_everywhere(consultant, store):
    client = verified(consultant)
    elsewhere = same_session(client)
    assert elsewhere.get(STAFF_PAGE).status_code == 200
    assert client.post(reverse("accounts:logout"))["Location"] == LOGIN
    assert refused(elsewhere)


def test_a_password_change_ends_the_other_sessions(consultant, store):
    client = verified(consultant)
    assert client.get(STAFF_PAGE).status_code == 200
    consultant.set_password("a-new-password-2026")
    consultant.save()
    assert refused(client)


def test_an_expired_session_is_refused(consultant, store, settings):
    client = verified(consultant)
    assert client.get(STAFF_PAGE).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)):
        assert refused(client)


def test_an_idle_session_ends_within_its_timeout_of_the_last_request(consultant, store, settings):
    """The renewal once a minute may end a session up to a minute early, never late."""
    client = verified(consultant)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(STAFF_PAGE).status_code == 200
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        assert client.get(STAFF_PAGE).status_code == 200  # not renewed: within the minute
    after_last = timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    with time_machine.travel(start + timedelta(seconds=30) + after_last, tick=False):
        assert refused(client)


@pytest.mark.unverified
def test_staff_without_a_verified_device_are_still_stopped(consultant, store):
    client = Client()
    client.force_login(consultant)
    response = client.get(STAFF_PAGE)
    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))


@pytest.mark.unverified
@pytest.mark.parametrize("change", ["unconfirmed", "deleted", "another_users"])
def test_a_session_whose_device_no_longer_proves_anything_is_stopped(
    consultant, other_consultant, store, change
):
    device = TOTPDevice.objects.create(user=consultant, name="App", confirmed=True)
    client = verified(consultant, device)
    assert client.get(STAFF_PAGE).status_code == 200
    if change == "unconfirmed":
        device.confirmed = False
        device.save()
    elif change == "deleted":
        device.delete()
    else:
        theirs = TOTPDevice.objects.create(user=other_consultant, name="App", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = theirs.persistent_id
        session.save()
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302
    step = "two_factor_verify" if change == "another_users" else "two_factor_enrol"
    assert response["Location"].startswith(reverse(f"accounts:{step}"))


@pytest.mark.unverified
def test_a_recovery_code_device_verifies_without_a_query_too(consultant, settings):
    settings.USER_CACHE_SECONDS = 0
    device = StaticDevice.objects.create(user=consultant, name="Koder", confirmed=True)
    client = verified(consultant, device)
    client.get(HEALTH)
    assert len(queries(client, HEALTH)) == 2
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_disabled_user_is_logged_out_on_the_next_request(consultant, citizen, store):
    client = verified(consultant)
    person = Client()
    person.force_login(citizen.user)
    assert client.get(STAFF_PAGE).status_code == 200
    assert person.get("/").status_code == 200
    for user in (consultant, citizen.user):
        user.is_active = False
        user.save()
    assert refused(client)
    response = person.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_a_role_change_reaches_the_next_request(consultant, store):
    """The cached row is dropped on save: the menu and the policy see the new role at once."""
    from accounts.models import Role

    client = verified(consultant)
    assert client.get(STAFF_PAGE).status_code == 200
    consultant.role = Role.TEAM_LEADER
    consultant.save()
    assert client.get(STAFF_PAGE).wsgi_request.user.role == Role.TEAM_LEADER


# --- The configuration: a session or user cache only in a cache every process shares ----------


def test_without_redis_sessions_and_users_are_read_from_the_database(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.USER_CACHE_SECONDS == 0
    assert check_shared_cache() == []


@pytest.mark.parametrize(
    ("engine", "seconds", "refused"),
    [
        ("django.contrib.sessions.backends.cached_db", 0, 1),
        ("django.contrib.sessions.backends.cache", 0, 1),
        ("django.contrib.sessions.backends.db", 60, 1),
        ("django.contrib.sessions.backends.cached_db", 60, 2),
    ],
)
def test_a_session_or_user_cache_in_one_process_memory_is_refused(
    settings, engine, seconds, refused
):
    settings.SESSION_ENGINE = engine
    settings.USER_CACHE_SECONDS = seconds
    errors = check_shared_cache()
    assert len(errors) == refused and {e.id for e in errors} == {"jobsamtale.E010"}
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert check_shared_cache() == []


def test_the_user_rows_device_subqueries_name_django_otps_tables():
    """accounts.backends writes the device tables' names out in SQL."""
    from accounts.models import User

    assert TOTPDevice._meta.db_table == "otp_totp_totpdevice"
    assert StaticDevice._meta.db_table == "otp_static_staticdevice"
    assert User._meta.db_table == "accounts_user"
