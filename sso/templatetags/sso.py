from django import template

from sso import oidc, saml

register = template.Library()


@register.simple_tag
def sso_providers() -> dict[str, bool]:
    """Which external logins are configured (the login page shows a button for each)."""
    return {"saml": saml.configured(), "oidc": oidc.configured()}
