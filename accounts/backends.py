"""The login backend: Django's ModelBackend, with what every request needs of the user read in
the same query as the user: the job centre (every page's header and footer show it, and the
policy compares it) and the ids of the user's confirmed second-factor devices (django-otp's
check of the session's device, accounts.middleware.OTPMiddleware).

With a cache that every process shares (Redis: USER_CACHE_SECONDS > 0, config/settings) that
row is kept in the cache between requests, dropped whenever the user, their job centre or one
of their devices is saved or deleted (`forget_user`, connected in accounts.apps), and after
USER_CACHE_SECONDS at the latest. Django's own checks still run on the cached row on every
request: `is_active` here, the session's password hash in django.contrib.auth.get_user."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.db.models.expressions import RawSQL

from accounts.models import User

#: The smallest id of the user's confirmed devices of each kind, as subqueries of the user's
#: row: constant SQL, no input. Written out: the ORM's Subquery(OuterRef) pair cost about 2,000
#: more Python calls a request to compile (a cProfile of /healthz: 8,280 calls against 6,250).
_CONFIRMED_APP_DEVICE = RawSQL(
    'SELECT MIN("id") FROM "otp_totp_totpdevice" '
    'WHERE "user_id" = "accounts_user"."id" AND "confirmed"',
    (),
)
_CONFIRMED_RECOVERY_DEVICE = RawSQL(
    'SELECT MIN("id") FROM "otp_static_staticdevice" '
    'WHERE "user_id" = "accounts_user"."id" AND "confirmed"',
    (),
)


def _cache_key(user_id) -> str:
    return f"accounts:user:{user_id}"


def user_row(user_id) -> User | None:
    """The user with their job centre and the ids of their confirmed devices, in one query."""
    return (
        User._default_manager.select_related("job_centre")
        .annotate(
            confirmed_app_device_pk=_CONFIRMED_APP_DEVICE,
            confirmed_recovery_device_pk=_CONFIRMED_RECOVERY_DEVICE,
        )
        .filter(pk=user_id)
        .first()
    )


def forget_users(user_ids) -> None:
    """Drops the cached rows now and again when the transaction commits (a request that read
    the old row before the commit may have put it back in between)."""
    if not settings.USER_CACHE_SECONDS:
        return
    keys = [_cache_key(pk) for pk in user_ids]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        seconds = settings.USER_CACHE_SECONDS
        user = cache.get(_cache_key(user_id)) if seconds else None
        if user is None:
            user = user_row(user_id)
            if user is not None and seconds:
                cache.set(_cache_key(user_id), user, seconds)
        return user if user is not None and self.user_can_authenticate(user) else None
