"""Many citizens after the last seats at once, each on its own connection (as requests are in
production): the club's row lock queues them and the unique seat numbers are the last guard.
Exactly as many bookings as seats; everyone else a clean "full", never another error."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import MeetingMode
from booking.services import bookings
from booking.services.bookings import BookingRequest
from booking.tests.concurrency import at_once, own_connections
from booking.tests.factories import TopicFactory, working_week
from citizens.tests.factories import CitizenFactory
from jobclubs import services
from jobclubs.models import Seat, SeatStatus
from jobclubs.services import ClubFull
from jobclubs.tests.conftest import NOW
from jobclubs.tests.factories import JobClubFactory

pytestmark = pytest.mark.django_db(transaction=True)


def outcomes(results: list) -> Counter:
    counts: Counter = Counter()
    for result in results:
        if isinstance(result, tuple):
            counts["booked"] += 1
        elif isinstance(result, ClubFull):
            counts["full"] += 1
        elif isinstance(result, int):
            counts[result] += 1  # an HTTP status
        else:
            counts[repr(result)] += 1
    print(f"[{connection.vendor}]", dict(counts))  # the figures, with -s
    return counts


def assert_seats_given_once(club) -> None:
    seats = list(Seat.objects.filter(club=club, status=SeatStatus.BOOKED))
    assert sorted(seat.number for seat in seats) == list(range(1, club.capacity + 1))
    assert len({seat.citizen_id for seat in seats}) == club.capacity


def test_twenty_citizens_book_an_eight_seat_club_at_once(centre, tmp_path):
    club = JobClubFactory(job_centre=centre, start=NOW.replace(day=25, hour=10))
    citizens = [CitizenFactory(job_centre=centre) for _ in range(20)]
    calls = [
        (lambda c=c: services.seat_book(club=club, citizen=c, actor=c.user, now=NOW))
        for c in citizens
    ]
    with own_connections(tmp_path) as connect:
        assert outcomes(at_once(calls, connect)) == {"booked": 8, "full": 12}
        assert_seats_given_once(club)


@pytest.mark.postgres
def test_twenty_citizens_through_the_web_get_eight_seats_and_twelve_409s(centre, tmp_path):
    """The same over HTTP, on PostgreSQL (each request its own transaction and connection):
    8 redirects to the receipt, 12 pages that say the club is full, no 500."""
    club = JobClubFactory(job_centre=centre)
    url = reverse("jobclubs:book", args=[club.public_id])
    clients = []
    for _ in range(20):
        client = Client()
        client.force_login(CitizenFactory(job_centre=centre).user)
        clients.append(client)
    with own_connections(tmp_path) as connect:
        results = at_once([(lambda c=c: c.post(url).status_code) for c in clients], connect)
        assert outcomes(results) == {302: 8, 409: 12}
        assert_seats_given_once(club)


def test_one_citizen_books_two_overlapping_clubs_from_two_tabs(centre, tmp_path):
    """The citizen's row is locked first, so the second booking sees the first seat."""
    citizen = CitizenFactory(job_centre=centre)
    start = NOW.replace(day=25, hour=10)
    clubs = [JobClubFactory(job_centre=centre, start=start) for _ in range(2)]
    calls = [
        (lambda c=c: services.seat_book(club=c, citizen=citizen, actor=citizen.user, now=NOW))
        for c in clubs
    ]
    with own_connections(tmp_path) as connect:
        results = at_once(calls, connect)
        assert sum(isinstance(r, tuple) for r in results) == 1
        assert sum(isinstance(r, ValidationError) for r in results) == 1
        assert Seat.objects.filter(citizen=citizen).count() == 1


def test_a_conversation_and_a_seat_at_the_same_hour_at_once_give_one(centre, tmp_path):
    """Booking and job clubs take the same lock on the citizen, so each sees the other."""
    club = JobClubFactory(job_centre=centre, start=NOW.replace(day=25, hour=10))
    outcomes_seen: Counter = Counter()
    for _ in range(5):  # the window is narrow: several pairs, each its own citizen and consultant
        citizen = CitizenFactory(job_centre=centre)
        consultant = StaffFactory(job_centre=centre, role=Role.JOB_CONSULTANT)
        working_week(consultant)
        topic = TopicFactory(job_centre=centre, consultants=[consultant])
        request = BookingRequest(topic=topic, start=club.start, mode=MeetingMode.PHONE)
        calls = [
            lambda c=citizen: services.seat_book(club=club, citizen=c, actor=c.user, now=NOW),
            lambda c=citizen, r=request: bookings.book(citizen=c, request=r, actor=c.user, now=NOW),
        ]
        with own_connections(tmp_path) as connect:
            results = at_once(calls, connect)
        assert all(isinstance(r, tuple | ValidationError) for r in results), results
        outcomes_seen[sum(isinstance(r, tuple) for r in results)] += 1
    assert outcomes_seen == {1: 5}
