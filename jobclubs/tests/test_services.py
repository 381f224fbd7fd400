"""Booking, cancelling and rebooking seats; planning, changing and cancelling clubs; what the
citizens are told; odd hours. The races are in test_contention.py."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import MeetingMode
from booking.services import bookings
from booking.services.bookings import BookingRequest
from booking.tests.factories import BookingFactory, TopicFactory, working_week
from citizens.tests.factories import CitizenFactory
from jobclubs import services
from jobclubs.models import ClubStatus, Seat, SeatStatus
from jobclubs.services import ClubDetails, ClubFull
from jobclubs.tests.conftest import NOW, local
from jobclubs.tests.factories import JobClubFactory
from labour.models import Industry
from notifications.models import Notification, NotificationStatus

pytestmark = pytest.mark.django_db


def book(club, citizen=None, now=NOW):
    citizen = citizen or CitizenFactory(job_centre=club.job_centre)
    return services.seat_book(club=club, citizen=citizen, actor=citizen.user, now=now)


def details(host, **changes) -> ClubDetails:
    values = {
        "title": "Jobklub: rengøring",
        "description": "",
        "industry": None,
        "occupation": None,
        "start": local(2026, 11, 26, 13, 0),
        "duration_minutes": 90,
        "mode": MeetingMode.IN_PERSON,
        "place": "Lokale 3",
        "video_link": "",
        "capacity": 8,
        "host": host,
    }
    values.update(changes)
    return ClubDetails(**values)


def test_seats_are_numbered_and_the_ninth_citizen_is_offered_other_clubs(club):
    other = JobClubFactory(
        job_centre=club.job_centre, industry=club.industry, start=club.start + timedelta(days=7)
    )
    elsewhere = Industry.objects.exclude(pk=club.industry_id).first()
    JobClubFactory(job_centre=club.job_centre, industry=elsewhere, start=club.start)
    seats = [book(club)[0] for _ in range(8)]
    assert sorted(seat.number for seat in seats) == list(range(1, 9))
    with pytest.raises(ClubFull) as full:
        book(club)
    assert str(full.value) == "Jobklubben er fuld. Alle pladser er lige blevet booket."
    assert full.value.alternatives == [other]
    assert Seat.objects.filter(club=club).count() == 8


def test_a_citizen_books_a_club_once(club, citizen):
    first, created = book(club, citizen)
    again, created_again = book(club, citizen)
    assert (created, created_again, again) == (True, False, first)
    assert Seat.objects.filter(club=club).count() == 1


def test_a_cancelled_seat_goes_to_the_next_and_the_citizen_may_book_again(club, citizen):
    seats = [book(club)[0] for _ in range(7)]
    mine, _ = book(club, citizen)
    services.seat_cancel(seat=mine, actor=citizen.user, now=NOW)
    newcomer, _ = book(club)
    assert newcomer.number == mine.number
    with pytest.raises(ClubFull):
        book(club, citizen)
    services.seat_cancel(seat=seats[0], actor=seats[0].citizen.user, now=NOW)
    again, created = book(club, citizen)
    assert created and again.pk != mine.pk and again.number == seats[0].number
    assert Seat.objects.filter(club=club, status=SeatStatus.BOOKED).count() == 8


def test_a_seat_cancelled_twice_is_cancelled_once(club, citizen):
    """Two tabs, or a click sent twice: the second holds the seat as it was before the first."""
    seat, _ = book(club, citizen)
    stale = Seat.objects.get(pk=seat.pk)
    services.seat_cancel(seat=seat, actor=citizen.user, now=NOW)
    again = services.seat_cancel(seat=stale, actor=citizen.user, now=NOW + timedelta(minutes=1))
    assert (again.status, again.cancelled_at) == (SeatStatus.CANCELLED, NOW)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_seat_booked_after_the_cut_off_says_so_in_danish(club, citizen, language):
    """Booked 23 hours before (the default cut-off is 24 hours): the receipt tells the citizen
    to contact the job centre, never "until" a moment already past, and in Danish whatever
    language the request was in."""
    citizen.user.email = "b@example.org"
    citizen.user.save()
    with translation.override(language):
        book(club, citizen, now=club.start - timedelta(hours=23))
    body = Notification.objects.get(kind="receipt", channel="email").body
    assert "indtil" not in body and "You can" not in body
    assert "Det er for sent selv at afbestille din plads. Kontakt jobcentret." in body


def test_a_seat_booked_in_time_says_until_when_in_danish(club, citizen):
    citizen.user.email = "b@example.org"
    citizen.user.save()
    with translation.override("en"):
        book(club, citizen)
    body = Notification.objects.get(kind="receipt", channel="email").body
    assert "Du kan selv afbestille din plads indtil tirsdag 24. november kl. 10.00." in body


def test_cancelling_after_the_cut_off_is_refused(club, citizen):
    seat, _ = book(club, citizen)
    late = club.start - timedelta(hours=23)  # the default rule: 24 hours before
    with pytest.raises(ValidationError, match="for sent"):
        services.seat_cancel(seat=seat, actor=citizen.user, now=late)
    seat.refresh_from_db()
    assert seat.status == SeatStatus.BOOKED


def test_a_club_overlapping_the_citizens_conversation_or_other_club_is_refused(club, citizen):
    BookingFactory(citizen=citizen, consultant=club.host, start=club.start + timedelta(minutes=30))
    with pytest.raises(ValidationError, match=r"10\.30"):
        book(club, citizen)
    other = CitizenFactory(job_centre=club.job_centre)
    book(club, other)
    twin = JobClubFactory(job_centre=club.job_centre, start=club.start + timedelta(hours=1))
    with pytest.raises(ValidationError, match="overlapper"):
        book(twin, other)
    assert not Seat.objects.filter(club=twin).exists()


def test_a_cancelled_or_begun_club_cannot_be_booked(club, citizen):
    with pytest.raises(ValidationError, match="begyndt"):
        book(club, citizen, now=club.start)
    services.jobclub_cancel(club=club, actor=club.host, reason="Sygdom", now=NOW)
    with pytest.raises(ValidationError, match="aflyst"):
        book(club, citizen)


def test_another_centres_citizen_cannot_book(club, other_centre):
    with pytest.raises(ValidationError):
        book(club, CitizenFactory(job_centre=other_centre))


def test_the_database_gives_a_seat_once_and_never_seat_zero(club, citizen):
    seat, _ = book(club, citizen)
    other = CitizenFactory(job_centre=club.job_centre)
    for number in (seat.number, 0):
        with pytest.raises(IntegrityError), transaction.atomic():
            Seat.objects.create(
                club=club, citizen=other, number=number, booked_at=NOW, created_by=other.user
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.create(
            club=club, citizen=citizen, number=5, booked_at=NOW, created_by=other.user
        )


def test_receipt_and_reminder_the_day_before_and_withdrawn_on_cancel(club, citizen):
    citizen.user.email = "b@example.org"
    citizen.user.save()
    seat, _ = book(club, citizen)
    receipt = Notification.objects.get(kind="receipt", channel="email")
    reminder = Notification.objects.get(kind="reminder", channel="email")
    assert "Jobklub: lager og logistik" in receipt.body and "kl. 10.00-12.00" in receipt.body
    assert receipt.subject == "Din plads i jobklubben er booket"
    assert reminder.scheduled_for.date() == (club.start - timedelta(days=1)).date()
    services.seat_cancel(seat=seat, actor=citizen.user, now=NOW)
    reminder.refresh_from_db()
    assert reminder.status == NotificationStatus.WITHDRAWN


def test_cancelling_the_club_tells_everyone_with_a_seat(club):
    people = [CitizenFactory(job_centre=club.job_centre, user__email=f"{i}@x.dk") for i in range(3)]
    for person in people:
        book(club, person)
    with pytest.raises(ValidationError):
        services.jobclub_cancel(club=club, actor=club.host, reason="  ", now=NOW)
    services.jobclub_cancel(club=club, actor=club.host, reason="Værten er syg", now=NOW)
    club.refresh_from_db()
    assert club.status == ClubStatus.CANCELLED
    told = Notification.objects.filter(kind="cancelled", channel="email")
    assert told.count() == 3 and all("Værten er syg" in n.body for n in told)
    assert not Notification.objects.filter(kind="reminder", status=NotificationStatus.QUEUED)


def test_moving_the_club_tells_the_seat_holders_and_reminds_anew(club, citizen):
    citizen.user.email = "b@example.org"
    citizen.user.save()
    book(club, citizen)
    moved = details(club.host, start=club.start + timedelta(days=1), place=club.place)
    services.jobclub_update(club=club, details=moved, now=NOW)
    assert Notification.objects.filter(kind="changed", channel="email").count() == 1
    reminders = Notification.objects.filter(kind="reminder", channel="email")
    assert {r.status for r in reminders} == {
        NotificationStatus.WITHDRAWN,
        NotificationStatus.QUEUED,
    }


def test_fewer_seats_than_are_booked_is_refused(club):
    for _ in range(5):
        book(club)
    with pytest.raises(ValidationError) as error:
        services.jobclub_update(club=club, details=details(club.host, capacity=4), now=NOW)
    assert "5 borgere" in error.value.message_dict["capacity"][0]
    club.refresh_from_db()
    assert club.capacity == 8


def test_create_checks_the_details(centre, consultant, other_consultant):
    bad = details(
        other_consultant,
        start=NOW - timedelta(minutes=1),
        duration_minutes=600,
        capacity=0,
        mode=MeetingMode.VIDEO,
    )
    with pytest.raises(ValidationError) as error:
        services.jobclub_create(centre=centre, details=bad, actor=consultant, now=NOW)
    assert set(error.value.message_dict) == {
        "starts_on",
        "duration_minutes",
        "capacity",
        "video_link",
        "host",
    }


@pytest.mark.parametrize(
    "link",
    ["http://meet.example.org/a", "javascript:alert(1)", "https://meet.example.org/\x00"],
)
def test_a_video_club_takes_only_an_https_link(centre, consultant, link):
    """As a video conversation's link: the service refuses what the form would."""
    bad = details(consultant, mode=MeetingMode.VIDEO, place="", video_link=link)
    with pytest.raises(ValidationError) as error:
        services.jobclub_create(centre=centre, details=bad, actor=consultant, now=NOW)
    assert error.value.message_dict == {"video_link": ["Skriv et link, der begynder med https://"]}


@pytest.mark.parametrize("role", [Role.HELPER, Role.ADMINISTRATOR, Role.GUEST])
def test_the_host_is_one_who_plans_job_clubs(centre, consultant, role):
    """The service holds the form's rule: job and business consultants and team leaders host;
    a co-service helper, an administrator or a guest of the same centre does not."""
    other = StaffFactory(job_centre=centre, role=role)
    with pytest.raises(ValidationError) as error:
        services.jobclub_create(centre=centre, details=details(other), actor=consultant, now=NOW)
    assert set(error.value.message_dict) == {"host"}


def test_the_dst_night_counts_real_minutes(centre, consultant):
    """01.30 on the night the clocks go back, for 2 hours: it ends at 02.30 the second time."""
    night = details(consultant, start=local(2026, 10, 25, 1, 30), duration_minutes=120)
    club = services.jobclub_create(
        centre=centre, details=night, actor=consultant, now=local(2026, 10, 20, 9, 0)
    )
    assert club.end.timestamp() - club.start.timestamp() == 2 * 3600
    assert club.end.utcoffset() == timedelta(hours=1)
    citizen = CitizenFactory(job_centre=centre)
    assert services.change_deadline(club, citizen) == club.start - timedelta(hours=24)


def test_sunday_2330_books_a_club_at_0005_and_nothing_is_sent_after_it_began(centre, consultant):
    sunday = local(2026, 12, 6, 23, 30)
    club = JobClubFactory(
        job_centre=centre,
        host=consultant,
        start=local(2026, 12, 7, 0, 5),
        end=local(2026, 12, 7, 1, 5),
    )
    citizen = CitizenFactory(job_centre=centre, user__email="n@x.dk")
    with time_machine.travel(sunday, tick=False):
        seat, created = book(club, citizen, now=sunday)
    assert created and seat.number == 1
    for note in Notification.objects.all():
        assert note.status == NotificationStatus.DROPPED or note.scheduled_for < club.start


def test_a_conversation_is_not_booked_over_the_citizens_job_club(club, citizen, consultant):
    """Booking asks through its hook (booking.hooks.other_appointments)."""
    working_week(consultant)
    topic = TopicFactory(job_centre=club.job_centre, consultants=[consultant])
    book(club, citizen)
    request = BookingRequest(topic=topic, start=club.start, mode=MeetingMode.PHONE)
    with pytest.raises(ValidationError, match=r"jobklub kl\. 10\.00"):
        bookings.book(citizen=citizen, request=request, actor=citizen.user, now=NOW)
    services.seat_cancel(seat=Seat.objects.get(citizen=citizen), actor=citizen.user, now=NOW)
    booking, created = bookings.book(citizen=citizen, request=request, actor=citizen.user, now=NOW)
    assert created and booking.start == club.start
