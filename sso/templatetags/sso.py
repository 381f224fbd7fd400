from django import template

from sso.conf import oidc_configured, saml_configured

register = template.Library()


@register.simple_tag
def sso_providers() -> dict[str, bool]:
    """Which external logins are configured (the login page shows a button for each)."""
    return {"saml": saml_configured(), "oidc": oidc_configured()}
