"""Writes for API tokens: make one (the secret is returned once), revoke one, and check one."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from api.models import ApiToken

#: `last_used_at` is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`, and its secret: shown once, stored only as a hash."""
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_prefix=secret[:8], key_hash=key_hash(secret)
    )
    return token, secret


def api_token_revoke(*, token: ApiToken, now: datetime | None = None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, secret: str, now: datetime | None = None) -> User | None:
    """The active user the secret belongs to, or None for an unknown or revoked token or an
    inactive user."""
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
