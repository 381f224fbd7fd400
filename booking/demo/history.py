"""A year of conversations for the demo citizens, and their booking deadlines."""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.utils import timezone

from booking.calendar import is_working_day, next_working_day
from booking.demo.centres import Centre, _uuid
from booking.demo.offer import (
    BUFFER,
    CANCELLED_BY_CENTRE,
    CANCELLED_BY_CITIZEN,
    CENTRE_CANCEL_REASONS,
    COMING_DAYS,
    FACILITATED_SHARE,
    HISTORY_DAYS,
    IN_PERSON,
    MAX_DAYS_LATER,
    NO_SHOW,
    OWN_CONSULTANT_SHARE,
    PHONE,
    SUMMONED_A_YEAR_AGO,
    SUMMONED_KONTANTHJAELP,
    SUMMONED_SHARE,
    TEXTS,
    TOPICS,
)
from booking.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingDeadline,
    DeadlineStatus,
    Origin,
    Status,
    Topic,
)
from citizens.models import BenefitType, Citizen


def _visit_days(rng: random.Random, citizen: Citizen, today: date) -> list[date]:
    """About monthly in the first six months of unemployment, then every six to ten weeks."""
    first = max(citizen.registered_on, today - timedelta(days=HISTORY_DAYS))
    day = first + timedelta(days=rng.randint(3, 14))
    days = []
    while day <= today + timedelta(days=COMING_DAYS):
        days.append(day)
        early = (day - citizen.registered_on).days < 183
        day += timedelta(days=rng.randint(21, 35) if early else rng.randint(42, 70))
    return days


class History:
    def __init__(self, rng: random.Random, centres: dict[int, Centre], now: datetime):
        self.rng, self.centres, self.now = rng, centres, now
        self.today = timezone.localdate(now)
        self.bookings: list[Booking] = []
        #: The citizen who let a deadline pass: no conversation in its window.
        self.missed: Citizen | None = None
        self.missed_window = (self.today - timedelta(days=14), self.today + timedelta(days=7))

    def add_for(self, citizen: Citizen) -> None:
        rng = self.rng
        days = _visit_days(rng, citizen, self.today)
        if citizen.user.username == "borger":
            # Two held conversations, one coming, and room for an open deadline (see below).
            days = [self.today - timedelta(days=59), self.today - timedelta(days=27)]
            days.append(self.today + timedelta(days=5))
        if citizen == self.missed:
            first, last = self.missed_window
            days = [d for d in days if not first - timedelta(days=MAX_DAYS_LATER) <= d <= last]
        for day in days:
            booking = self.plan(citizen, day)
            if booking is not None:
                self.bookings.append(booking)

    def plan(self, citizen: Citizen, wanted: date) -> Booking | None:
        rng, centre = self.rng, self.centres[citizen.job_centre_id]
        demo_citizen = citizen.user.username == "borger"
        topics = centre.topics
        topic = (
            topics[0]
            if demo_citizen
            else rng.choices(topics, weights=[s.weight for s in TOPICS])[0]
        )
        offered = centre.offered[topic.pk]
        own = citizen.responsible_consultant
        consultant = (
            own
            if own in offered and (demo_citizen or rng.random() < OWN_CONSULTANT_SHARE)
            else rng.choice(offered)
        )
        mode = rng.choices(
            topic.modes, weights=[{IN_PERSON: 5, PHONE: 3}.get(m, 2) for m in topic.modes]
        )[0]
        for offset in range(MAX_DAYS_LATER + 1):
            day = wanted + timedelta(days=offset)
            if day > self.today + timedelta(days=COMING_DAYS):
                return None
            placed = centre.place(consultant, topic, mode, day)
            if placed is not None:
                break
        else:
            return None
        start, room, mode = placed
        end = start + topic.duration
        booking = Booking(
            public_id=_uuid(rng),
            job_centre_id=citizen.job_centre_id,
            citizen=citizen,
            consultant=consultant,
            topic=topic,
            mode=mode,
            room=room,
            start=start,
            end=end,
            blocked_until=end + BUFFER,
        )
        self._origin(booking, citizen, demo_citizen)
        self._outcome(booking, citizen, demo_citizen)
        if booking.status in ACTIVE_STATUSES:
            centre.hold(booking)
        return booking

    def _summoned_share(self, booking: Booking, citizen: Citizen) -> float:
        if citizen.benefit_type == BenefitType.KONTANTHJAELP:
            return SUMMONED_KONTANTHJAELP
        year_back = max(0, min(HISTORY_DAYS, (self.today - booking.start.date()).days))
        return SUMMONED_SHARE + (SUMMONED_A_YEAR_AGO - SUMMONED_SHARE) * year_back / HISTORY_DAYS

    def _origin(self, booking: Booking, citizen: Citizen, demo_citizen: bool) -> None:
        rng = self.rng
        summoned = citizen.self_booking_exempt or (
            not demo_citizen and rng.random() < self._summoned_share(booking, citizen)
        )
        if summoned:
            booking.origin = Origin.SUMMONED
            booking.created_by = booking.consultant
            lead = timedelta(days=rng.randint(8, 21))
        else:
            booking.origin = Origin.SELF_BOOKED
            if rng.random() < FACILITATED_SHARE:
                booking.facilitated_by = booking.created_by = booking.consultant
                lead = timedelta(days=rng.randint(14, 35))
            else:
                booking.created_by = citizen.user
                lead = timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 10))
            text = TEXTS[booking.topic.name]
            if demo_citizen or rng.random() < 0.85:
                booking.talk_about, booking.take_away = rng.choice(text)
        created = booking.start - lead
        booking.created_at = min(created, self.now - timedelta(minutes=rng.randint(5, 600)))

    def _outcome(self, booking: Booking, citizen: Citizen, demo_citizen: bool) -> None:
        rng, now = self.rng, self.now
        r = 1.0 if demo_citizen else rng.random()
        if r < CANCELLED_BY_CITIZEN:
            latest = min(booking.start - timedelta(days=1), now)
            booking.status = Status.CANCELLED_BY_CITIZEN
            booking.status_changed_by = citizen.user
            booking.status_changed_at = _between(rng, booking.created_at, latest)
        elif r < CANCELLED_BY_CITIZEN + CANCELLED_BY_CENTRE:
            latest = min(booking.start - timedelta(hours=2), now)
            booking.status = Status.CANCELLED_BY_CENTRE
            booking.status_changed_by = booking.consultant
            booking.status_changed_at = _between(rng, booking.created_at, latest)
            booking.cancel_reason = rng.choice(CENTRE_CANCEL_REASONS)
        elif booking.start > now:
            booking.status = Status.BOOKED
        else:
            no_show = r < CANCELLED_BY_CITIZEN + CANCELLED_BY_CENTRE + NO_SHOW
            booking.status = Status.NO_SHOW if no_show else Status.HELD
            booking.status_changed_by = booking.consultant
            booking.status_changed_at = min(
                booking.end + timedelta(minutes=rng.randint(1, 120)), now
            )
        if booking.status in (Status.BOOKED, Status.HELD) and rng.random() < 0.04:
            booking.rescheduled_at = _between(
                rng, booking.created_at, min(booking.start - timedelta(days=1), now)
            )


def _between(rng: random.Random, first: datetime, last: datetime) -> datetime:
    if last <= first:
        return first
    return first + timedelta(seconds=rng.randint(0, int((last - first).total_seconds())))


def _deadlines(
    rng: random.Random, history: History, centres: dict[int, Centre], citizens: list[Citizen]
) -> list[BookingDeadline]:
    """The demo citizen's open deadline, a few more open ones, a few fulfilled and one missed
    for a citizen of "konsulent"."""
    today = history.today
    by_citizen: dict[int, list[Booking]] = defaultdict(list)
    for b in history.bookings:
        by_citizen[b.citizen_id].append(b)

    def coming(c: Citizen) -> bool:
        return any(b.status == Status.BOOKED for b in by_citizen[c.pk])

    def open_deadline(c: Citizen, topic: Topic | None) -> BookingDeadline:
        closed = centres[c.job_centre_id].closed
        deadline = next_working_day(today + timedelta(days=rng.randint(8, 12)), closed)
        return BookingDeadline(
            citizen=c,
            topic=topic,
            deadline=deadline,
            window_start=today + timedelta(days=1),
            window_end=deadline + timedelta(days=14),
            created_by=c.responsible_consultant or centres[c.job_centre_id].consultants[0],
        )

    items = []
    borger = next(c for c in citizens if c.user.username == "borger")
    demo = centres[borger.job_centre_id]
    items.append(open_deadline(borger, next(t for t in demo.topics if t.name == "Mit CV")))

    others = [c for c in citizens if c.user.username != "borger" and c.responsible_consultant]
    free = [
        c for c in others if not coming(c) and not c.self_booking_exempt and c != history.missed
    ]
    for c in free[:4]:
        items.append(open_deadline(c, rng.choice([None, centres[c.job_centre_id].topics[0]])))

    fulfilled_with = [
        b
        for b in history.bookings
        if b.status in (Status.BOOKED, Status.HELD)
        and b.origin == Origin.SELF_BOOKED
        and b.citizen.user.username != "borger"
    ]
    for b in rng.sample(fulfilled_with, min(5, len(fulfilled_with))):
        booked_on = timezone.localdate(b.created_at)
        day = timezone.localdate(b.start)
        deadline = next_working_day(
            booked_on + timedelta(days=rng.randint(1, 5)), centres[b.job_centre_id].closed
        )
        items.append(
            BookingDeadline(
                citizen=b.citizen,
                topic=b.topic if rng.random() < 0.5 else None,
                deadline=deadline,
                window_start=min(booked_on, day),
                window_end=max(day, deadline) + timedelta(days=7),
                status=DeadlineStatus.FULFILLED,
                fulfilled_by=b,
                created_by=b.consultant,
            )
        )

    if history.missed is not None:
        c = history.missed
        window_start, window_end = history.missed_window
        deadline = today - timedelta(days=3)
        while not is_working_day(deadline, centres[c.job_centre_id].closed):
            deadline -= timedelta(days=1)
        items.append(
            BookingDeadline(
                citizen=c,
                deadline=deadline,
                window_start=window_start,
                window_end=window_end,
                status=DeadlineStatus.MISSED,
                created_by=c.responsible_consultant,
            )
        )
    return items
