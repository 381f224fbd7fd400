"""OpenID Connect relying party for a municipality's staff directory, on mozilla-django-oidc:
the authorization code flow with PKCE, state and nonce (the library), and a stricter reading
of the RS256 ID token (signature by the provider's JWKS, audience, issuer, expiry) than the
library's default. Staff are matched by e-mail to an existing user; nobody is created."""

import logging

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.backends import UserBackend
from sso.conf import oidc_configured
from sso.selectors import staff_user_by_email

logger = logging.getLogger(__name__)

#: The attribute the backend leaves on the request for the callback view.
MFA = "sso_mfa_by_idp"


class LoginRefused(Exception):
    """The provider vouched for someone who may not log in here. Raised, not returned as None:
    Django would count a None as a failed password guess (django-axes), and a municipality's
    staff behind one address would lock each other out of single sign-on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def asserts_mfa(claims: dict) -> bool:
    """Whether the provider says the person used more than one factor: `amr` (RFC 8176)
    contains "mfa", or `acr` is one the settings name as multi-factor."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if any(value in settings.OIDC_MFA_AMR_VALUES for value in amr):
        return True
    return bool(claims.get("acr")) and claims.get("acr") in settings.OIDC_MFA_ACR_VALUES


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password login (or a login page URL with a
        # stray ?code=&state=) never reaches the provider.
        if request is None or "nonce" not in kwargs or not oidc_configured():
            return None
        return super().authenticate(request, **kwargs)

    def get_payload_data(self, token, key):
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("ID token algorithm refused")
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                leeway=60,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {type(exc).__name__}") from None

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, checked above: no second round trip to a userinfo URL."""
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        if payload.get("email_verified") is False:
            user = None
        else:
            user = staff_user_by_email(email=str(payload.get("email") or ""))
        if user is None:
            raise LoginRefused("unknown_staff")
        setattr(self.request, MFA, asserts_mfa(payload))
        return user

    def get_user(self, user_id):
        return UserBackend().get_user(user_id)
