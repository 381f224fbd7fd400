"""A conversation or a job-club seat as an iCalendar file (icalendar), for the citizen's own
calendar: one builder for both."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from booking.models import Booking


def appointment_ics(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    summary: str,
    location: str,
    description: str,
    active: bool,
    sequence: int,
    url: str = "",
) -> bytes:
    """One event, PUBLISHed and CONFIRMED while `active` (coming or taken place), else a
    CANCEL that takes it out of the calendar; `url` is how to join a video meeting."""
    cal = Calendar()
    cal.add("prodid", "-//Jobsamtale//DA")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH" if active else "CANCEL")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED" if active else "CANCELLED")
    event.add("sequence", sequence)
    cal.add_component(event)
    return cal.to_ical()


def booking_ics(booking: Booking) -> bytes:
    where = booking.room.name if booking.room else booking.get_mode_display()
    if booking.room and booking.room.location:
        where = f"{where}, {booking.room.location}"
    video = f"Videomødet: {booking.video_link}\n" if booking.video_link else ""
    page = f"{settings.SITE_URL}{reverse('booking:detail', args=[booking.public_id])}"
    return appointment_ics(
        uid=f"{booking.public_id}@jobsamtale",
        start=booking.start,
        end=booking.end,
        summary=f"Samtale i jobcentret: {booking.topic.name}",
        location=f"{booking.job_centre.name}: {where}",
        description=f"Konsulent: {booking.consultant.name}\n{video}{page}",
        active=booking.is_active,
        sequence=int(booking.rescheduled_at.timestamp()) if booking.rescheduled_at else 0,
        url=booking.video_link,
    )
