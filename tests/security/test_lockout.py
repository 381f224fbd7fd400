"""Brute force on the login form is locked out by django-axes. accounts/tests/test_views.py
checks that five failures lock out even the right password; this adds the rest: the limit
exactly, the Danish lockout page, the lock per username and address, the end of the lock after
the cool-off (on a moved clock), the reset on success, and that no password is stored."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.utils import timezone

from accounts.tests.factories import PASSWORD

LOGIN = "/konto/log-ind/"
WRONG = "forkert-kodeord-123"

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="10.0.0.1"):
    for _ in range(times):
        response = login(client, username, WRONG, address)
        assert response.status_code in (200, 429)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@contextmanager
def clock_moved(delta: timedelta):
    """Every clock axes and Django read, moved by `delta`."""
    real = timezone.now

    def moved():
        return real() + delta

    with (
        mock.patch("django.utils.timezone.now", moved),
        mock.patch("axes.handlers.proxy.now", moved),
        mock.patch("axes.attempts.now", moved),
    ):
        yield


def test_the_limit_is_five_failures():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 0.25  # 15 minutes, as the lockout page says


def test_one_failure_short_of_the_limit_the_right_password_still_works(client, citizen):
    fail(client, citizen.user.username, settings.AXES_FAILURE_LIMIT - 1)
    response = login(client, citizen.user.username)
    assert response.status_code == 302
    assert logged_in(client)


def test_a_success_resets_the_count(client, citizen):
    username = citizen.user.username
    fail(client, username, settings.AXES_FAILURE_LIMIT - 1)
    assert login(client, username).status_code == 302
    client.logout()
    fail(client, username, settings.AXES_FAILURE_LIMIT - 1)
    assert login(client, username).status_code == 302


def test_locked_out_with_a_danish_page_until_the_cool_off_has_passed(client, citizen):
    username = citizen.user.username
    fail(client, username, settings.AXES_FAILURE_LIMIT)

    locked = login(client, username)
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "For mange forsøg" in body and 'lang="da"' in body
    assert "accounts/locked_out.html" in {t.name for t in locked.templates}
    assert not logged_in(client)

    with clock_moved(timedelta(minutes=16)):
        response = login(client, username)
        assert response.status_code == 302
        assert logged_in(client)


def test_trying_during_the_lock_keeps_it(client, citizen):
    """Each attempt while locked counts as a new failure, so guessing on does not get through
    when the first 15 minutes are over; 15 minutes of quiet does."""
    username = citizen.user.username
    fail(client, username, settings.AXES_FAILURE_LIMIT)
    with clock_moved(timedelta(minutes=14)):
        assert login(client, username).status_code == 429
    with clock_moved(timedelta(minutes=14 + 14)):  # 28 minutes after the lock, 14 after trying
        assert login(client, username).status_code == 429
        assert not logged_in(client)
    with clock_moved(timedelta(minutes=28 + 16)):
        assert login(client, username).status_code == 302
        assert logged_in(client)


def test_staff_are_locked_out_too(client, consultant):
    fail(client, consultant.username, settings.AXES_FAILURE_LIMIT)
    assert login(client, consultant.username).status_code == 429
    assert not logged_in(client)


def test_the_lock_is_for_the_username_from_that_address(client, citizen, other_citizen):
    username = citizen.user.username
    fail(client, username, settings.AXES_FAILURE_LIMIT, address="10.0.0.1")
    assert login(client, username, address="10.0.0.1").status_code == 429

    # Someone else at the same address (a job centre's shared network) can still log in ...
    assert login(client, other_citizen.user.username, address="10.0.0.1").status_code == 302
    client.logout()
    # ... and so can the owner from elsewhere: an attacker cannot lock a citizen out.
    assert login(client, username, address="10.9.9.9").status_code == 302


def test_guessing_many_usernames_from_one_address_locks_each_of_them(client, db):
    for n in range(3):
        fail(client, f"gaet-{n}", settings.AXES_FAILURE_LIMIT)
        assert login(client, f"gaet-{n}", WRONG).status_code == 429


def test_no_password_is_stored_with_the_attempts(client, citizen):
    fail(client, citizen.user.username, settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username=citizen.user.username)
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert WRONG not in attempt.post_data and WRONG not in attempt.get_data
    for log in AccessFailureLog.objects.all():
        assert WRONG not in str(log.__dict__)
