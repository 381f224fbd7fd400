"""Single sign-on settings (the sso app): SAML 2.0 / OIOSAML 3 and OpenID Connect, each off
until its environment variables are set; local accounts stay the default. Star-imported by
base.py."""

import os

# Each login is off until its environment variables are set; local accounts stay the default.
# SAML 2.0 service provider for the national login broker (MitID Erhverv / NemLog-in, OIOSAML 3):
#: This service's entity id at the broker (registered there with our metadata, /sso/saml/metadata/).
SAML_SP_ENTITY_ID = os.environ.get("SAML_SP_ENTITY_ID", "")
#: The broker's metadata: a file path, or the XML itself.
SAML_IDP_METADATA = os.environ.get("SAML_IDP_METADATA", "")
#: Our signing (and decryption) key and certificate, PEM files.
SAML_SP_KEY_FILE = os.environ.get("SAML_SP_KEY_FILE", "")
SAML_SP_CERT_FILE = os.environ.get("SAML_SP_CERT_FILE", "")
#: The lowest NSIS assurance level let in: "Substantial" (Betydelig) or "High" (Høj). Never lower.
SAML_REQUIRED_LOA = os.environ.get("SAML_REQUIRED_LOA", "Substantial")
#: Allowed clock difference to the broker, in seconds, when checking validity times.
SAML_CLOCK_SKEW_SECONDS = int(os.environ.get("SAML_CLOCK_SKEW_SECONDS", "60"))
SAML_XMLSEC_BINARY = os.environ.get("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")
# OpenID Connect relying party for a municipality's staff directory (mozilla-django-oidc): the
# authorization code flow with PKCE, state and nonce; RS256 ID tokens checked against the JWKS.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
#: The provider's issuer; the ID token's `iss` must equal it.
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
#: mozilla-django-oidc asks for it; unused here (the claims are read from the checked ID token).
OIDC_OP_USER_ENDPOINT = ""
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc_callback"
#: `amr` values (RFC 8176) and `acr` values that count as multi-factor authentication.
OIDC_MFA_AMR_VALUES = ["mfa"]
OIDC_MFA_ACR_VALUES = [v for v in os.environ.get("OIDC_MFA_ACR_VALUES", "").split(",") if v]
