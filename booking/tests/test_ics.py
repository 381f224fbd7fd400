"""The calendar file of a conversation: what the citizen's calendar shows for a coming, a held
and a cancelled one (a job-club seat's is built the same way: jobclubs/tests/test_ics.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from booking.ics import booking_ics
from booking.models import Status
from booking.tests.factories import BookingFactory

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
