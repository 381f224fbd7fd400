from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import prune_expired_sessions


def test_periodic_task_prunes_expired_sessions(db):
    live, dead = SessionStore(), SessionStore()
    live.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    result = prune_expired_sessions.call_local()
    assert result == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_login_records_older_than_the_limit_are_forgotten(db, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt, AccessLog
    from django.utils import timezone

    from accounts.tasks import prune_login_records

    settings.LOGIN_RECORDS_DAYS = 90
    now = timezone.now()
    for days in (91, 89):
        log = AccessLog.objects.create(username=f"u{days}", ip_address="10.0.0.1")
        attempt = AccessAttempt.objects.create(
            username=f"u{days}", ip_address="10.0.0.1", failures_since_start=1
        )
        for row in (log, attempt):
            type(row).objects.filter(pk=row.pk).update(attempt_time=now - timedelta(days=days))

    assert prune_login_records.call_local() == 2
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["u89"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["u89"]
