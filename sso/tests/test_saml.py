"""The SAML login end to end: our views through Django's test client, the broker through HTTP
(requests) to the test IdP, which parses our signed AuthnRequest and answers with a Response."""

import base64
import html
import re
from urllib.parse import urlparse

import pytest
import requests
from django.utils import translation

from citizens.tests.factories import CitizenFactory
from sso.models import ConsumedSamlRequest
from sso.saml import OIOSAML2_LOA_ATTRIBUTE
from sso.tests.idp_saml import OTHER_AUDIENCE

CPR = "0101901234"
pytestmark = [pytest.mark.django_db, pytest.mark.xmlsec1]


@pytest.fixture
def citizen(centre):
    return CitizenFactory(job_centre=centre, cpr=CPR, user__name="Birgitte Borger")


def _start(client, next_url: str = "") -> str:
    response = client.get("/sso/saml/login/", {"next": next_url} if next_url else {})
    assert response.status_code == 302
    return response["Location"]


def _broker(location: str) -> tuple[str, str]:
    """What the browser does at the broker: follow the redirect, read the auto-posting form."""
    page = requests.get(location, allow_redirects=False, timeout=10)
    assert page.status_code == 200, page.text
    action = re.search(r'action="([^"]+)"', page.text)
    value = re.search(r'name="SAMLResponse" value="([^"]+)"', page.text)
    assert action is not None and value is not None
    return urlparse(html.unescape(action.group(1))).path, html.unescape(value.group(1))


def _login(client, next_url: str = ""):
    path, saml_response = _broker(_start(client, next_url))
    return client.post(path, {"SAMLResponse": saml_response}), saml_response


def _logged_in_as(client):
    from django.contrib.auth import get_user

    user = get_user(client)
    return user if user.is_authenticated else None


def test_substantial_logs_the_citizen_in(client, saml_idp, citizen):
    saml_idp.cpr = CPR
    response, _ = _login(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in_as(client) == citizen.user
    assert "mfa_by_idp" not in client.session
    home = client.get("/")
    assert home.status_code == 200
    assert "Birgitte Borger" in home.content.decode()
    assert CPR not in home.content.decode()


def test_an_encrypted_assertion_is_decrypted_with_our_key(client, saml_idp, citizen):
    saml_idp.cpr, saml_idp.encrypt = CPR, True
    path, saml_response = _broker(_start(client))
    xml = base64.b64decode(saml_response).decode()
    assert "EncryptedAssertion" in xml
    assert CPR not in xml
    assert client.post(path, {"SAMLResponse": saml_response}).status_code == 302
    assert _logged_in_as(client) == citizen.user


def test_the_request_is_signed_and_asks_for_at_least_substantial(client, saml_idp):
    location = _start(client)
    query = urlparse(location).query
    assert "Signature=" in query
    assert "SigAlg=" in query
    assert location.startswith(saml_idp.sso_url)
    # The broker checks it against our metadata: a changed request is refused there.
    forged = location.replace("Signature=", "Signature=AAAA")
    assert requests.get(forged, allow_redirects=False, timeout=10).status_code == 400
    assert requests.get(location, allow_redirects=False, timeout=10).status_code == 200
    assert saml_idp.requests_seen[-1]["comparison"] == "minimum"
    assert saml_idp.requests_seen[-1]["class_refs"] == [
        "https://data.gov.dk/concept/core/nsis/loa/Substantial"
    ]


def test_danish_level_names_and_high_are_accepted(client, saml_idp, citizen):
    saml_idp.cpr, saml_idp.loa = CPR, "Høj"
    response, _ = _login(client)
    assert response.status_code == 302
    assert _logged_in_as(client) == citizen.user


def test_next_on_this_site_is_kept_and_another_site_is_not(client, saml_idp, citizen):
    saml_idp.cpr = CPR
    response, _ = _login(client, "/min-plan/")
    assert response["Location"] == "/min-plan/"
    client.logout()
    response, _ = _login(client, "https://evil.example/")
    assert response["Location"] == "/"


@pytest.mark.parametrize("level", ["Low", "Lav"])
def test_low_assurance_is_refused(client, saml_idp, citizen, level):
    saml_idp.cpr, saml_idp.loa = CPR, level
    client.cookies["django_language"] = "en"
    response, _ = _login(client)
    assert response.status_code == 403
    assert _logged_in_as(client) is None
    with translation.override("en"):
        assert "Jobsamtale needs MitID at assurance level Substantial" in response.content.decode()


def test_oiosaml2_numeric_level(client, saml_idp, citizen):
    saml_idp.cpr, saml_idp.loa_attribute = CPR, OIOSAML2_LOA_ATTRIBUTE
    saml_idp.loa = "2"
    assert _login(client)[0].status_code == 403
    saml_idp.loa = "3"
    response, _ = _login(client)
    assert response.status_code == 302
    assert _logged_in_as(client) == citizen.user


def test_unknown_cpr_is_refused_and_no_account_is_made(client, saml_idp, citizen):
    from accounts.models import User

    users = User.objects.count()
    saml_idp.cpr = "0202905678"
    client.cookies["django_language"] = "en"
    response, _ = _login(client)
    assert response.status_code == 403
    page = response.content.decode()
    assert "You are not registered with a job centre in Jobsamtale" in page
    assert "0202905678" not in page
    assert "020290" not in page
    assert _logged_in_as(client) is None
    assert User.objects.count() == users


def test_the_refusal_is_in_danish(client, saml_idp, citizen):
    """Needs the Danish catalogue with this app's messages merged and compiled."""
    saml_idp.cpr = "0202905678"
    response, _ = _login(client)
    assert response.status_code == 403
    assert "Du er ikke registreret hos et jobcenter i Jobsamtale" in response.content.decode()


def test_inactive_citizen_is_refused(client, saml_idp, citizen):
    citizen.user.is_active = False
    citizen.user.save()
    saml_idp.cpr = CPR
    assert _login(client)[0].status_code == 403
    assert _logged_in_as(client) is None


def test_tampered_response_is_refused(client, saml_idp, citizen, centre):
    other = CitizenFactory(job_centre=centre, cpr="0202905678")
    saml_idp.cpr = CPR
    path, saml_response = _broker(_start(client))
    xml = base64.b64decode(saml_response).decode()
    assert CPR in xml
    forged = base64.b64encode(xml.replace(CPR, "0202905678").encode()).decode()
    response = client.post(path, {"SAMLResponse": forged})
    assert response.status_code == 403
    assert _logged_in_as(client) is None
    assert other.user != _logged_in_as(client)


def test_unsigned_response_is_refused(client, saml_idp, citizen):
    saml_idp.cpr, saml_idp.sign = CPR, False
    response, _ = _login(client)
    assert response.status_code == 403
    assert _logged_in_as(client) is None


def test_replayed_response_is_refused(client, saml_idp, citizen):
    saml_idp.cpr = CPR
    response, saml_response = _login(client)
    assert response.status_code == 302
    client.logout()
    # The same answer again: from the same browser (its request cookie is gone) ...
    again = client.post("/sso/saml/acs/", {"SAMLResponse": saml_response})
    assert again.status_code == 403
    assert _logged_in_as(client) is None
    # ... and with the request cookie an attacker copied along with the answer.
    _start(client)  # a fresh pending request of its own does not help either
    assert client.post("/sso/saml/acs/", {"SAMLResponse": saml_response}).status_code == 403
    assert _logged_in_as(client) is None
    assert ConsumedSamlRequest.objects.count() == 1


def test_replay_with_the_original_request_cookie_is_refused_by_the_database(
    client, saml_idp, citizen
):
    saml_idp.cpr = CPR
    path, saml_response = _broker(_start(client))
    cookie = client.cookies["sso_saml_request"].value
    assert client.post(path, {"SAMLResponse": saml_response}).status_code == 302
    client.logout()
    client.cookies["sso_saml_request"] = cookie
    response = client.post(path, {"SAMLResponse": saml_response})
    assert response.status_code == 403
    assert _logged_in_as(client) is None


def test_unsolicited_response_is_refused(client, saml_idp, citizen):
    """An answer posted into a browser that never asked (login CSRF) is refused."""
    saml_idp.cpr = CPR
    path, saml_response = _broker(_start(client))
    client.cookies.clear()
    assert client.post(path, {"SAMLResponse": saml_response}).status_code == 403
    assert _logged_in_as(client) is None


def test_an_expired_answer_is_refused(client, saml_idp, citizen):
    saml_idp.cpr = CPR
    saml_idp.answer_already_expired()
    response, _ = _login(client)
    assert response.status_code == 403
    assert _logged_in_as(client) is None


def test_wrong_audience_is_refused(client, saml_idp, citizen):
    saml_idp.cpr, saml_idp.audience = CPR, OTHER_AUDIENCE
    response, _ = _login(client)
    assert response.status_code == 403
    assert _logged_in_as(client) is None


def test_metadata_names_our_acs_and_certificate(client, saml_idp):
    response = client.get("/sso/saml/metadata/")
    body = response.content.decode()
    assert response["Content-Type"] == "application/samlmetadata+xml"
    assert 'entityID="https://jobsamtale.test/sso/saml"' in body
    assert "http://testserver/sso/saml/acs/" in body
    assert "X509Certificate" in body


def test_cpr_is_not_logged(client, saml_idp, citizen, caplog):
    saml_idp.cpr = CPR
    with caplog.at_level("DEBUG"):
        _login(client)
        saml_idp.cpr = "0202905678"
        _login(client)
    text = caplog.text
    assert "sso login: method=saml" in text
    assert CPR not in text
    assert "0202905678" not in text
