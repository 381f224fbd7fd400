"""Writes for job clubs: plan, change and cancel a club (staff), book and cancel a seat
(the citizen).

A seat is booked in one transaction that first locks the citizen's row and then the club's
(`common.db.lock`: SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction
already holds the one write lock), then counts the booked seats and takes the lowest free
number. The unique constraints on (club, number) and (club, citizen) among booked seats are
the last guard: when the club is full, or a twin request got there first, the loser gets
ClubFull or a Danish ValidationError, never a server error, and nothing is half-saved."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from booking.availability import rule_for
from booking.models import MeetingMode
from booking.selectors.bookings import citizen_busy
from booking.services.bookings import lock_citizen
from citizens.models import Citizen
from common.db import lock
from common.hygiene import https_link_problem
from jobclubs import notices
from jobclubs.access import CLUB_ROLES
from jobclubs.models import MAX_CAPACITY, ClubStatus, JobClub, Seat, SeatStatus

#: The longest a job club may last.
LONGEST_CLUB = timedelta(hours=8)


class ClubFull(Exception):
    """Every seat is taken. `alternatives` are coming clubs of the same industry (or
    occupation) with free seats."""

    def __init__(self, alternatives: list[JobClub]):
        super().__init__(_("The job club is full. All seats have just been booked."))
        self.alternatives = alternatives


@dataclass
class ClubDetails:
    title: str
    description: str
    industry: object
    occupation: object
    start: datetime
    duration_minutes: int
    mode: str
    place: str
    video_link: str
    capacity: int
    host: User

    @property
    def end(self) -> datetime:
        # In real minutes: a local time plus a timedelta is wall-clock arithmetic in Python,
        # which is an hour off across the daylight-saving night.
        return (self.start.astimezone(UTC) + timedelta(minutes=self.duration_minutes)).astimezone(
            timezone.get_current_timezone()
        )


def _check_details(centre, details: ClubDetails, now: datetime, club: JobClub | None) -> None:
    errors = {}
    if timezone.is_naive(details.start):
        errors["starts_on"] = _("The time must include a time zone.")
    elif details.start <= now and (club is None or details.start != club.start):
        errors["starts_on"] = _("The job club must start in the future.")
    if not 15 <= details.duration_minutes <= LONGEST_CLUB.total_seconds() // 60:
        errors["duration_minutes"] = _("A job club lasts from 15 minutes to 8 hours.")
    if not 1 <= details.capacity <= MAX_CAPACITY:
        errors["capacity"] = _("Give the job club from 1 to %(n)s seats.") % {"n": MAX_CAPACITY}
    elif club is not None and details.capacity < (booked := booked_count(club)):
        errors["capacity"] = _(
            "%(n)s citizens have booked a seat. The job club needs at least as many seats."
        ) % {"n": booked}
    if details.mode == MeetingMode.VIDEO:
        if not details.video_link:
            errors["video_link"] = _("Give the link to the video meeting.")
        elif problem := https_link_problem(details.video_link):
            errors["video_link"] = problem
    if details.mode == MeetingMode.IN_PERSON and not details.place.strip():
        errors["place"] = _("Write where the job club meets.")
    host = details.host
    if host.job_centre_id != centre.pk or host.role not in CLUB_ROLES or not host.is_active:
        errors["host"] = _("Choose a host from the job centre's staff.")
    if errors:
        raise ValidationError(errors)


def _fields(details: ClubDetails) -> dict:
    return {
        "title": details.title,
        "description": details.description,
        "industry": details.industry,
        "occupation": details.occupation,
        "start": details.start,
        "end": details.end,
        "mode": details.mode,
        "place": details.place if details.mode == MeetingMode.IN_PERSON else "",
        "video_link": details.video_link if details.mode == MeetingMode.VIDEO else "",
        "capacity": details.capacity,
        "host": details.host,
    }


def jobclub_create(
    *, centre, details: ClubDetails, actor: User, now: datetime | None = None
) -> JobClub:
    now = now or timezone.now()
    _check_details(centre, details, now, None)
    return JobClub.objects.create(job_centre=centre, created_by=actor, **_fields(details))


def jobclub_update(*, club: JobClub, details: ClubDetails, now: datetime | None = None) -> JobClub:
    """Changes a planned club; the seat holders are told when the time or place changed. Fewer
    seats than are booked is refused (under the club's lock, so no booking slips past)."""
    now = now or timezone.now()
    with transaction.atomic():
        lock(club)
        if not club.is_planned:
            raise ValidationError(_("A cancelled job club cannot be changed."))
        _check_details(club.job_centre, details, now, club)
        fields = _fields(details)
        moved = any(
            getattr(club, name) != fields[name] for name in ("start", "end", "mode", "place")
        )
        for name, value in fields.items():
            setattr(club, name, value)
        club.save()
        if moved:
            for seat in booked_seats(club):
                notices.club_changed(seat, now=now)
    return club


def jobclub_cancel(
    *, club: JobClub, actor: User, reason: str, now: datetime | None = None
) -> JobClub:
    """The job centre cancels the club; every citizen with a seat is told why."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the citizens a reason.")})
    with transaction.atomic():
        lock(club)
        if not club.is_planned:
            raise ValidationError(_("The job club is already cancelled."))
        if club.end <= now:
            raise ValidationError(_("The job club has already taken place."))
        club.status, club.cancel_reason = ClubStatus.CANCELLED, reason.strip()
        club.save(update_fields=["status", "cancel_reason", "updated_at"])
        for seat in booked_seats(club):
            notices.club_cancelled(seat, now=now)
    return club


def booked_seats(club: JobClub):
    return club.seats.filter(status=SeatStatus.BOOKED).select_related("citizen__user", "club__host")


def booked_count(club: JobClub) -> int:
    return club.seats.filter(status=SeatStatus.BOOKED).count()


def change_deadline(club: JobClub, citizen: Citizen) -> datetime:
    """Until when the citizen may cancel their seat themselves: the cut-off of their booking
    rule (booking.BookingRule), in real hours before the start."""
    rule = rule_for(club.job_centre_id, citizen.target_group)
    return rule.change_until(club.start)


def _check_citizen_time(citizen: Citizen, club: JobClub) -> None:
    """Never two things at once: a conversation or another job club of the citizen's that
    overlaps this one (what booking's week view keeps free, booking.selectors.citizen_busy)."""
    busy = citizen_busy(citizen, club.start, club.end)
    clash = min((start for start, _end in busy), default=None)
    if clash is not None:
        raise ValidationError(
            _(
                "You already have an appointment at %(time)s that day. You cannot book a seat "
                "that overlaps it."
            )
            % {"time": timezone.localtime(clash).strftime("%H.%M")}
        )


def alternatives(club: JobClub, now: datetime, n: int = 3) -> list[JobClub]:
    """Coming clubs of the same centre and industry (or occupation) with a seat free."""
    others = JobClub.objects.filter(
        job_centre_id=club.job_centre_id, status=ClubStatus.PLANNED, start__gt=now
    ).exclude(pk=club.pk)
    if club.industry_id:
        others = others.filter(industry_id=club.industry_id)
    elif club.occupation_id:
        others = others.filter(occupation_id=club.occupation_id)
    free = [
        other
        for other in others.select_related("industry").order_by("start")[: n * 4]
        if booked_count(other) < other.capacity
    ]
    return free[:n]


def seat_book(
    *, club: JobClub, citizen: Citizen, actor: User, now: datetime | None = None
) -> tuple[Seat, bool]:
    """Books the lowest free seat and returns (seat, created); a citizen who already has a
    seat gets it back (a double click makes one seat). ClubFull when every seat is taken."""
    now = now or timezone.now()
    if club.job_centre_id != citizen.job_centre_id:
        raise ValidationError(_("The job club cannot be booked."))
    with transaction.atomic():
        # First booking's lock on the citizen, as a conversation takes it (two tabs, two clubs,
        # a club and a conversation at once), then the club.
        lock_citizen(citizen)
        lock(club)
        mine = club.seats.filter(citizen=citizen, status=SeatStatus.BOOKED).first()
        if mine is not None:
            return mine, False
        if not club.is_planned:
            raise ValidationError(_("The job club has been cancelled."))
        if club.start <= now:
            raise ValidationError(_("The job club has begun. It can no longer be booked."))
        _check_citizen_time(citizen, club)
        taken = set(club.seats.filter(status=SeatStatus.BOOKED).values_list("number", flat=True))
        number = next((n for n in range(1, club.capacity + 1) if n not in taken), None)
        if number is not None:
            seat = Seat(club=club, citizen=citizen, number=number, booked_at=now, created_by=actor)
            try:
                with transaction.atomic():
                    seat.save()
            except IntegrityError:
                pass  # A writer outside this lock took the seat: the club is full.
            else:
                notices.booked(seat, change_until=change_deadline(club, citizen), now=now)
                return seat, True
    raise ClubFull(alternatives(club, now))


def seat_cancel(*, seat: Seat, actor: User, now: datetime | None = None) -> Seat:
    """The citizen gives up their seat until the cut-off; it is free for another at once. A
    seat already cancelled (two tabs, a click sent twice) stays as the first cancel left it."""
    now = now or timezone.now()
    with transaction.atomic():
        seat = lock(seat)
        if seat.status == SeatStatus.CANCELLED:
            return seat
        if not seat.club.is_planned:
            raise ValidationError(_("The seat can no longer be cancelled."))
        if now > change_deadline(seat.club, seat.citizen):
            raise ValidationError(
                _("It is too late to cancel your seat yourself. Please contact the job centre.")
            )
        seat.status, seat.cancelled_at = SeatStatus.CANCELLED, now
        seat.save(update_fields=["status", "cancelled_at"])
        notices.cancelled_by_citizen(seat, now=now)
    return seat
