"""The booking as an iCalendar file (icalendar), for the citizen's own calendar."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from booking.models import Booking, Status


def booking_ics(booking: Booking) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Jobsamtale//DA")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if not booking.is_active else "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.public_id}@jobsamtale")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", f"Samtale i jobcentret: {booking.topic.name}")
    where = booking.room.name if booking.room else booking.get_mode_display()
    if booking.room and booking.room.location:
        where = f"{where}, {booking.room.location}"
    event.add("location", f"{booking.job_centre.name}: {where}")
    video = f"Videomødet: {booking.video_link}\n" if booking.video_link else ""
    event.add(
        "description",
        f"Konsulent: {booking.consultant.name}\n{video}"
        f"{settings.SITE_URL}{reverse('booking:detail', args=[booking.public_id])}",
    )
    if booking.video_link:
        event.add("url", booking.video_link)
    event.add("status", "CONFIRMED" if booking.status == Status.BOOKED else "CANCELLED")
    event.add("sequence", int(booking.rescheduled_at.timestamp()) if booking.rescheduled_at else 0)
    cal.add_component(event)
    return cal.to_ical()
