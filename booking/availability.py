"""The free-time search. It reads everything it needs in a fixed number of queries (rule,
consultants, working hours, absence, closing days, rooms, bookings) whatever the number of
bookings, then computes the free times in memory. What it reads grows with the consultants
searched (a team, see `own_team_or_all`), not with the job centre."""

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.lookups import Exact
from django.utils import timezone

from accounts.models import User
from booking.calendar import dates, is_working_day
from booking.models import (
    ACTIVE_STATUSES,
    DEFAULT_RULE,
    LONGEST_BOOKING,
    Absence,
    Booking,
    BookingRule,
    ClosingDay,
    MeetingMode,
    Room,
    Topic,
    WorkingDay,
)


@dataclass(frozen=True)
class Rule:
    min_notice_hours: int
    max_days_ahead: int
    buffer_minutes: int
    cancel_cutoff_hours: int
    max_open_bookings: int
    grid_minutes: int
    deadline_every_days: int
    deadline_window_days: int

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)

    @property
    def cancel_cutoff(self) -> timedelta:
        return timedelta(hours=self.cancel_cutoff_hours)

    def change_until(self, start: datetime) -> datetime:
        """Until when the citizen may move or cancel what starts at `start` themselves: the
        cut-off in real hours (in UTC: a local time minus a timedelta is wall-clock arithmetic
        in Python, wrong by an hour across a daylight-saving night)."""
        return start.astimezone(UTC) - self.cancel_cutoff

    def bookable_range(self, now: datetime) -> tuple[datetime, date]:
        """The earliest start and the last date a citizen may book at `now`."""
        return (
            now + timedelta(hours=self.min_notice_hours),
            timezone.localdate(now) + timedelta(days=self.max_days_ahead),
        )


def rule_for(job_centre_id: int, target_group: str) -> Rule:
    """The centre's rule for the group, else its rule for all groups, else the defaults."""
    rows = {
        r.target_group: r
        for r in BookingRule.objects.filter(
            job_centre_id=job_centre_id, target_group__in=[target_group, ""]
        )
    }
    row = rows.get(target_group) or rows.get("")
    values = {k: getattr(row, k) for k in DEFAULT_RULE} if row else DEFAULT_RULE
    return Rule(**values)


@dataclass
class Slot:
    start: datetime
    end: datetime
    consultant_ids: list[int] = field(default_factory=list)
    room_free: bool = True


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


class _Busy:
    """Busy intervals [start, blocked_until) per key. An interval overlaps [s, u) when it starts
    before u and ends after s; with the intervals sorted by start and a running maximum of their
    ends, that is one bisection."""

    def __init__(self):
        self._raw: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
        self._starts: dict[int, list[datetime]] = {}
        self._max_end: dict[int, list[datetime]] = {}

    def add(self, key: int, start: datetime, until: datetime) -> None:
        self._raw[key].append((start, until))

    def freeze(self) -> None:
        for key, intervals in self._raw.items():
            intervals.sort()
            self._starts[key] = [s for s, _u in intervals]
            running, ends = None, []
            for _s, until in intervals:
                running = until if running is None else max(running, until)
                ends.append(running)
            self._max_end[key] = ends

    def free(self, key: int, start: datetime, until: datetime) -> bool:
        i = bisect_left(self._starts.get(key, []), until)
        return i == 0 or self._max_end[key][i - 1] <= start


def with_own_team(consultants: QuerySet[User], own_consultant_id: int | None) -> Any:
    """The consultants, each annotated `in_own_team`: in the team of the citizen's own
    consultant (false for everyone when the citizen has none, or it has no team)."""
    if own_consultant_id is None:
        return consultants.annotate(in_own_team=Value(False))
    team = User.objects.filter(pk=own_consultant_id).values("team_id")[:1]
    return consultants.annotate(in_own_team=Exact(F("team_id"), Subquery(team)))


def own_team_or_all(rows: list) -> list:
    """Whom a citizen books "første ledige" with, and chooses among: a job centre is
    organised in teams, so the topic's consultants in the team of the citizen's own
    consultant; all of the topic's consultants when none of them is in that team (or the
    citizen has no consultant with a team). `rows` are annotated by `with_own_team`."""
    return [row for row in rows if row.in_own_team] or rows


def free_slots(
    *,
    topic: Topic,
    target_group: str,
    date_from: date,
    date_to: date,
    consultant_id: int | None = None,
    own_consultant_id: int | None = None,
    now: datetime | None = None,
    ignore_booking_id: int | None = None,
    ignore_bookings: bool = False,
    rule: Rule | None = None,
    check_rooms: bool = True,
) -> list[Slot]:
    """Free start times for `topic` between the two dates (inclusive), each with the
    consultants free then. `ignore_bookings` gives the bookable grid itself (to tell "taken"
    from "never bookable"); `ignore_booking_id` leaves out the booking being moved. Without a
    chosen consultant, the consultants are those of `own_team_or_all` for the citizen whose
    own consultant is `own_consultant_id`. `check_rooms=False` leaves the rooms unread unless the
    topic is held in person only (the slots' room_free is then not known, and True): a week of
    times does not show them, and a big centre's hundreds of rooms are most of what the search
    reads."""
    now = now or timezone.now()
    rule = rule or rule_for(topic.job_centre_id, target_group)
    earliest, last_date = rule.bookable_range(now)
    date_from = max(date_from, timezone.localdate(earliest))
    date_to = min(date_to, last_date)
    if date_from > date_to or not topic.active or not topic.open_to(target_group):
        return []

    consultants = topic.consultants.filter(is_active=True, job_centre_id=topic.job_centre_id)
    if consultant_id is not None:
        consultants = consultants.filter(pk=consultant_id)
    rows = with_own_team(consultants, own_consultant_id).values_list(
        "pk", "in_own_team", named=True
    )
    consultant_ids = sorted(row.pk for row in own_team_or_all(list(rows)))

    hours: dict[tuple[int, int], WorkingDay] = {
        (w.consultant_id, w.weekday): w
        for w in WorkingDay.objects.filter(consultant_id__in=consultant_ids)
    }
    absent: set[tuple[int, date]] = set()
    for a in Absence.objects.filter(
        consultant_id__in=consultant_ids, first_day__lte=date_to, last_day__gte=date_from
    ):
        absent.update((a.consultant_id, d) for d in dates(a.first_day, a.last_day))
    closed = set(
        ClosingDay.objects.filter(
            job_centre_id=topic.job_centre_id, date__range=(date_from, date_to)
        ).values_list("date", flat=True)
    )
    only_in_person = topic.modes == [MeetingMode.IN_PERSON]
    range_start = _local(date_from, time.min) - timedelta(days=1)
    range_end = _local(date_to, time.max) + timedelta(days=1)
    in_range = (
        Booking.objects.filter(status__in=ACTIVE_STATUSES)
        # The lower bound on start lets the (consultant, start) index skip the history.
        .filter(start__gte=range_start - LONGEST_BOOKING, start__lt=range_end)
        .filter(blocked_until__gt=range_start)
        .exclude(pk__in=[ignore_booking_id] if ignore_booking_id else [])
    )
    # A room with nothing booked in the whole range is free at every time: then no room's
    # bookings need reading (a big centre has hundreds of rooms).
    room_ids: list[int] = []
    always_a_room = True
    if check_rooms or only_in_person:
        rooms = Room.objects.filter(job_centre_id=topic.job_centre_id, active=True)
        if ignore_bookings:
            rooms = rooms.annotate(booked=Value(False))
        else:
            rooms = rooms.annotate(booked=Exists(in_range.filter(room_id=OuterRef("pk"))))
        room_rows = list(rooms.values_list("pk", "booked"))
        room_ids = [pk for pk, booked in room_rows if booked]
        always_a_room = len(room_ids) < len(room_rows)
        if always_a_room:
            room_ids = []

    busy, rooms_busy = _Busy(), _Busy()
    if not ignore_bookings:
        bookings = in_range.filter(
            Q(consultant_id__in=consultant_ids) | Q(room_id__in=room_ids)
        ).values_list("consultant_id", "room_id", "start", "blocked_until")
        for c_id, r_id, start, until in bookings:
            busy.add(c_id, start, until)
            if r_id:
                rooms_busy.add(r_id, start, until)
        busy.freeze()
        rooms_busy.freeze()

    step = timedelta(minutes=rule.grid_minutes)
    duration = topic.duration
    slots: dict[datetime, Slot] = {}
    for day in dates(date_from, date_to):
        if not is_working_day(day, closed):
            continue
        for c_id in consultant_ids:
            wd = hours.get((c_id, day.weekday()))
            if wd is None or (c_id, day) in absent:
                continue
            start, day_end = _local(day, wd.start), _local(day, wd.end)
            breaks = (
                (_local(day, wd.break_start), _local(day, wd.break_end))
                if wd.break_start and wd.break_end
                else None
            )
            while start + duration <= day_end:
                end = start + duration
                if (
                    start >= earliest
                    and not (breaks and start < breaks[1] and breaks[0] < end)
                    and busy.free(c_id, start, end + rule.buffer)
                ):
                    slot = slots.get(start)
                    if slot is None:
                        room_free = always_a_room or any(
                            rooms_busy.free(r, start, end + rule.buffer) for r in room_ids
                        )
                        slot = slots[start] = Slot(start, end, room_free=room_free)
                    slot.consultant_ids.append(c_id)
                start += step
    return sorted(
        (s for s in slots.values() if s.room_free or not only_in_person),
        key=lambda s: s.start,
    )
