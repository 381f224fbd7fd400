"""Notifications created once per recipient, channel and key (a reminder at its time, or
dropped when too late), and withdrawn when what they are about changes."""

import re
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from citizens.models import Citizen
from common.services import model_update
from notifications.models import Channel, Notification, NotificationStatus
from notifications.services.timing import (
    next_allowed_time,
    quiet_hours_of,
    reminder_lead_of,
    reminder_time,
)

#: Ten digits shaped like a CPR number; a "+" before them makes an E.164 phone number instead.
CPR_SHAPE = re.compile(r"(?<!\+)\b\d{6}-?\d{4}\b")


REMINDER = "reminder"


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


#: Why a message was dropped, for the history (not shown to citizens as such).
TOO_LATE = "It would have arrived after what it is about had begun."


def notify(
    *,
    recipient: User,
    key: str,
    subject: str,
    body: str,
    about: str = "",
    kind: str = "",
    binding: bool = False,
    event_at: datetime | None = None,
    channels: Iterable[str] | None = None,
    not_before: datetime | None = None,
    now: datetime | None = None,
) -> list[Notification]:
    """Schedules `body` for `recipient` on each channel they can be reached on (all of them, or
    those of `channels`), at `not_before` or now, moved out of the quiet hours of the
    recipient's job centre. `about` names what the message is about ("booking:42"; by default
    the key's first two parts), so `notifications_withdraw` can find it; `binding` marks a
    legally binding letter, which is never dropped; a message that is not binding and would go
    out after `event_at` is dropped instead. A (recipient, channel, key) that exists already is
    left alone (unless it was withdrawn: asked for again, it is queued again), so callers may
    ask as often as they like; returns the notifications queued now. Refuses a text that looks
    like a CPR number: e-mail and SMS are not secure channels."""
    now = now or timezone.now()
    scheduled_for = next_allowed_time(
        max(now, not_before) if not_before else now, quiet_hours_of(recipient)
    )
    return _queue(
        recipient=recipient,
        key=key,
        subject=subject,
        body=body,
        about=about,
        kind=kind,
        binding=binding,
        event_at=event_at,
        channels=channels,
        scheduled_for=scheduled_for,
        now=now,
    )


def reminder_time_for(*, recipient: User, event_at: datetime, now: datetime) -> datetime | None:
    """`reminder_time` by the lead time and quiet hours of the recipient's job centre: callers
    ask it to word the reminder ("i dag", "i morgen") by the day it goes out."""
    return reminder_time(
        event_at=event_at,
        lead=reminder_lead_of(recipient),
        quiet=quiet_hours_of(recipient),
        now=now,
    )


def notify_reminder(
    *,
    recipient: User,
    key: str,
    subject: str,
    body: str,
    event_at: datetime,
    about: str = "",
    channels: Iterable[str] | None = None,
    now: datetime | None = None,
) -> list[Notification]:
    """A reminder of something that begins at `event_at`, scheduled by the recipient's job
    centre's lead time and quiet hours (see `reminder_time`). A reminder that cannot go out
    in time is recorded as dropped, and one whose event has begun when it is due is dropped by
    the sending task: a reminder is never sent late."""
    now = now or timezone.now()
    scheduled_for = reminder_time_for(recipient=recipient, event_at=event_at, now=now)
    return _queue(
        recipient=recipient,
        key=key,
        subject=subject,
        body=body,
        about=about,
        kind=REMINDER,
        binding=False,
        event_at=event_at,
        channels=channels,
        scheduled_for=scheduled_for,
        now=now,
    )


def _queue(
    *,
    recipient: User,
    key: str,
    subject: str,
    body: str,
    about: str,
    kind: str,
    binding: bool,
    event_at: datetime | None,
    channels: Iterable[str] | None,
    scheduled_for: datetime | None,
    now: datetime,
) -> list[Notification]:
    if any(CPR_SHAPE.search(text) for text in (key, subject, body)):
        raise ValueError("A notification must not contain a CPR number.")
    too_late = not binding and (
        scheduled_for is None or (event_at is not None and scheduled_for >= event_at)
    )
    fields = {
        "about": about or ":".join(key.split(":")[:2]),
        "kind": kind,
        "binding": binding,
        "event_at": event_at,
        "body": body,
        "scheduled_for": scheduled_for or now,
        "status": NotificationStatus.DROPPED if too_late else NotificationStatus.QUEUED,
        "status_reason": TOO_LATE if too_late else "",
        "status_changed_at": now if too_late else None,
    }
    wanted = _reachable_channels(recipient)
    if channels is not None:
        asked = set(channels)
        wanted = [channel for channel in wanted if channel in asked]
    queued = []
    for channel in wanted:
        values = {**fields, "subject": subject if channel == Channel.EMAIL else ""}
        # get_or_create tries the insert in a savepoint and falls back to the row a concurrent
        # caller just made, so the unique constraint decides and nothing is created twice.
        notification, is_new = Notification.objects.get_or_create(
            recipient=recipient, channel=channel, key=key, defaults=values
        )
        if not is_new and notification.status == NotificationStatus.WITHDRAWN:
            # Withdrawn and asked for again (a booking moved back to its first time): anew.
            model_update(instance=notification, data=values)
            notification.save(update_fields=list(values))
            is_new = True
        if is_new and notification.status == NotificationStatus.QUEUED:
            queued.append(notification)
    if any(notification.scheduled_for <= now for notification in queued):
        # robust: if the queue is down the periodic run sends it; the caller's work stands.
        transaction.on_commit(_enqueue_delivery, robust=True)
    return queued


def notifications_withdraw(
    *,
    about: str,
    reason: str,
    kinds: Iterable[str] | None = None,
    now: datetime | None = None,
) -> int:
    """Withdraws every message about `about` (of `kinds`, or all) that has not gone out:
    what it says is no longer true. Sent messages stay as they were; binding letters are
    withdrawn like the rest, visibly, with the reason. Returns how many were withdrawn. A
    message being sent at this moment is locked by the sender, and this waits for it and then
    leaves it alone (it is sent by then)."""
    unsent = Notification.objects.filter(about=about, status=NotificationStatus.QUEUED)
    if kinds is not None:
        unsent = unsent.filter(kind__in=list(kinds))
    return unsent.update(
        status=NotificationStatus.WITHDRAWN,
        status_reason=reason[:200],
        status_changed_at=now or timezone.now(),
    )


def _enqueue_delivery() -> None:
    from notifications.tasks import deliver_notifications  # tasks imports this module

    deliver_notifications()
