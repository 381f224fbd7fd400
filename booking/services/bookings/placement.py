"""How a booking is placed race-free: the request and its checks, the candidate consultants,
the advisory locks in one global order, the overlap checks and the insert under the
database's guard; a lost race is SlotTaken with the nearest free times."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from booking import hooks
from booking.availability import Rule, Slot, free_slots
from booking.models import (
    ACTIVE_STATUSES,
    LONGEST_BOOKING,
    Booking,
    MeetingMode,
    Room,
    Status,
    Topic,
)
from citizens.models import Citizen


class SlotTaken(Exception):
    """The time was free a moment ago and is not now. `alternatives` are the nearest free
    times for the same topic (and consultant, if one was chosen)."""

    def __init__(self, alternatives: list[Slot]):
        super().__init__(_("The time has just been booked by someone else."))
        self.alternatives = alternatives


@dataclass
class BookingRequest:
    topic: Topic
    start: datetime
    mode: str
    consultant: User | None = None
    talk_about: str = ""
    take_away: str = ""


def nearest_free(
    *,
    topic: Topic,
    target_group: str,
    around: datetime,
    consultant_id=None,
    own_consultant_id=None,
    n=3,
    now=None,
) -> list[Slot]:
    day = timezone.localdate(around)
    slots = free_slots(
        topic=topic,
        target_group=target_group,
        date_from=day - timedelta(days=7),
        date_to=day + timedelta(days=14),
        consultant_id=consultant_id,
        own_consultant_id=own_consultant_id,
        now=now,
    )
    return sorted(slots, key=lambda s: abs(s.start - around))[:n]


def _check_request(
    citizen: Citizen, req: BookingRequest, rule: Rule, now: datetime, summons: bool
) -> None:
    """Everything about the request that does not depend on other bookings."""
    errors = {}
    if req.topic.job_centre_id != citizen.job_centre_id or not req.topic.active:
        errors["topic"] = _("The topic cannot be booked.")
    elif not summons and not req.topic.open_to(citizen.target_group):
        errors["topic"] = _("This topic cannot be chosen by your group.")
    if req.mode not in req.topic.modes:
        errors["mode"] = _("The topic cannot be booked as %(mode)s.") % {
            "mode": MeetingMode(req.mode).label if req.mode in MeetingMode.values else req.mode
        }
    if req.consultant is not None and (
        req.consultant.job_centre_id != citizen.job_centre_id
        or not req.topic.consultants.filter(pk=req.consultant.pk).exists()
    ):
        errors["consultant"] = _("The consultant does not offer this topic.")
    if timezone.is_naive(req.start):
        errors["start"] = _("The time must include a time zone.")
    elif req.start <= now:
        errors["start"] = _("The time has passed.")
    elif not summons:
        earliest, last_day = rule.bookable_range(now)
        if req.start < earliest:
            errors["start"] = _("Please book at least %(hours)s hours ahead.") % {
                "hours": rule.min_notice_hours
            }
        elif timezone.localdate(req.start) > last_day:
            errors["start"] = _("You can book at most %(days)s days ahead.") % {
                "days": rule.max_days_ahead
            }
    if errors:
        raise ValidationError(errors)


def _candidates(
    citizen: Citizen, req: BookingRequest, rule: Rule, now, ignore_booking_id=None
) -> Slot:
    """The free slot at exactly `req.start`, or why there is none: SlotTaken if the time is
    on the bookable grid but taken, ValidationError if it never was bookable."""
    day = timezone.localdate(req.start)
    common = {
        "topic": req.topic,
        "target_group": citizen.target_group,
        "date_from": day,
        "date_to": day,
        "consultant_id": req.consultant.pk if req.consultant else None,
        "own_consultant_id": citizen.responsible_consultant_id,
        "now": now,
        "rule": rule,
        "check_rooms": req.mode == MeetingMode.IN_PERSON,
    }
    for slot in free_slots(**common, ignore_booking_id=ignore_booking_id):
        if slot.start == req.start:
            if req.mode == MeetingMode.IN_PERSON and not slot.room_free:
                break
            return slot
    if any(s.start == req.start for s in free_slots(**common, ignore_bookings=True)):
        raise SlotTaken(
            nearest_free(
                topic=req.topic,
                target_group=citizen.target_group,
                around=req.start,
                consultant_id=common["consultant_id"],
                own_consultant_id=citizen.responsible_consultant_id,
                now=now,
            )
        )
    raise ValidationError({"start": _("The time cannot be booked. Please choose a free time.")})


#: Advisory lock namespaces (PostgreSQL's two-key form): one per kind of thing a booking holds.
_LOCK_CITIZEN, _LOCK_CONSULTANT, _LOCK_ROOM = 0x4A530001, 0x4A530002, 0x4A530003


def _lock(kind: int, ids) -> None:
    """Transaction-level advisory locks on `ids`, lowest first, held until the outermost
    transaction ends. Every write that places a booking takes the citizen's, then the
    consultants', then the rooms' locks, so writers queue and never deadlock. A no-op on
    SQLite, where the IMMEDIATE transaction already holds the database's one write lock."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for pk in sorted(set(ids)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [kind, pk])


def lock_citizen(citizen: Citizen) -> None:
    """The citizen's lock every write that places a booking takes first: another app placing
    an appointment of the citizen's (a job-club seat) takes it too, so each sees the other."""
    _lock(_LOCK_CITIZEN, [citizen.pk])


def _overlapping(start: datetime, until: datetime, ignore_booking_id=None):
    """Active bookings whose blocked time overlaps [start, until)."""
    return Booking.objects.filter(
        status__in=ACTIVE_STATUSES,
        start__gte=start - LONGEST_BOOKING,
        start__lt=until,
        blocked_until__gt=start,
    ).exclude(pk=ignore_booking_id)


def _claim_room(centre_id: int, start: datetime, until: datetime, ignore_booking_id=None):
    """The first free active room (by id), locked: each candidate is locked and then checked
    again, since another booking may have taken it while this one waited for the lock."""
    taken = _overlapping(start, until, ignore_booking_id).filter(room__job_centre_id=centre_id)
    candidates = Room.objects.filter(job_centre_id=centre_id, active=True).exclude(
        pk__in=taken.values("room_id")
    )
    for room in candidates.order_by("pk"):
        _lock(_LOCK_ROOM, [room.pk])
        if not taken.filter(room=room).exists():
            return room
    return None


def _check_citizen_time(
    citizen: Citizen,
    start: datetime,
    end: datetime,
    *,
    rule: Rule,
    now: datetime,
    count_open: bool,
    ignore_booking_id=None,
) -> None:
    """The citizen's own time, read under the citizen's lock: never two conversations at once,
    and (for their own bookings) never more coming ones than the rule allows."""
    mine = Booking.objects.filter(citizen=citizen).exclude(pk=ignore_booking_id)
    if count_open:
        open_count = mine.filter(status=Status.BOOKED, start__gt=now).count()
        if open_count >= rule.max_open_bookings:
            raise ValidationError(
                _(
                    "You already have %(n)s coming conversations, which is as many as you can "
                    "book. Cancel one, or wait until one has been held."
                )
                % {"n": open_count}
            )
    clash = (
        mine.filter(
            status__in=ACTIVE_STATUSES,
            start__gte=start - LONGEST_BOOKING,
            start__lt=end,
            end__gt=start,
        )
        .order_by("start")
        .first()
    )
    seats = hooks.other_appointments(citizen, start, end)
    elsewhere = seats[0][0] if seats else None
    if clash is None and elsewhere is not None:
        raise ValidationError(
            {
                "start": _(
                    "You already have a job club at %(time)s that day. "
                    "Choose a time that does not overlap it."
                )
                % {"time": timezone.localtime(elsewhere).strftime("%H.%M")}
            }
        )
    if clash is not None:
        raise ValidationError(
            {
                "start": _(
                    "You already have a conversation from %(start)s to %(end)s that day. "
                    "Choose a time that does not overlap it."
                )
                % {
                    "start": timezone.localtime(clash.start).strftime("%H.%M"),
                    "end": timezone.localtime(clash.end).strftime("%H.%M"),
                }
            }
        )


def _locked_consultants(
    slot: Slot, citizen: Citizen, until: datetime, ignore_booking_id=None, first=None
) -> list[int]:
    """Locks every consultant free at `slot` (all at once, in id order) and returns those
    still free once the locks are held, the citizen's preferred first."""
    ids = preferred_order(slot.consultant_ids, citizen)
    if first in ids:  # Keep the same consultant when they are free.
        ids.remove(first)
        ids.insert(0, first)
    _lock(_LOCK_CONSULTANT, ids)
    busy = set(
        _overlapping(slot.start, until, ignore_booking_id)
        .filter(consultant_id__in=ids)
        .values_list("consultant_id", flat=True)
    )
    return [c for c in ids if c not in busy]


def _claim(
    slot: Slot, mode: str, citizen: Citizen, until: datetime, ignore_booking_id=None, first=None
) -> tuple[list[int], Room | None]:
    """The consultants still free at `slot` and, in person, a free room, all locked; no
    consultants when a conversation in person finds no room."""
    consultant_ids = _locked_consultants(slot, citizen, until, ignore_booking_id, first)
    if not consultant_ids or mode != MeetingMode.IN_PERSON:
        return consultant_ids, None
    room = _claim_room(citizen.job_centre_id, slot.start, until, ignore_booking_id)
    return (consultant_ids, room) if room is not None else ([], None)


def _save_guarded(booking: Booking) -> bool:
    """Saves in a savepoint; False if the database's guard refused it (an exclusion or
    unique constraint, or, with a writer outside these locks, a deadlock it broke)."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        return False
    except DatabaseError as error:
        if getattr(error.__cause__, "sqlstate", None) not in ("40P01", "40001"):
            raise
        return False
    return True


def preferred_order(consultant_ids: list[int], citizen: Citizen) -> list[int]:
    """ "Første ledige": the citizen's own consultant first when free, then the rest."""
    own = citizen.responsible_consultant_id
    return sorted(consultant_ids, key=lambda c: (c != own, c))
