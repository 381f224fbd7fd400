"""The response headers of ASVS 14.4, on pages for anonymous and logged-in visitors."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from common.middleware import PERMISSIONS_POLICY


@pytest.fixture
def login_page(client, db):
    return client.get(reverse("accounts:login"))


def test_every_response_carries_the_browser_hardening_headers(login_page):
    assert login_page["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in login_page["Permissions-Policy"]
    assert login_page["Cross-Origin-Resource-Policy"] == "same-origin"
    assert login_page["Cross-Origin-Opener-Policy"] == "same-origin"
    assert login_page["Referrer-Policy"] == "same-origin"
    assert login_page["X-Content-Type-Options"] == "nosniff"
    assert login_page["X-Frame-Options"] == "DENY"


def test_the_csp_allows_only_our_own_origin_and_nothing_inline(login_page):
    directives = dict(
        part.strip().split(" ", 1) for part in login_page["Content-Security-Policy"].split(";")
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in login_page["Content-Security-Policy"]
    assert "unsafe-eval" not in login_page["Content-Security-Policy"]


def test_the_login_cookies_are_httponly_and_samesite(login_page, settings):
    csrf_cookie = login_page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf_cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_a_page_with_personal_data_is_not_stored_by_the_browser(client, citizen, settings):
    """No store; and the session cookie, sent again when a page renews the session (at most
    once every SESSION_TOUCH_SECONDS), is HttpOnly and SameSite=Lax."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(citizen.user)
    later = start + timedelta(seconds=settings.SESSION_TOUCH_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["httponly"] and session_cookie["samesite"] == "Lax"


def test_https_responses_carry_hsts_when_production_sets_it(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get(reverse("accounts:login"))
