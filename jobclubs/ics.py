"""A job club seat as an iCalendar file, built as a conversation's is (booking.ics)."""

from django.conf import settings
from django.urls import reverse

from booking.ics import appointment_ics
from jobclubs.models import Seat, SeatStatus


def seat_ics(seat: Seat) -> bytes:
    club = seat.club
    title = club.title
    video = f"\n{club.video_link}" if club.video_link else ""
    page = f"{settings.SITE_URL}{reverse('jobclubs:detail', args=[club.public_id])}"
    return appointment_ics(
        uid=f"jobclub-{club.public_id}-{seat.pk}@jobsamtale",
        start=club.start,
        end=club.end,
        summary=title if title.lower().startswith("jobklub") else f"Jobklub: {title}",
        location=f"{club.job_centre.name}: {club.place or club.get_mode_display()}",
        description=f"Vært: {club.host.name}{video}\n{page}",
        active=seat.status == SeatStatus.BOOKED and club.is_planned,
        sequence=int(club.updated_at.timestamp()),
        url=club.video_link,
    )
