"""Whether each external login is configured: settings only, so that the login page can ask
without loading pysaml2 or mozilla-django-oidc, which a job centre without SSO never needs
(they add some 400 modules and 50,000 objects to every worker)."""

from django.conf import settings


def saml_configured() -> bool:
    return bool(
        settings.SAML_SP_ENTITY_ID
        and settings.SAML_IDP_METADATA
        and settings.SAML_SP_KEY_FILE
        and settings.SAML_SP_CERT_FILE
    )


def oidc_configured() -> bool:
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and settings.OIDC_RP_CLIENT_SECRET
        and settings.OIDC_OP_ISSUER
        and settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        and settings.OIDC_OP_TOKEN_ENDPOINT
        and settings.OIDC_OP_JWKS_ENDPOINT
    )
