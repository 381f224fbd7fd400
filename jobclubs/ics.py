"""A job club seat as an iCalendar file (icalendar), like a booking's."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from jobclubs.models import Seat, SeatStatus


def seat_ics(seat: Seat) -> bytes:
    club = seat.club
    active = seat.status == SeatStatus.BOOKED and club.is_planned
    cal = Calendar()
    cal.add("prodid", "-//Jobsamtale//DA")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH" if active else "CANCEL")
    event = Event()
    event.add("uid", f"jobclub-{club.public_id}-{seat.pk}@jobsamtale")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", club.start)
    event.add("dtend", club.end)
    event.add("summary", f"Jobklub: {club.title}")
    event.add("location", f"{club.job_centre.name}: {club.place or club.get_mode_display()}")
    link = f"{settings.SITE_URL}{reverse('jobclubs:detail', args=[club.public_id])}"
    video = f"\n{club.video_link}" if club.video_link else ""
    event.add("description", f"Vært: {club.host.name}{video}\n{link}")
    event.add("status", "CONFIRMED" if active else "CANCELLED")
    event.add("sequence", int(club.updated_at.timestamp()))
    cal.add_component(event)
    return cal.to_ical()
