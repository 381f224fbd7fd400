"""What citizens are told about their job club seats, through the notifications service, in
the words of a booking's messages: a receipt, a reminder by the job centre's lead time, a
changed time or place, a cancelled club. Each names what it is about ("jobclub-seat:<id>"),
so a cancelled seat or club withdraws what has not gone out; a reminder's key holds the start,
so a moved club is reminded of anew."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from notifications.services import notifications_withdraw, notify, notify_reminder


def _about(seat) -> str:
    return f"jobclub-seat:{seat.pk}"


def when(club) -> str:
    start, end = timezone.localtime(club.start), timezone.localtime(club.end)
    return f"{formats.date_format(start, 'l j. F Y')} kl. {start:%H.%M}-{end:%H.%M}"


def where(club) -> str:
    return club.place or str(club.get_mode_display())


def _text(seat, first_line: str, extra: str = "") -> str:
    club = seat.club
    lines = [
        (_("Job club"), club.title),
        (_("Time"), when(club)),
        (_("Where"), where(club)),
        (_("Host"), club.host.name),
    ]
    link = settings.SITE_URL + reverse("jobclubs:detail", args=[club.public_id])
    return "\n".join(
        [
            first_line,
            "",
            *(f"{label}: {value}" for label, value in lines),
            *(["", extra] if extra else []),
            "",
            _("See or cancel your seat: %(path)s") % {"path": link},
        ]
    )


def _change_text(change_until, now=None) -> str:
    """Until when the citizen may cancel themselves, or, booked after that, whom to contact:
    what the club's page says."""
    if (now or timezone.now()) > change_until:
        return _("It is too late to cancel your seat yourself. Please contact the job centre.")
    until = timezone.localtime(change_until)
    return _("You can cancel your seat yourself until %(when)s.") % {
        "when": f"{formats.date_format(until, 'l j. F')} kl. {until:%H.%M}"
    }


def booked(seat, *, change_until, now=None):
    with override("da"):
        made = notify(
            recipient=seat.citizen.user,
            key=f"{_about(seat)}:receipt",
            subject=_("Your seat in the job club is booked"),
            body=_text(
                seat, _("Your seat in the job club is booked."), _change_text(change_until, now)
            ),
            about=_about(seat),
            kind="receipt",
            event_at=seat.club.start,
            now=now,
        )
    return made + reminder(seat, now=now)


def reminder(seat, now=None):
    with override("da"):
        return notify_reminder(
            recipient=seat.citizen.user,
            key=f"{_about(seat)}:reminder:{seat.club.start.isoformat()}",
            subject=_("Reminder: your job club"),
            body=_text(seat, _("A reminder of your job club at the job centre.")),
            event_at=seat.club.start,
            about=_about(seat),
            now=now,
        )


def cancelled_by_citizen(seat, now=None):
    notifications_withdraw(about=_about(seat), reason="The citizen cancelled.", now=now)


def club_changed(seat, now=None):
    """The time or place changed: what was queued is withdrawn, a message and a new reminder
    take its place."""
    notifications_withdraw(about=_about(seat), reason="The job club was changed.", now=now)
    with override("da"):
        made = notify(
            recipient=seat.citizen.user,
            key=f"{_about(seat)}:changed:{seat.club.updated_at.isoformat()}",
            subject=_("Your job club has been changed"),
            body=_text(seat, _("The job centre has changed the time or place of your job club.")),
            about=_about(seat),
            kind="changed",
            event_at=seat.club.start,
            now=now,
        )
    return made + reminder(seat, now=now)


def club_cancelled(seat, now=None):
    notifications_withdraw(about=_about(seat), reason="The job centre cancelled.", now=now)
    with override("da"):
        return notify(
            recipient=seat.citizen.user,
            key=f"{_about(seat)}:cancelled-by-centre",
            subject=_("The job centre has cancelled your job club"),
            body=_text(
                seat,
                _("The job centre has cancelled the job club. Reason: %(reason)s")
                % {"reason": seat.club.cancel_reason},
            ),
            about=_about(seat),
            kind="cancelled",
            now=now,
        )
