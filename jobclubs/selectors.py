"""Reads for job clubs, scoped through the policy ("job_clubs")."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts import policy
from accounts.models import User
from citizens.models import Citizen
from cv.models import SoughtOccupation
from jobclubs.models import ClubStatus, JobClub, Seat, SeatStatus
from labour.models import JobOpening


def _with_counts(clubs: QuerySet[JobClub]) -> QuerySet[JobClub]:
    return clubs.select_related("industry", "occupation", "host").annotate(
        booked=Count("seats", filter=Q(seats__status=SeatStatus.BOOKED))
    )


def jobclub_get(*, user: User, public_id) -> JobClub:
    """The club if the user may see it, else 404."""
    return get_object_or_404(
        _with_counts(policy.visible_to(user, "job_clubs")), public_id=public_id
    )


def coming_for_staff(*, user: User, now: datetime) -> QuerySet[JobClub]:
    """The centre's coming clubs, earliest first (ordered here: counting the seats groups the
    query, and Django leaves Meta.ordering out of a grouped query)."""
    clubs = policy.visible_to(user, "job_clubs").filter(end__gt=now)
    return _with_counts(clubs).order_by("start", "pk")


def coming_for_citizen(*, user: User, citizen: Citizen, now: datetime) -> list[JobClub]:
    """The centre's coming planned clubs, those on an occupation the citizen seeks (their CV's
    "Jeg søger job som") or on an industry whose companies post openings for one first; each
    marked `relevant` and `mine` (the citizen holds a seat)."""
    sought = SoughtOccupation.objects.filter(cv__citizen=citizen).values("occupation_id")
    industries = JobOpening.objects.filter(
        job_centre_id=citizen.job_centre_id, occupation_id__in=sought
    ).values("company__industry_id")
    clubs = _with_counts(
        policy.visible_to(user, "job_clubs").filter(status=ClubStatus.PLANNED, end__gt=now)
    ).annotate(
        relevant=Q(occupation_id__in=sought) | Q(industry_id__in=industries),
        mine=Exists(
            Seat.objects.filter(club=OuterRef("pk"), citizen=citizen, status=SeatStatus.BOOKED)
        ),
    )
    return sorted(clubs, key=lambda club: (not club.relevant, club.start))  # type: ignore[attr-defined]


def own_seat(*, club: JobClub, citizen: Citizen) -> Seat | None:
    return club.seats.filter(citizen=citizen, status=SeatStatus.BOOKED).first()


def last_seat(*, club: JobClub, citizen: Citizen) -> Seat | None:
    """The citizen's latest seat in the club, booked or cancelled (a cancel sent twice finds
    the seat the first one cancelled)."""
    return club.seats.filter(citizen=citizen).order_by("-booked_at", "-pk").first()


def seat_holders(*, club: JobClub) -> QuerySet[Seat]:
    return club.seats.filter(status=SeatStatus.BOOKED).select_related("citizen__user")


def _held_seats(citizen: Citizen) -> QuerySet[Seat]:
    """The citizen's booked seats in planned clubs, earliest club first."""
    return Seat.objects.filter(
        citizen=citizen, status=SeatStatus.BOOKED, club__status=ClubStatus.PLANNED
    ).order_by("club__start")


def seats_overlapping(
    citizen: Citizen, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """(start, end) of the planned clubs overlapping [start, end) in which the citizen holds a
    seat, earliest first (booking asks, booking.hooks.other_appointments). One query."""
    return list(
        _held_seats(citizen)
        .filter(club__start__lt=end, club__end__gt=start)
        .values_list("club__start", "club__end")
    )


@dataclass(frozen=True)
class ComingSeat:
    title: str
    start: datetime
    end: datetime
    place: str
    url: str


def coming_seats(citizen: Citizen, now: datetime) -> list[ComingSeat]:
    """The planned clubs not yet over in which the citizen holds a seat, earliest first
    ("Mine samtaler", booking.hooks.coming_elsewhere). One query."""
    seats = _held_seats(citizen).filter(club__end__gt=now).select_related("club")
    return [
        ComingSeat(
            title=seat.club.title,
            start=seat.club.start,
            end=seat.club.end,
            place=seat.club.place or seat.club.get_mode_display(),
            url=reverse("jobclubs:detail", args=[seat.club.public_id]),
        )
        for seat in seats
    ]
