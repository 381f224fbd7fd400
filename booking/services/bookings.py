"""Writes for self-booking: book, move, cancel, mark held or no-show, summon.

Race-free by construction: each write that places a booking runs in one transaction that
first takes its locks in one global order (the citizen, then the consultants, then the rooms,
each by ascending id), then checks the citizen's own time and the chosen consultant and room
again, and inserts under the database's guard. On PostgreSQL the locks are transaction-level
advisory locks and the exclusion constraints are the last guard; as every writer queues in the
same order, no two wait on each other in a circle (a deadlock). On SQLite the IMMEDIATE
transaction holds the one write lock, so the checks are the guard. A lost race raises
SlotTaken (with the nearest free times), a clash with the citizen's own bookings a
ValidationError; never a server error, and nothing is half-saved."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from booking import deadlines, notices
from booking.availability import Rule, Slot, free_slots, rule_for
from booking.models import (
    ACTIVE_STATUSES,
    LONGEST_BOOKING,
    Booking,
    MeetingMode,
    Origin,
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


def book(
    *,
    citizen: Citizen,
    request: BookingRequest,
    actor: User,
    idempotency_key: uuid.UUID | None = None,
    facilitated: bool = False,
    summons: bool = False,
    now: datetime | None = None,
    rule: Rule | None = None,
) -> tuple[Booking, bool]:
    """Books a conversation and returns (booking, created). The same idempotency key returns
    the first booking instead of making a second one (a double click, a resubmitted form).
    `rule` is the citizen's booking rule when the caller has just read it (else read here)."""
    now = now or timezone.now()
    if idempotency_key is not None:
        earlier = _earlier(idempotency_key, citizen)
        if earlier is not None:
            return earlier, False
    rule = rule or rule_for(citizen.job_centre_id, citizen.target_group)
    _check_request(citizen, request, rule, now, summons)
    with transaction.atomic():
        _lock(_LOCK_CITIZEN, [citizen.pk])
        if idempotency_key is not None:  # Again, now that a twin request cannot be half-way.
            earlier = _earlier(idempotency_key, citizen)
            if earlier is not None:
                return earlier, False
        _check_citizen_time(
            citizen,
            request.start,
            request.start + request.topic.duration,
            rule=rule,
            now=now,
            count_open=not summons,
        )
        slot = _candidates(citizen, request, rule, now)
        until = slot.end + rule.buffer
        consultant_ids, room = _claim(slot, request.mode, citizen, until)
        for consultant_id in consultant_ids:
            booking = Booking(
                job_centre_id=citizen.job_centre_id,
                citizen=citizen,
                consultant_id=consultant_id,
                topic=request.topic,
                mode=request.mode,
                room=room,
                start=slot.start,
                end=slot.end,
                blocked_until=until,
                origin=Origin.SUMMONED if summons else Origin.SELF_BOOKED,
                facilitated_by=actor if facilitated else None,
                talk_about=request.talk_about,
                take_away=request.take_away,
                idempotency_key=idempotency_key,
                created_by=actor,
            )
            if not _save_guarded(booking):
                continue  # Taken by a writer outside these locks: try the next consultant.
            deadlines.fulfil(booking)
            notices.booked(booking, now=now, rule=rule)
            return booking, True
    raise SlotTaken(
        nearest_free(
            topic=request.topic,
            target_group=citizen.target_group,
            around=request.start,
            consultant_id=request.consultant.pk if request.consultant else None,
            own_consultant_id=citizen.responsible_consultant_id,
            now=now,
        )
    )


def _earlier(idempotency_key: uuid.UUID, citizen: Citizen) -> Booking | None:
    """The booking an earlier request with the same key made, if any."""
    earlier = Booking.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is not None and earlier.citizen_id != citizen.pk:
        raise ValidationError(_("The form has already been used."))
    return earlier


def change_deadline(booking: Booking, rule: Rule | None = None) -> datetime:
    """Until when the citizen may move or cancel the booking themselves (`rule`: the citizen's
    booking rule when the caller has it)."""
    rule = rule or rule_for(booking.job_centre_id, booking.citizen.target_group)
    # In real hours: a local time minus a timedelta is wall-clock arithmetic in Python.
    return booking.start.astimezone(UTC) - rule.cancel_cutoff


def _check_citizen_may_change(booking: Booking, now: datetime) -> None:
    if booking.status != Status.BOOKED:
        raise ValidationError(_("The conversation can no longer be changed."))
    if now > change_deadline(booking):
        raise ValidationError(
            _(
                "It is too late to move or cancel the conversation yourself. "
                "Please contact the job centre."
            )
        )


def reschedule(
    *,
    booking: Booking,
    start: datetime,
    actor: User,
    mode: str | None = None,
    consultant: User | None = None,
    now: datetime | None = None,
) -> Booking:
    """Moves the citizen's booking to another free time (same topic), within the cut-off."""
    now = now or timezone.now()
    _check_citizen_may_change(booking, now)
    citizen = booking.citizen
    request = BookingRequest(
        topic=booking.topic, start=start, mode=mode or booking.mode, consultant=consultant
    )
    rule = rule_for(citizen.job_centre_id, citizen.target_group)
    _check_request(citizen, request, rule, now, summons=False)
    with transaction.atomic():
        _lock(_LOCK_CITIZEN, [citizen.pk])
        _check_citizen_time(
            citizen,
            request.start,
            request.start + request.topic.duration,
            rule=rule,
            now=now,
            count_open=False,
            ignore_booking_id=booking.pk,
        )
        slot = _candidates(citizen, request, rule, now, ignore_booking_id=booking.pk)
        until = slot.end + rule.buffer
        consultant_ids, room = _claim(
            slot, request.mode, citizen, until, booking.pk, first=booking.consultant_id
        )
        for consultant_id in consultant_ids:
            booking.consultant_id, booking.room = consultant_id, room
            booking.start, booking.end, booking.blocked_until = slot.start, slot.end, until
            booking.mode, booking.rescheduled_at = request.mode, now
            if not _save_guarded(booking):
                continue
            notices.moved(booking, now=now)
            return booking
    booking.refresh_from_db()
    raise SlotTaken(
        nearest_free(
            topic=booking.topic,
            target_group=citizen.target_group,
            around=start,
            own_consultant_id=citizen.responsible_consultant_id,
            now=now,
        )
    )


def _set_status(booking: Booking, status: str, actor: User, now, reason: str = "") -> Booking:
    booking.status = status
    booking.status_changed_at, booking.status_changed_by = now, actor
    booking.cancel_reason = reason
    booking.save(
        update_fields=["status", "status_changed_at", "status_changed_by", "cancel_reason"]
    )
    return booking


def cancel_by_citizen(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    now = now or timezone.now()
    _check_citizen_may_change(booking, now)
    with transaction.atomic():
        _set_status(booking, Status.CANCELLED_BY_CITIZEN, actor, now)
        deadlines.reopen(booking)
        notices.cancelled_by_citizen(booking, now=now)
    return booking


def cancel_by_centre(
    *, booking: Booking, actor: User, reason: str, now: datetime | None = None
) -> Booking:
    """The job centre cancels; the citizen is told, and a deadline the booking met opens again."""
    now = now or timezone.now()
    if booking.status != Status.BOOKED:
        raise ValidationError(_("Only a booked conversation can be cancelled."))
    if booking.end <= now:
        raise ValidationError(_("The conversation has already taken place."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the citizen a reason.")})
    with transaction.atomic():
        _set_status(booking, Status.CANCELLED_BY_CENTRE, actor, now, reason.strip())
        deadlines.reopen(booking)
        notices.cancelled_by_centre(booking, now=now)
    return booking


def mark_outcome(
    *, booking: Booking, status: str, actor: User, now: datetime | None = None
) -> Booking:
    """Held or no-show (udeblevet), once the conversation has begun."""
    now = now or timezone.now()
    if status not in (Status.HELD, Status.NO_SHOW):
        raise ValidationError(_("Unknown outcome."))
    if booking.status not in (Status.BOOKED, Status.HELD, Status.NO_SHOW):
        raise ValidationError(_("A cancelled conversation cannot be marked."))
    if booking.start > now:
        raise ValidationError(_("The conversation has not begun yet."))
    return _set_status(booking, status, actor, now)


def summon(
    *,
    citizen: Citizen,
    request: BookingRequest,
    actor: User,
    idempotency_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Booking:
    """An indkaldelse: staff book for a citizen exempt from self-booking. It is recorded as
    summoned and never counts as self-booked."""
    if not citizen.self_booking_exempt:
        raise ValidationError(
            _(
                "The citizen books their own conversations. Give them a booking deadline, or "
                "book together with them (turn the screen)."
            )
        )
    booking, _created = book(
        citizen=citizen,
        request=request,
        actor=actor,
        idempotency_key=idempotency_key,
        summons=True,
        now=now,
    )
    return booking
