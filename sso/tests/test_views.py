"""Without settings, single sign-on does not exist: 404s and no buttons. With them, buttons."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

SSO_URLS = [
    ("get", "/sso/saml/login/"),
    ("post", "/sso/saml/acs/"),
    ("get", "/sso/saml/metadata/"),
    ("get", "/sso/oidc/login/"),
    ("get", "/sso/oidc/callback/?code=x&state=y"),
]


@pytest.mark.parametrize(("method", "url"), SSO_URLS)
def test_nothing_configured_is_404(client, method, url):
    assert getattr(client, method)(url).status_code == 404


def test_nothing_configured_shows_no_buttons(client):
    page = client.get("/konto/log-ind/").content.decode()
    assert "/sso/" not in page
    assert 'id="sso-heading"' not in page


def test_oidc_backend_is_wired_only_when_configured():
    assert "sso.oidc.StaffOIDCBackend" not in django_settings.AUTHENTICATION_BACKENDS
    script = "from config.settings import base; print(base.AUTHENTICATION_BACKENDS)"
    for client_id, expected in (("", False), ("jobsamtale", True)):
        env = {**os.environ, "OIDC_RP_CLIENT_ID": client_id}
        out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout
        assert ("sso.oidc.StaffOIDCBackend" in out) is expected


@pytest.mark.xmlsec1
def test_configured_providers_show_their_buttons_with_next(client, saml_idp, oidc_provider):
    page = client.get("/konto/log-ind/?next=/min-plan/").content.decode()
    assert 'href="/sso/saml/login/?next=/min-plan/"' in page
    assert 'href="/sso/oidc/login/?next=/min-plan/"' in page


def test_only_the_configured_provider_shows(client, oidc_provider):
    page = client.get("/konto/log-ind/").content.decode()
    assert 'href="/sso/oidc/login/"' in page
    assert "/sso/saml/" not in page


def test_low_assurance_setting_cannot_go_below_substantial(settings):
    from sso.saml import required_level

    settings.SAML_REQUIRED_LOA = "Low"
    assert required_level() == "Substantial"
    settings.SAML_REQUIRED_LOA = "Høj"
    assert required_level() == "High"


def test_without_sso_no_worker_loads_pysaml2_or_the_oidc_library():
    """They are big (some 400 modules); a job centre without SSO never needs them."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, django; django.setup()\n"
        "from django.test import Client\n"
        "from django.test.utils import setup_test_environment; setup_test_environment()\n"
        "assert Client().get('/konto/log-ind/').status_code == 200\n"
        "assert Client().get('/sso/saml/login/').status_code == 404\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'saml2', 'mozilla_django_oidc'}))\n"
    )
    result = subprocess.run(  # noqa: S603 - our own fixed command line
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": "sqlite://:memory:",  # the pages asked need no database
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
