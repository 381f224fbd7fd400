from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils import timezone

from notifications.services import notify
from notifications.tasks import deliver_notifications, deliver_notifications_periodically

NOON = datetime(2026, 11, 10, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def test_the_tasks_deliver_what_is_due(consultant, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOON)
    notify(recipient=consultant, key="k", subject="Emne", body="Tekst")
    assert deliver_notifications.call_local() == 1
    assert deliver_notifications_periodically.call_local() == 0
    assert len(mail.outbox) == 1
