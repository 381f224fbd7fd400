"""Writes for notifications: create them once, send them when due, never at night."""

import logging
import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from citizens.models import Citizen
from common.logging import CPR_PATTERN
from notifications.backends import get_sms_backend
from notifications.models import Channel, Notification

logger = logging.getLogger(__name__)

#: Nothing goes out from QUIET_START until QUIET_END, local time (settings.TIME_ZONE).
QUIET_START = time(22, 0)
QUIET_END = time(9, 0)
#: Ten digits shaped like a CPR number; a "+" before them makes an E.164 phone number instead.
CPR_SHAPE = re.compile(r"(?<!\+)\b\d{6}-?\d{4}\b")
#: After this many failed sends a notification is given up (failed_at is set).
MAX_ATTEMPTS = 5


def _local(when: datetime) -> datetime:
    """In the job centres' time zone whatever zone is active (and an error if naive)."""
    return timezone.localtime(when, ZoneInfo(settings.TIME_ZONE))


def _is_daytime(when: datetime) -> bool:
    return QUIET_END <= _local(when).time() < QUIET_START


def next_allowed_time(when: datetime) -> datetime:
    """`when` itself between 09:00 and 22:00 local time, otherwise the next 09:00. The 09:00 is
    built as local wall-clock time and lets zoneinfo pick the offset, so on the days daylight
    saving starts or ends it is still 09:00 in Copenhagen, not 08:00 or 10:00."""
    if _is_daytime(when):
        return when
    local = _local(when)
    day = local.date() if local.time() < QUIET_END else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_END, tzinfo=local.tzinfo)


def _mobile(user: User) -> str:
    """Citizens may have a mobile number on their profile; staff are reached by e-mail only."""
    try:
        return user.citizen.mobile
    except Citizen.DoesNotExist:
        return ""


def _reachable_channels(user: User) -> list[str]:
    return [
        channel
        for channel, address in ((Channel.EMAIL, user.email), (Channel.SMS, _mobile(user)))
        if address
    ]


def notify(
    *,
    recipient: User,
    key: str,
    subject: str,
    body: str,
    channels: Iterable[str] | None = None,
    not_before: datetime | None = None,
    now: datetime | None = None,
) -> list[Notification]:
    """Schedules `body` for `recipient` on each channel they can be reached on (all of them, or
    those of `channels`), at `not_before` or now, moved out of quiet hours. A (recipient,
    channel, key) that exists already is left alone, so callers may ask as often as they like;
    returns only the notifications created now. Refuses a text that looks like a CPR number:
    e-mail and SMS are not secure channels."""
    if any(CPR_SHAPE.search(text) for text in (key, subject, body)):
        raise ValueError("A notification must not contain a CPR number.")
    now = now or timezone.now()
    scheduled_for = next_allowed_time(max(now, not_before) if not_before else now)
    wanted = _reachable_channels(recipient)
    if channels is not None:
        asked = set(channels)
        wanted = [channel for channel in wanted if channel in asked]
    created = []
    for channel in wanted:
        # get_or_create tries the insert in a savepoint and falls back to the row a concurrent
        # caller just made, so the unique constraint decides and nothing is created twice.
        notification, is_new = Notification.objects.get_or_create(
            recipient=recipient,
            channel=channel,
            key=key,
            defaults={
                "subject": subject if channel == Channel.EMAIL else "",
                "body": body,
                "scheduled_for": scheduled_for,
            },
        )
        if is_new:
            created.append(notification)
    if any(notification.scheduled_for <= now for notification in created):
        # robust: if the queue is down the periodic run sends it; the caller's work stands.
        transaction.on_commit(_enqueue_delivery, robust=True)
    return created


def _enqueue_delivery() -> None:
    from notifications.tasks import deliver_notifications  # tasks imports this module

    deliver_notifications()


def deliver_due(*, now: datetime | None = None) -> int:
    """Sends every notification that is due and returns how many went out. Nothing is sent
    between 22:00 and 09:00 even if something is due: a second guard after notify's schedule.
    Each notification is tried at most once per call; the periodic task retries."""
    now = now or timezone.now()
    if not _is_daytime(now):
        return 0
    sent = 0
    tried: set[int] = set()
    while (outcome := _deliver_next(now=now, tried=tried)) is not None:
        sent += outcome
    return sent


def _deliver_next(*, now: datetime, tried: set[int]) -> bool | None:
    """Claims, sends and marks one due notification in one transaction: True if sent, False if
    the send failed, None if nothing is left. The claim keeps two workers from sending the same
    one: on PostgreSQL a row lock that others skip, on SQLite the IMMEDIATE transaction, which
    takes the write lock at BEGIN so the workers run one after the other."""
    with transaction.atomic():
        due = (
            Notification.objects.filter(
                sent_at__isnull=True, failed_at__isnull=True, scheduled_for__lte=now
            )
            .exclude(pk__in=tried)
            .select_related("recipient__citizen")
            .order_by("scheduled_for", "pk")
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        notification = due.first()
        if notification is None:
            return None
        tried.add(notification.pk)
        try:
            _send(notification)
        except Exception as exc:
            notification.attempts += 1
            notification.error = _short_error(exc, notification.body)
            if notification.attempts >= MAX_ATTEMPTS:
                notification.failed_at = now
            notification.save(update_fields=["attempts", "error", "failed_at"])
            logger.warning("Notification %s failed: %s", notification.pk, notification.error)
            return False
        notification.sent_at = now
        notification.save(update_fields=["sent_at"])
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
