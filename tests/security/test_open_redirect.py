"""Open redirects: no view sends the browser to a URL a visitor put in `next` (or the Referer)
unless it is a path on this site. Checked on each view that reads such a URL (login, logout, the
second factor, the language switch, the logbook's share button) and, as a net under them, on
every URL of the site visited with an evil `next`."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.tests.factories import PASSWORD, app_device_for, next_code
from centres.tests.factories import TeamFactory
from learning.tests.factories import LogbookEntryFactory
from tests.security.test_csrf import site_urls

EVIL = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "https:evil.example",
    "http:/evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    " //evil.example",
    "https://testserver@evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]

pytestmark = pytest.mark.django_db


def assert_stays_on_site(response, evil=None):
    """A redirect, if any, goes to a path of this site, and carries no evil `next` on."""
    location = response.headers.get("Location")
    if location is None:
        return
    assert url_has_allowed_host_and_scheme(location, {"testserver"}), location
    parts = urlsplit(location)
    for value in parse_qs(parts.query).get("next", []):
        assert url_has_allowed_host_and_scheme(value, {"testserver"}), location
    if evil:  # not even passed on (a `next` nested in a path of the site is harmless)
        assert "evil" not in location.lower() and "javascript" not in location.lower()


@pytest.mark.parametrize("evil", EVIL)
def test_login_ignores_an_outside_next(client, citizen, evil):
    response = client.post(
        f"{reverse('accounts:login')}?next={evil}",
        {"username": citizen.user.username, "password": PASSWORD, "next": evil},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_login_keeps_a_next_on_the_site(client, citizen):
    response = client.post(
        reverse("accounts:login"),
        {"username": citizen.user.username, "password": PASSWORD, "next": "/mine-oplysninger/"},
    )
    assert response["Location"] == "/mine-oplysninger/"


@pytest.mark.parametrize("evil", EVIL)
def test_the_login_page_of_someone_logged_in_ignores_an_outside_next(client, citizen, evil):
    client.force_login(citizen.user)
    response = client.get(reverse("accounts:login"), {"next": evil})
    assert_stays_on_site(response, evil)


@pytest.mark.parametrize("evil", EVIL)
def test_a_staff_login_does_not_carry_an_outside_next_to_the_second_factor(
    client, consultant, evil
):
    response = client.post(
        reverse("accounts:login"),
        {"username": consultant.username, "password": PASSWORD, "next": evil},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))
    assert_stays_on_site(response, evil)
    # Confirming the second factor with an outside next lands at home, not outside.
    code = next_code(app_device_for(consultant))
    done = client.post(
        f"{reverse('accounts:two_factor_verify')}?next={evil}", {"code": code, "next": evil}
    )
    assert done.status_code == 302
    assert_stays_on_site(done, evil)


@pytest.mark.parametrize("evil", EVIL)
def test_logout_ignores_an_outside_next(client, citizen, evil):
    client.force_login(citizen.user)
    response = client.post(f"{reverse('accounts:logout')}?next={evil}", {"next": evil})
    assert response.status_code == 302
    assert_stays_on_site(response, evil)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("evil", EVIL)
def test_the_language_switch_ignores_an_outside_next_and_referer(evil, db):
    client = Client(headers={"Referer": evil})
    response = client.post(reverse("set_language"), {"language": "en", "next": evil})
    assert response.status_code == 302
    assert_stays_on_site(response, evil)
    assert response.cookies["django_language"].value == "en"


def test_the_language_switch_keeps_a_next_on_the_site(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/tilgaengelighed/"})
    assert response["Location"] == "/tilgaengelighed/"


@pytest.mark.parametrize("evil", EVIL)
def test_sharing_a_logbook_entry_ignores_an_outside_next(client, consultant, centre, evil):
    consultant.team = TeamFactory(job_centre=centre)
    consultant.save(update_fields=["team"])
    entry = LogbookEntryFactory(consultant=consultant)
    client.force_login(consultant)
    url = reverse("learning:logbook_entry_share", args=[entry.pk])
    response = client.post(url, {"shared": "on", "next": evil})
    assert response.status_code == 302
    assert_stays_on_site(response, evil)


@pytest.mark.parametrize("who", ["anonymous", "citizen", "consultant"])
def test_no_url_of_the_site_redirects_outside(who, citizen, consultant):
    """Every URL (with made-up ids), GET and POST with an evil `next` and Referer: any
    redirect stays on the site."""
    client = Client(raise_request_exception=False, headers={"Referer": "https://evil.example/"})
    user = {"citizen": citizen.user, "consultant": consultant}.get(who)
    evil = "//evil.example/"
    for route, url, _exempt in site_urls():
        if route.startswith("api/"):
            continue  # JSON, never redirects; fuzzed in test_api_schemathesis
        if user is not None:
            client.force_login(user)  # again: the loop passes the logout URL
        for response in (
            client.get(url, {"next": evil}),
            client.post(f"{url}?next={evil}", {"next": evil}),
        ):
            assert_stays_on_site(response)
