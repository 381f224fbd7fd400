from datetime import datetime, timedelta

from django.utils import timezone

from booking import notices
from booking.models import Booking, Status


def queue_booking_reminders(now: datetime | None = None) -> int:
    """A reminder for every booked conversation that starts tomorrow (local date)."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    due = Booking.objects.filter(status=Status.BOOKED, start__date=tomorrow).select_related(
        "citizen__user", "topic", "room", "consultant"
    )
    return sum(len(notices.booking_reminder(b, now=now)) for b in due)
