"""The writes of a booking's life: book (or summon), reschedule, cancel by the citizen or the
job centre, mark held or no-show."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from booking import deadlines, notices
from booking.availability import Rule, rule_for
from booking.models import (
    Booking,
    MeetingMode,
    Origin,
    Status,
)
from booking.services.bookings.placement import (
    _LOCK_CITIZEN,
    BookingRequest,
    SlotTaken,
    _candidates,
    _check_citizen_time,
    _check_request,
    _claim,
    _lock,
    _save_guarded,
    nearest_free,
)
from citizens.models import Citizen
from common.hygiene import https_link_problem


def book(
    *,
    citizen: Citizen,
    request: BookingRequest,
    actor: User,
    idempotency_key: uuid.UUID | None = None,
    facilitated: bool = False,
    facilitator: User | None = None,
    summons: bool = False,
    now: datetime | None = None,
    rule: Rule | None = None,
) -> tuple[Booking, bool]:
    """Books a conversation and returns (booking, created). The same idempotency key returns
    the first booking instead of making a second one (a double click, a resubmitted form).
    `rule` is the citizen's booking rule when the caller has just read it (else read here).
    `facilitator` is a co-service helper beside the citizen (`actor` is then the citizen)."""
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
                facilitated_by=facilitator or (actor if facilitated else None),
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
    return rule.change_until(booking.start)


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
    facilitator: User | None = None,
    now: datetime | None = None,
) -> Booking:
    """Moves the citizen's booking to another free time (same topic), within the cut-off.
    A co-service helper beside the citizen (`facilitator`) is recorded on a self-booked one."""
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
            if facilitator is not None and booking.origin == Origin.SELF_BOOKED:
                booking.facilitated_by = facilitator
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


def video_link_set(
    *, booking: Booking, link: str, actor: User, now: datetime | None = None
) -> Booking:
    """The link the citizen joins a coming video conversation by (the form takes https only);
    an empty link takes it away."""
    now = now or timezone.now()
    if booking.mode != MeetingMode.VIDEO or booking.status != Status.BOOKED or booking.end <= now:
        raise ValidationError(_("A link can be given only to a coming video conversation."))
    if link and (problem := https_link_problem(link)):
        raise ValidationError(problem)
    booking.video_link = link
    booking.save(update_fields=["video_link"])
    return booking


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
