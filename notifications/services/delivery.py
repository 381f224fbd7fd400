"""Sending what is due: outside the quiet hours, one notification at a time under a row lock,
with retries and a short error that never carries a CPR number."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from common.logging import CPR_PATTERN
from notifications.backends import get_sms_backend
from notifications.models import Channel, Notification, NotificationStatus
from notifications.services.queueing import TOO_LATE, _mobile
from notifications.services.timing import is_allowed_time, next_allowed_time, quiet_hours_of

logger = logging.getLogger(__name__)


#: After this many failed sends a notification is given up (failed_at is set).
MAX_ATTEMPTS = 5


def deliver_due(*, now: datetime | None = None) -> int:
    """Sends every notification that is due and returns how many went out. Nothing is sent in
    the quiet hours of the recipient's job centre even if something is due (a second guard
    after the schedule: a message whose turn came too late waits for the morning), and a
    reminder whose event has begun is dropped, not sent. Each notification is tried at most
    once per call; the periodic task retries."""
    now = now or timezone.now()
    sent = 0
    tried: set[int] = set()
    while (outcome := _deliver_next(now=now, tried=tried)) is not None:
        sent += outcome
    return sent


def _deliver_next(*, now: datetime, tried: set[int]) -> bool | None:
    """Claims, sends and marks one due notification in one transaction: True if sent, False if
    not (held back, dropped or failed), None if nothing is left. The claim keeps two workers
    from sending the same one: on PostgreSQL a row lock that others skip, on SQLite the
    IMMEDIATE transaction, which takes the write lock at BEGIN so the workers run one after
    the other."""
    with transaction.atomic():
        due = (
            Notification.objects.filter(status=NotificationStatus.QUEUED, scheduled_for__lte=now)
            .exclude(pk__in=tried)
            .select_related("recipient__citizen", "recipient__job_centre")
            .order_by("scheduled_for", "pk")
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        notification = due.first()
        if notification is None:
            return None
        tried.add(notification.pk)
        quiet = quiet_hours_of(notification.recipient)
        if not is_allowed_time(now, quiet):
            notification.scheduled_for = next_allowed_time(now, quiet)
            notification.save(update_fields=["scheduled_for"])
            return False
        if not notification.binding and notification.event_at and notification.event_at <= now:
            notification.status, notification.status_reason = NotificationStatus.DROPPED, TOO_LATE
            notification.status_changed_at = now
            notification.save(update_fields=["status", "status_reason", "status_changed_at"])
            return False
        try:
            _send(notification)
        except Exception as exc:
            notification.attempts += 1
            notification.error = _short_error(exc, notification.body)
            if notification.attempts >= MAX_ATTEMPTS:
                notification.failed_at = notification.status_changed_at = now
                notification.status = NotificationStatus.FAILED
            notification.save(
                update_fields=["attempts", "error", "failed_at", "status", "status_changed_at"]
            )
            logger.warning("Notification %s failed: %s", notification.pk, notification.error)
            return False
        notification.sent_at = notification.status_changed_at = now
        notification.status = NotificationStatus.SENT
        notification.save(update_fields=["sent_at", "status", "status_changed_at"])
        return True


def _send(notification: Notification) -> None:
    """Sends to the recipient's address as it is now, so a corrected address is used."""
    recipient = notification.recipient
    if notification.channel == Channel.EMAIL:
        if not recipient.email:
            raise ValueError("The recipient has no e-mail address.")
        send_mail(
            notification.subject,
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            [recipient.email],
        )
    else:
        mobile = _mobile(recipient)
        if not mobile:
            raise ValueError("The recipient has no mobile number.")
        get_sms_backend().send(mobile, notification.body)


def _short_error(exc: Exception, body: str) -> str:
    """The exception's class and message for the error column, without the body (it may hold
    personal details) and cut to fit."""
    message = str(exc).replace(body, "[body]") if body else str(exc)
    return f"{type(exc).__name__}: {CPR_PATTERN.sub('******-****', message)}"[:300]
