"""The calendar file of a conversation and of a job-club seat (one builder): what the citizen's
calendar shows for a coming, a held and a cancelled one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from booking.ics import booking_ics
from booking.models import MeetingMode, Status
from booking.tests.factories import BookingFactory
from jobclubs.ics import seat_ics
from jobclubs.models import Seat
from jobclubs.tests.factories import JobClubFactory

pytestmark = pytest.mark.django_db


def unfolded(ics: bytes) -> str:
    return ics.replace(b"\r\n ", b"").decode()


@pytest.mark.parametrize(
    "status, method, shown",
    [
        (Status.BOOKED, "PUBLISH", "CONFIRMED"),
        (Status.HELD, "PUBLISH", "CONFIRMED"),  # it took place: never "cancelled"
        (Status.CANCELLED_BY_CITIZEN, "CANCEL", "CANCELLED"),
    ],
)
def test_a_conversation_in_the_calendar(citizen, consultant, status, method, shown):
    start = timezone.now() + timedelta(days=2)
    booking = BookingFactory(citizen=citizen, consultant=consultant, status=status, start=start)
    text = unfolded(booking_ics(booking))
    assert f"METHOD:{method}" in text and f"STATUS:{shown}" in text


def test_a_job_club_seat_in_the_calendar(centre, consultant, citizen):
    club = JobClubFactory(
        job_centre=centre,
        host=consultant,
        title="Jobklub: lager og logistik",
        start=timezone.now() + timedelta(days=2),
        mode=MeetingMode.VIDEO,
        place="",
        video_link="https://video.example/klub",
    )
    seat = Seat.objects.create(
        club=club, citizen=citizen, number=1, booked_at=timezone.now(), created_by=citizen.user
    )
    text = unfolded(seat_ics(seat))
    assert "SUMMARY:Jobklub: lager og logistik\r\n" in text  # not "Jobklub: Jobklub: …"
    assert "URL:https://video.example/klub" in text
    assert "METHOD:PUBLISH" in text and "STATUS:CONFIRMED" in text
