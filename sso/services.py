"""Logging a person in once an identity provider has vouched for them."""

import logging
from datetime import timedelta

from django.contrib.auth import login
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from accounts.services import session_timeout_seconds
from accounts.two_factor import MFA_BY_IDP
from sso.models import ConsumedSamlRequest

logger = logging.getLogger(__name__)

#: The project's own backend keeps the session: it reads the job centre with the user and
#: refuses inactive users on every request, whichever way they logged in.
SESSION_BACKEND = "accounts.backends.UserBackend"


def session_login(*, request: HttpRequest, user: User, method: str, mfa_by_idp: bool) -> None:
    """Logs `user` in (a new session id), with the inactivity timeout of their role, and
    marks the session as second-factor verified only when the provider asserted MFA."""
    login(request, user, backend=SESSION_BACKEND)
    request.session.set_expiry(session_timeout_seconds(user))
    if mfa_by_idp:
        request.session[MFA_BY_IDP] = True
    else:
        request.session.pop(MFA_BY_IDP, None)
    logger.info(
        "sso login: method=%s user_id=%s role=%s mfa_by_idp=%s",
        method,
        user.pk,
        user.role,
        mfa_by_idp,
    )


def saml_request_consume(*, request_id: str) -> bool:
    """Records that the answer to `request_id` was used; False when it already was."""
    _, created = ConsumedSamlRequest.objects.get_or_create(request_id=request_id)
    return created


def saml_requests_prune(*, older_than_hours: int = 24) -> int:
    cutoff = timezone.now() - timedelta(hours=older_than_hours)
    deleted, _ = ConsumedSamlRequest.objects.filter(consumed_at__lt=cutoff).delete()
    return deleted
