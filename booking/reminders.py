from datetime import datetime, timedelta

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from booking import notices
from booking.models import Booking, Status
from notifications.models import Notification, NotificationStatus

#: The longest lead time a job centre may set (JobCentre.reminder_lead_hours) and a day more.
LOOK_AHEAD = timedelta(hours=168 + 24)


def queue_booking_reminders(now: datetime | None = None) -> int:
    """A reminder for every coming booked conversation that has none: booking and moving queue
    it themselves, so this catches only what they did not (bookings made before reminders were
    queued at booking time). A reminder withdrawn by a move does not count; one sent or dropped
    does."""
    now = now or timezone.now()
    has_reminder = Notification.objects.filter(
        about=Concat(Value("booking:"), Cast(OuterRef("pk"), CharField())),
        kind="reminder",
    ).exclude(status=NotificationStatus.WITHDRAWN)
    due = (
        Booking.objects.filter(status=Status.BOOKED, start__gt=now, start__lte=now + LOOK_AHEAD)
        .exclude(Exists(has_reminder))
        .select_related("citizen__user__job_centre", "topic", "room", "consultant")
    )
    return sum(len(notices.booking_reminder(b, now=now)) for b in due)
