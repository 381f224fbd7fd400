"""A job-club seat's calendar file (booking.ics builds it as a conversation's)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from booking.models import MeetingMode
from jobclubs.ics import seat_ics
from jobclubs.models import Seat
from jobclubs.tests.factories import JobClubFactory

pytestmark = pytest.mark.django_db


def unfolded(ics: bytes) -> str:
    return ics.replace(b"\r\n ", b"").decode()


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
