"""`sso_providers()` in templates: which external logins are configured (the login page
shows a button for each)."""

from sso.conf import oidc_configured, saml_configured


def sso_providers() -> dict[str, bool]:
    return {"saml": saml_configured(), "oidc": oidc_configured()}
