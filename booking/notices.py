"""What the citizen and the consultant are told about bookings and deadlines, through the
notifications service. Each message has a key, so the same message is never sent twice; a
moved booking's key includes its new time, so its reminder is sent anew."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from notifications.services import notify


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


def _booking_text(booking, first_line: str) -> str:
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
            "",
            _("See, move or cancel the conversation: %(path)s")
            % {"path": _link("booking:detail", booking.public_id)},
        ]
    )


def _citizen_notify(booking, key: str, subject: str, first_line: str, not_before=None, now=None):
    return notify(
        recipient=booking.citizen.user,
        key=key,
        subject=subject,
        body=_booking_text(booking, first_line),
        not_before=not_before,
        now=now,
    )


def booked(booking, now=None):
    with override("da"):
        return _citizen_notify(
            booking,
            f"booking:{booking.pk}:receipt",
            _("Your conversation is booked"),
            _("Your conversation with the job centre is booked."),
            now=now,
        )


def moved(booking, now=None):
    with override("da"):
        return _citizen_notify(
            booking,
            f"booking:{booking.pk}:moved:{booking.start.isoformat()}",
            _("Your conversation has been moved"),
            _("Your conversation with the job centre has been moved."),
            now=now,
        )


def cancelled_by_centre(booking, now=None):
    with override("da"):
        return _citizen_notify(
            booking,
            f"booking:{booking.pk}:cancelled-by-centre",
            _("The job centre has cancelled your conversation"),
            _("The job centre has cancelled your conversation. Reason: %(reason)s")
            % {"reason": booking.cancel_reason},
            now=now,
        )


def booking_reminder(booking, now=None):
    """The day before the meeting (the notifications service keeps it inside 09-22)."""
    day_before = timezone.localtime(booking.start) - timedelta(days=1)
    with override("da"):
        return _citizen_notify(
            booking,
            f"booking:{booking.pk}:reminder:{booking.start.isoformat()}",
            _("Reminder: your conversation tomorrow"),
            _("A reminder of your conversation with the job centre tomorrow."),
            not_before=day_before.replace(hour=9, minute=0, second=0, microsecond=0),
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
    with override("da"):
        return notify(
            recipient=item.citizen.user,
            key=f"deadline:{item.pk}:given",
            subject=_("Please book a conversation with the job centre"),
            body=_deadline_text(item, _("The job centre asks you to book a conversation.")),
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
    with override("da"):
        return notify(
            recipient=item.citizen.user,
            key=f"deadline:{item.pk}:reminder:{item.deadline.isoformat()}",
            subject=_("Reminder: book your conversation"),
            body=_deadline_text(item, _("Remember to book your conversation with the job centre.")),
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
            channels=["email"],
        )
