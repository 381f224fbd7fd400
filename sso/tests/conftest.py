"""The test identity providers, started per test on 127.0.0.1, and the settings that point the
app at them (pytest-django's `settings` fixture undoes them afterwards)."""

import pytest

from sso.tests.idp_oidc import OidcProvider
from sso.tests.idp_saml import SamlIdP
from sso.tests.keys import write_key_and_cert

SP_ENTITY_ID = "https://jobsamtale.test/sso/saml"


@pytest.fixture
def saml_idp(tmp_path, settings, client):
    idp = SamlIdP(tmp_path)
    idp.start()
    sp_key, sp_cert = write_key_and_cert(tmp_path, "sp")
    settings.SITE_URL = "http://testserver"
    settings.SAML_SP_ENTITY_ID = SP_ENTITY_ID
    settings.SAML_IDP_METADATA = idp.metadata()
    settings.SAML_SP_KEY_FILE = str(sp_key)
    settings.SAML_SP_CERT_FILE = str(sp_cert)
    metadata = client.get("/sso/saml/metadata/")
    assert metadata.status_code == 200
    idp.trust_sp(metadata.content.decode())
    yield idp
    idp.stop()


@pytest.fixture
def oidc_provider(settings):
    provider = OidcProvider(client_id="jobsamtale", client_secret="hemmelig-test-nøgle")
    provider.start()
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "sso.oidc.StaffOIDCBackend",
    ]
    for name, value in provider.settings_from_discovery().items():
        setattr(settings, name, value)
    yield provider
    provider.stop()
