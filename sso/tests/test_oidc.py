"""The OpenID Connect login end to end: our views through Django's test client, the provider
through HTTP (the browser's redirect with requests; our backend's token and JWKS calls)."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests

from accounts.models import Role, User
from accounts.tests.factories import CitizenUserFactory, StaffFactory
from sso.tests.keys import rsa_key

pytestmark = pytest.mark.django_db

EMAIL = "jonna.konsulent@kommune.dk"


@pytest.fixture
def staff(centre):
    return StaffFactory(job_centre=centre, username="jonna", email="Jonna.Konsulent@Kommune.dk")


def _start(client, next_url: str = "") -> str:
    response = client.get("/sso/oidc/login/", {"next": next_url} if next_url else {})
    assert response.status_code == 302
    return response["Location"]


def _provider(location: str) -> str:
    """What the browser does at the provider: it approves at once and redirects back."""
    answer = requests.get(location, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def _callback(client, callback_url: str):
    parsed = urlparse(callback_url)
    return client.get(f"{parsed.path}?{parsed.query}")


def _login(client, next_url: str = ""):
    return _callback(client, _provider(_start(client, next_url)))


def _logged_in_as(client):
    from django.contrib.auth import get_user

    user = get_user(client)
    return user if user.is_authenticated else None


def test_the_request_uses_pkce_state_and_nonce(client, oidc_provider):
    params = parse_qs(urlparse(_start(client)).query)
    assert params["response_type"] == ["code"]
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) >= 43
    assert params["state"][0] and params["nonce"][0]
    assert params["redirect_uri"] == ["http://testserver/sso/oidc/callback/"]


def test_staff_logs_in_and_mfa_satisfies_the_second_factor(client, oidc_provider, staff):
    oidc_provider.email, oidc_provider.amr = EMAIL, ["pwd", "otp", "mfa"]
    response = _login(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in_as(client) == staff
    assert client.session["mfa_by_idp"] is True
    home = client.get("/")
    assert home.status_code == 200
    assert staff.name in home.content.decode()


def test_acr_named_in_settings_counts_as_mfa(client, oidc_provider, staff, settings):
    settings.OIDC_MFA_ACR_VALUES = ["https://kommune.dk/acr/mfa"]
    oidc_provider.email, oidc_provider.amr = EMAIL, ["pwd"]
    oidc_provider.acr = "https://kommune.dk/acr/mfa"
    assert _login(client).status_code == 302
    assert client.session["mfa_by_idp"] is True


def test_without_mfa_the_staff_goes_on_to_the_local_second_factor(client, oidc_provider, staff):
    oidc_provider.email, oidc_provider.amr = EMAIL, ["pwd"]
    response = _login(client, "/kalender/")
    assert response.status_code == 302
    assert response["Location"] == "/kalender/"
    assert _logged_in_as(client) == staff
    assert "mfa_by_idp" not in client.session
    onwards = client.get("/")
    assert onwards.status_code == 302
    assert onwards["Location"].startswith("/konto/")  # the verify or enrolment page


def test_unknown_email_is_refused_and_no_user_is_made(client, oidc_provider, staff):
    users = User.objects.count()
    oidc_provider.email = "ukendt@kommune.dk"
    client.cookies["django_language"] = "en"
    response = _login(client)
    assert response.status_code == 403
    assert "There is no active member of staff" in response.content.decode()
    assert _logged_in_as(client) is None
    assert User.objects.count() == users


def test_a_citizen_with_the_email_is_not_a_staff_login(client, oidc_provider, centre):
    CitizenUserFactory(job_centre=centre, email=EMAIL)
    oidc_provider.email, oidc_provider.amr = EMAIL, ["mfa"]
    assert _login(client).status_code == 403
    assert _logged_in_as(client) is None


def test_inactive_staff_is_refused(client, oidc_provider, staff):
    staff.is_active = False
    staff.save()
    oidc_provider.email = EMAIL
    assert _login(client).status_code == 403
    assert _logged_in_as(client) is None


def test_bad_state_is_refused(client, oidc_provider, staff):
    oidc_provider.email = EMAIL
    callback = _provider(_start(client))
    forged = callback.replace("state=", "state=x")
    response = _callback(client, forged)
    assert response.status_code == 403
    assert _logged_in_as(client) is None
    assert oidc_provider.tokens_issued == 0  # the code was never exchanged


def test_a_callback_the_browser_never_asked_for_is_refused(client, oidc_provider, staff):
    oidc_provider.email = EMAIL
    callback = _provider(_start(client))
    client.cookies.clear()  # another browser, or an attacker's link
    assert _callback(client, callback).status_code == 403
    assert _logged_in_as(client) is None


def test_bad_nonce_is_refused(client, oidc_provider, staff):
    oidc_provider.email, oidc_provider.nonce_override = EMAIL, "not-the-nonce-we-sent"
    response = _login(client)
    assert response.status_code == 403
    assert oidc_provider.tokens_issued == 1
    assert _logged_in_as(client) is None


def test_token_signed_by_another_key_is_refused(client, oidc_provider, staff):
    oidc_provider.email, oidc_provider.amr = EMAIL, ["mfa"]
    oidc_provider.signing_key = rsa_key()
    assert _login(client).status_code == 403
    assert _logged_in_as(client) is None


def test_token_for_another_client_is_refused(client, oidc_provider, staff):
    oidc_provider.email, oidc_provider.audience = EMAIL, "another-client"
    assert _login(client).status_code == 403
    assert _logged_in_as(client) is None


def test_a_code_works_once_and_needs_the_pkce_verifier(client, oidc_provider, staff):
    oidc_provider.email = EMAIL
    callback = _provider(_start(client))
    code = parse_qs(urlparse(callback).query)["code"][0]
    stolen = requests.post(
        f"{oidc_provider.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": oidc_provider.client_id,
            "client_secret": oidc_provider.client_secret,
            "redirect_uri": "http://testserver/sso/oidc/callback/",
            "code_verifier": "a" * 64,
        },
        timeout=5,
    )
    assert stolen.status_code == 400
    assert oidc_provider.token_refusals == ["pkce"]
    # The stolen attempt used the code up: the real callback cannot log in with it now.
    assert _callback(client, callback).status_code == 403
    assert _logged_in_as(client) is None


def test_a_password_login_never_reaches_the_provider(client, oidc_provider, staff):
    from accounts.tests.factories import PASSWORD

    response = client.post(
        "/konto/log-ind/?code=x&state=y", {"username": "jonna", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert _logged_in_as(client) == staff
    assert oidc_provider.tokens_issued == 0
    assert staff.role == Role.JOB_CONSULTANT


def test_refused_staff_logins_do_not_lock_out_colleagues_at_the_same_address(
    client, oidc_provider, staff
):
    """The provider authenticates; our refusals are not password guesses for django-axes."""
    oidc_provider.email = "ukendt@kommune.dk"
    for _ in range(7):
        assert _login(client).status_code == 403
    oidc_provider.email = EMAIL
    assert _login(client).status_code == 302
    assert _logged_in_as(client) == staff


def test_next_is_kept_only_on_this_site(client, oidc_provider, staff):
    oidc_provider.email, oidc_provider.amr = EMAIL, ["mfa"]
    assert _login(client, "https://evil.example/")["Location"] == "/"
    client.logout()
    assert _login(client, "/kalender/")["Location"] == "/kalender/"
