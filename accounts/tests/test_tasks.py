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
