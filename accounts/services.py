from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser

from accounts.models import Role


def session_timeout_seconds(user: AbstractBaseUser) -> int:
    """Inactivity timeout for this user's sessions, from their job centre's settings."""
    centre = getattr(user, "job_centre", None)
    if centre is None:
        return settings.SESSION_COOKIE_AGE
    minutes = (
        centre.citizen_session_timeout_minutes
        if user.role == Role.CITIZEN  # type: ignore[attr-defined]
        else centre.staff_session_timeout_minutes
    )
    return minutes * 60


def login_records_prune(*, now=None) -> int:
    """Deletes django-axes' records of logins, logouts and failed attempts older than
    LOGIN_RECORDS_DAYS (docs/SECURITY.md: what is logged, and for how long)."""
    from datetime import timedelta

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.conf import settings
    from django.utils import timezone

    cutoff = (now or timezone.now()) - timedelta(days=settings.LOGIN_RECORDS_DAYS)
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessAttempt, AccessFailureLog)
    )


def sessions_prune_expired() -> int:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
