"""Writes for notifications: create them once, send them when due, never in the recipient's
job centre's quiet hours; withdraw what has not gone out when what it is about changes, and
drop a reminder rather than send it after the conversation has begun."""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from centres.models import JobCentre
from citizens.models import Citizen
from common.logging import CPR_PATTERN
from common.services import model_update
from notifications.backends import get_sms_backend
from notifications.models import Channel, Notification, NotificationStatus

logger = logging.getLogger(__name__)

#: Ten digits shaped like a CPR number; a "+" before them makes an E.164 phone number instead.
CPR_SHAPE = re.compile(r"(?<!\+)\b\d{6}-?\d{4}\b")
#: After this many failed sends a notification is given up (failed_at is set).
MAX_ATTEMPTS = 5
#: A reminder that quiet hours would push this close to the conversation goes out the evening
#: before instead (or, with a shorter lead time, no later than the lead time before).
REMINDER_MIN_NOTICE = timedelta(hours=1)
#: "The evening before" is this long before quiet hours begin, so the sending task (every five
#: minutes) has several tries before the quiet hours start.
BEFORE_QUIET = timedelta(minutes=30)

REMINDER = "reminder"


@dataclass(frozen=True)
class QuietHours:
    """Nothing goes out from `start` until `end`, local time (settings.TIME_ZONE). The hours
    may cross midnight (22-09, the default) or not (01-06)."""

    start: time
    end: time

    def covers(self, moment: time) -> bool:
        if self.start > self.end:
            return moment >= self.start or moment < self.end
        return self.start <= moment < self.end


DEFAULT_QUIET_HOURS = QuietHours(
    start=JobCentre._meta.get_field("quiet_hours_start").default,  # type: ignore[arg-type]
    end=JobCentre._meta.get_field("quiet_hours_end").default,  # type: ignore[arg-type]
)
DEFAULT_LEAD = timedelta(hours=JobCentre._meta.get_field("reminder_lead_hours").default)  # type: ignore[arg-type]


def quiet_hours_of(user: User) -> QuietHours:
    """The quiet hours of the user's job centre (the defaults for a user without one)."""
    centre = user.job_centre
    if centre is None:
        return DEFAULT_QUIET_HOURS
    return QuietHours(start=centre.quiet_hours_start, end=centre.quiet_hours_end)


def reminder_lead_of(user: User) -> timedelta:
    centre = user.job_centre
    return timedelta(hours=centre.reminder_lead_hours) if centre else DEFAULT_LEAD


def _local(when: datetime) -> datetime:
    """In the job centres' time zone whatever zone is active (and an error if naive)."""
    return timezone.localtime(when, ZoneInfo(settings.TIME_ZONE))


def _at(day, clock: time, tz) -> datetime:
    """Wall-clock time on a local day; zoneinfo picks the offset, so on the days daylight
    saving starts or ends 09:00 is still 09:00 in Copenhagen, not 08:00 or 10:00."""
    return datetime.combine(day, clock, tzinfo=tz)


def is_allowed_time(when: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> bool:
    return not quiet.covers(_local(when).time())


def next_allowed_time(when: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> datetime:
    """`when` itself outside the quiet hours, otherwise the moment they end."""
    if is_allowed_time(when, quiet):
        return when
    local = _local(when)
    end = _at(local.date(), quiet.end, local.tzinfo)
    return end if end > local else _at(local.date() + timedelta(days=1), quiet.end, local.tzinfo)


def quiet_hours_begin(when: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> datetime:
    """When the quiet hours that `when` falls in began (`when` itself in the daytime)."""
    if is_allowed_time(when, quiet):
        return when
    local = _local(when)
    begin = _at(local.date(), quiet.start, local.tzinfo)
    return begin if begin <= local else _at(local.date() - timedelta(1), quiet.start, local.tzinfo)


def reminder_time(
    *, event_at: datetime, lead: timedelta, quiet: QuietHours, now: datetime
) -> datetime | None:
    """When to remind of something that begins at `event_at`: `lead` before it on the local
    clock (24 hours before Monday 08.30 is Sunday 08.30 across a daylight-saving night too),
    moved out of the quiet hours. Where that would land after the event or too close to it, the
    evening before instead, before the quiet hours begin (Sunday before 22.00 for a Monday 08.30
    meeting, never Monday 09.00); and where that evening has passed as well, None: no
    reminder, rather than one sent after the conversation began."""
    wanted = _local(event_at) - lead
    latest = event_at - min(REMINDER_MIN_NOTICE, lead)
    at = next_allowed_time(max(now, wanted), quiet)
    if at <= latest:
        return at
    evening = quiet_hours_begin(latest, quiet)
    at = max(now, evening - BEFORE_QUIET)
    if at < evening and at <= latest and is_allowed_time(at, quiet):
        return at
    return None


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
