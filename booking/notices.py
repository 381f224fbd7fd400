"""What the citizen and the consultant are told about bookings and deadlines, through the
notifications service. Each message has a key, so the same message is never sent twice; a
moved booking's key includes its new time, so its reminder is sent anew. Each names what it is
about ("booking:<id>", "deadline:<id>"): a cancelled or moved booking and a withdrawn deadline
withdraw what has not gone out yet. A summons and a deadline are legally binding letters."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from booking.models import Origin
from notifications.services import (
    notifications_withdraw,
    notify,
    notify_reminder,
    reminder_time_for,
)


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _when(booking) -> str:
    local = timezone.localtime(booking.start)
    return f"{formats.date_format(local, 'l j. F Y')} kl. {local:%H.%M}"


def _where(booking) -> str:
    if booking.room_id:
        room = booking.room
        return f"{room.name}, {room.location}" if room.location else room.name
    return str(booking.get_mode_display())


def _change_text(booking, now=None, rule=None) -> str:
    """Until when the citizen can move or cancel it themselves, or, past that, how to reach the
    job centre: what the confirm step and the receipt page say."""
    from booking.services.bookings import change_deadline  # services imports this module

    until = timezone.localtime(change_deadline(booking, rule))
    when = f"{formats.date_format(until, 'l j. F')} kl. {until:%H.%M}"
    if (now or timezone.now()) <= until:
        return _("You can move or cancel the conversation yourself until %(when)s.") % {
            "when": when
        }
    centre = booking.job_centre
    phone, hours = _("Phone"), _("Opening hours")
    contact = [
        *([f"{phone} {centre.phone}"] if centre.phone else []),
        *([centre.email] if centre.email else []),
        *([f"{hours}: {centre.opening_hours}"] if centre.opening_hours else []),
    ]
    text = _(
        "The conversation cannot be moved or cancelled online. If you cannot come, please "
        "contact the job centre."
    )
    return " ".join([text, *contact])


def _booking_text(booking, first_line: str, change: str = "") -> str:
    lines = [
        (_("Topic"), booking.topic.name),
        (_("Time"), _when(booking)),
        (_("Where"), _where(booking)),
        (_("Consultant"), booking.consultant.name),
    ]
    return "\n".join(
        [
            first_line,
            "",
            *(f"{label}: {value}" for label, value in lines),
            *(["", change] if change else []),
            "",
            _("See, move or cancel the conversation: %(path)s")
            % {"path": _link("booking:detail", booking.public_id)},
        ]
    )


def _about(booking) -> str:
    return f"booking:{booking.pk}"


def _citizen_notify(
    booking, kind: str, subject: str, first_line: str, now=None, change: str = "", **kwargs
):
    """A summons (and what changes it) is binding; a self-booking's receipt is not, and is
    dropped rather than sent after the conversation has begun."""
    summoned = booking.origin == Origin.SUMMONED
    return notify(
        recipient=booking.citizen.user,
        key=f"{_about(booking)}:{kind}",
        subject=subject,
        body=_booking_text(booking, first_line, change),
        about=_about(booking),
        kind=kind.split(":")[0],
        binding=summoned,
        event_at=None if summoned else booking.start,
        now=now,
        **kwargs,
    )


def booked(booking, now=None, rule=None):
    with override("da"):
        made = _citizen_notify(
            booking,
            "receipt",
            _("Your conversation is booked"),
            _("Your conversation with the job centre is booked."),
            now=now,
            change=_change_text(booking, now, rule),
        )
    return made + booking_reminder(booking, now=now)


def moved(booking, now=None):
    """What was queued for the old time is withdrawn; the moved message and the reminder of the
    new time take its place."""
    notifications_withdraw(about=_about(booking), reason="The conversation was moved.", now=now)
    with override("da"):
        made = _citizen_notify(
            booking,
            f"moved:{booking.start.isoformat()}",
            _("Your conversation has been moved"),
            _("Your conversation with the job centre has been moved."),
            now=now,
            change=_change_text(booking, now),
        )
    return made + booking_reminder(booking, now=now)


def cancelled_by_citizen(booking, now=None):
    """The citizen cancelled it themselves: nothing more is sent about it."""
    notifications_withdraw(about=_about(booking), reason="The citizen cancelled.", now=now)


def cancelled_by_centre(booking, now=None):
    notifications_withdraw(about=_about(booking), reason="The job centre cancelled.", now=now)
    with override("da"):
        return notify(
            recipient=booking.citizen.user,
            key=f"{_about(booking)}:cancelled-by-centre",
            subject=_("The job centre has cancelled your conversation"),
            body=_booking_text(
                booking,
                _("The job centre has cancelled your conversation. Reason: %(reason)s")
                % {"reason": booking.cancel_reason},
            ),
            about=_about(booking),
            kind="cancelled",
            binding=booking.origin == Origin.SUMMONED,
            now=now,
        )


def booking_reminder(booking, now=None):
    """The job centre's lead time before the meeting, outside its quiet hours, or the evening
    before; never after the meeting has begun (see notifications.services.reminder_time). It
    says "today" or "tomorrow" only when that is true on the day it goes out."""
    now = now or timezone.now()
    at = reminder_time_for(recipient=booking.citizen.user, event_at=booking.start, now=now)
    days = (timezone.localdate(booking.start) - timezone.localdate(at or now)).days
    with override("da"):
        if days == 0:
            subject = _("Reminder: your conversation today")
            first_line = _("A reminder of your conversation with the job centre today.")
        elif days == 1:
            subject = _("Reminder: your conversation tomorrow")
            first_line = _("A reminder of your conversation with the job centre tomorrow.")
        else:
            subject = _("Reminder: your conversation with the job centre")
            first_line = _("A reminder of your conversation with the job centre.")
        return notify_reminder(
            recipient=booking.citizen.user,
            key=f"{_about(booking)}:reminder:{booking.start.isoformat()}",
            subject=subject,
            body=_booking_text(booking, first_line),
            about=_about(booking),
            event_at=booking.start,
            now=now,
        )


def _deadline_text(item, first_line: str) -> str:
    topic = item.topic.name if item.topic else _("a conversation")
    return "\n".join(
        [
            first_line,
            "",
            _("Book %(topic)s no later than %(deadline)s, with a meeting between %(a)s and %(b)s.")
            % {
                "topic": topic,
                "deadline": formats.date_format(item.deadline, "j. F Y"),
                "a": formats.date_format(item.window_start, "j. F"),
                "b": formats.date_format(item.window_end, "j. F Y"),
            },
            _("Book here: %(path)s") % {"path": _link("booking:start")},
        ]
    )


def deadline_given(item):
    """The deadline itself is a legally binding letter."""
    with override("da"):
        return notify(
            recipient=item.citizen.user,
            key=f"deadline:{item.pk}:given",
            subject=_("Please book a conversation with the job centre"),
            body=_deadline_text(item, _("The job centre asks you to book a conversation.")),
            about=f"deadline:{item.pk}",
            kind="given",
            binding=True,
        )


def deadline_changed(item):
    """A new deadline replaced the open one: one message, keyed by the new deadline. When a
    booking already meets it, the citizen is told that nothing more is to be booked."""
    with override("da"):
        first_line = _("The job centre has changed your booking deadline.")
        if item.fulfilled_by_id:
            meeting = _("Your conversation on %(when)s meets it: you need not book another.") % {
                "when": _when(item.fulfilled_by)
            }
            body = "\n".join([first_line, "", meeting])
        else:
            body = _deadline_text(item, first_line)
        return notify(
            recipient=item.citizen.user,
            key=f"deadline:{item.pk}:changed",
            subject=_("Your booking deadline has changed"),
            body=body,
        )


def deadline_reminder(item, now=None):
    """Dropped rather than sent once the deadline's last day is over."""
    day_after = datetime.combine(
        item.deadline + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
    )
    with override("da"):
        return notify(
            recipient=item.citizen.user,
            key=f"deadline:{item.pk}:reminder:{item.deadline.isoformat()}",
            subject=_("Reminder: book your conversation"),
            body=_deadline_text(item, _("Remember to book your conversation with the job centre.")),
            about=f"deadline:{item.pk}",
            kind="reminder",
            event_at=day_after,
            now=now,
        )


def deadline_withdrawn(item, now=None):
    """Withdrawn or replaced: nothing queued about it goes out (the letter itself included,
    visibly withdrawn, if it has not gone out yet)."""
    notifications_withdraw(
        about=f"deadline:{item.pk}", reason="The deadline was withdrawn.", now=now
    )


def deadline_met(item, now=None):
    """Booked in time: the reminders to book are withdrawn; the letter stands."""
    notifications_withdraw(
        about=f"deadline:{item.pk}",
        kinds=["reminder"],
        reason="The citizen has booked.",
        now=now,
    )


def deadline_missed(item):
    """Only the consultant is told; what happens next is a human decision."""
    consultant = item.citizen.responsible_consultant
    if consultant is None:
        return []
    with override("da"):
        return notify(
            recipient=consultant,
            key=f"deadline:{item.pk}:missed",
            subject=_("A booking deadline was missed"),
            body=_(
                "%(name)s has not booked a conversation by the deadline %(deadline)s. "
                "See the citizen's page: %(path)s"
            )
            % {
                "name": item.citizen.name,
                "deadline": formats.date_format(item.deadline, "j. F Y"),
                "path": _link("citizens:detail", item.citizen.public_id),
            },
            about=f"deadline:{item.pk}",
            kind="missed",
            channels=["email"],
        )
