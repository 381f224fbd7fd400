"""Writes for notifications: create them once, send them when due, never in the recipient's
job centre's quiet hours; withdraw what has not gone out when what it is about changes, and
drop a reminder rather than send it after the conversation has begun.

`timing` says when a message may go out (quiet hours, reminder lead), `queueing` creates and
withdraws them, `delivery` sends what is due; the names are re-exported here."""

from notifications.services.delivery import MAX_ATTEMPTS, deliver_due
from notifications.services.queueing import (
    CPR_SHAPE,
    REMINDER,
    TOO_LATE,
    notifications_withdraw,
    notify,
    notify_reminder,
    reminder_time_for,
)
from notifications.services.timing import (
    BEFORE_QUIET,
    DEFAULT_LEAD,
    DEFAULT_QUIET_HOURS,
    REMINDER_MIN_NOTICE,
    QuietHours,
    is_allowed_time,
    next_allowed_time,
    quiet_hours_begin,
    quiet_hours_of,
    reminder_lead_of,
    reminder_time,
)

__all__ = [
    "BEFORE_QUIET",
    "CPR_SHAPE",
    "DEFAULT_LEAD",
    "DEFAULT_QUIET_HOURS",
    "MAX_ATTEMPTS",
    "REMINDER",
    "REMINDER_MIN_NOTICE",
    "TOO_LATE",
    "QuietHours",
    "deliver_due",
    "is_allowed_time",
    "next_allowed_time",
    "notifications_withdraw",
    "notify",
    "notify_reminder",
    "quiet_hours_begin",
    "quiet_hours_of",
    "reminder_lead_of",
    "reminder_time",
    "reminder_time_for",
]
