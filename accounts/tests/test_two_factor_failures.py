"""Wrong second-factor codes are logged like wrong passwords and count towards the same
lockout (issue 20, finding 6): five failures of password or code lock the user name out from
that address."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD, app_device_for, next_code

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two_factor_verify")

pytestmark = pytest.mark.django_db


def _half_logged_in(user, address="10.0.0.9") -> Client:
    browser = Client(REMOTE_ADDR=address)
    response = browser.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_a_wrong_code_is_a_warning_with_the_user_name_and_address(consultant, caplog):
    app_device_for(consultant)
    browser = _half_logged_in(consultant)
    with caplog.at_level(logging.WARNING, logger="accounts.two_factor"):
        browser.post(VERIFY, {"code": "000000"})
    lines = [r.getMessage() for r in caplog.records if r.name == "accounts.two_factor"]
    assert lines == [f"second factor: wrong code username={consultant.username} address=10.0.0.9"]


def test_five_wrong_codes_lock_the_user_out_like_five_wrong_passwords(consultant):
    device = app_device_for(consultant)
    browser = _half_logged_in(consultant)
    answers = [browser.post(VERIFY, {"code": "000000"}).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]
    # The half-made login is over; the right code and the right password are refused too.
    assert "_auth_user_id" not in browser.session
    assert browser.post(VERIFY, {"code": next_code(device)}).status_code == 302
    assert "_auth_user_id" not in browser.session
    again = browser.post(LOGIN, {"username": consultant.username, "password": PASSWORD})
    assert again.status_code == 429
    # From another address the user still logs in (the lock is per user name and address).
    _half_logged_in(consultant, address="10.0.0.10")
