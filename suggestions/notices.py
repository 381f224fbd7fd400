"""What the citizen and the consultant are told about job suggestions, through the
notifications service. Each message has a key per batch, so it is sent once."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from notifications.services import notifications_withdraw, notify


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def check_reminder(batch, now=None):
    with override("da"):
        return notify(
            recipient=batch.citizen.user,
            key=f"suggestions:{batch.pk}:reminder",
            about=f"suggestions:{batch.pk}",
            kind="reminder",
            event_at=datetime.combine(
                batch.due_on + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
            ),
            subject=_("Remember to check your job suggestions"),
            body="\n".join(
                [
                    _("Remember to check this week's job suggestions no later than %(date)s.")
                    % {"date": formats.date_format(batch.due_on, "l j. F Y")},
                    "",
                    _("See your job suggestions: %(path)s") % {"path": _link("suggestions:own")},
                ]
            ),
            now=now,
        )


def checked(batch, now=None):
    """Checked in time: a reminder still queued is withdrawn."""
    notifications_withdraw(
        about=f"suggestions:{batch.pk}", reason="The citizen checked the suggestions.", now=now
    )


def check_missed(batch, now=None):
    """Only the consultant is told; what happens next is a human decision."""
    consultant = batch.citizen.responsible_consultant
    if consultant is None:
        return []
    with override("da"):
        return notify(
            recipient=consultant,
            key=f"suggestions:{batch.pk}:missed",
            about=f"suggestions:{batch.pk}",
            kind="missed",
            subject=_("Job suggestions were not checked in time"),
            body=_(
                "%(name)s has not checked the job suggestions by the deadline %(date)s. "
                "See the citizen's job suggestions: %(path)s"
            )
            % {
                "name": batch.citizen.name,
                "date": formats.date_format(batch.due_on, "j. F Y"),
                "path": _link("suggestions:citizen", batch.citizen.public_id),
            },
            channels=["email"],
            now=now,
        )
