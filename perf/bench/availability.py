"""The free-time search (booking.availability.free_slots) for four weeks over all 14
consultants of a job centre must read a fixed number of queries whatever the number of
bookings, and stay fast as the bookings pile up.

One centre, 14 consultants working 8-16 with lunch 12-12.30, one 45-minute topic offered by all
of them, 2 rooms. For each size the bookings grow to that many (spread at random over the past
year and the coming four weeks, never overlapping for a consultant or a room), and the search
runs `repeats` times, each counted with CaptureQueriesContext and timed."""

import gc
import random
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role, User
from booking.availability import free_slots
from booking.calendar import dates, is_working_day
from booking.models import (
    ACTIVE_STATUSES,
    Booking,
    MeetingMode,
    Origin,
    Room,
    Status,
    Topic,
    WorkingDay,
)
from centres.models import JobCentre
from citizens.identifiers import cpr_hash
from citizens.models import BenefitType, Citizen, TargetGroup
from perf.bench import Result, benchmark
from perf.bench.pages import p95

SIZES = (0, 500, 5000, 20000)
REPEATS = 30
CONSULTANTS = 14
CITIZENS = 200
ROOMS = 2
SEARCH_DAYS = 28
HISTORY_DAYS = 365
DURATION = timedelta(minutes=45)
BUFFER = timedelta(minutes=15)
#: The starts a consultant can hold 45 minutes + 15 minutes' buffer in, 8-16 with lunch.
STARTS = [clock(8), clock(9), clock(10), clock(11), clock(12, 30), clock(13, 30), clock(14, 30)]


class World:
    """The benchmark's job centre, built once per run."""

    def __init__(self, today: date):
        self.centre = JobCentre.objects.create(
            name="Jobcenter Bench", municipality="Bench Kommune", address="Benchvej 1"
        )
        password = make_password(None)
        self.consultants = User.objects.bulk_create(
            User(
                username=f"bench-konsulent{n:02d}",
                name=f"Konsulent {n}",
                role=Role.JOB_CONSULTANT,
                job_centre=self.centre,
                password=password,
            )
            for n in range(1, CONSULTANTS + 1)
        )
        WorkingDay.objects.bulk_create(
            WorkingDay(
                consultant=c,
                weekday=weekday,
                start=clock(8),
                end=clock(16),
                break_start=clock(12),
                break_end=clock(12, 30),
            )
            for c in self.consultants
            for weekday in range(5)
        )
        self.topic = Topic.objects.create(
            job_centre=self.centre,
            name="Min jobsøgning",
            duration_minutes=45,
            modes=MeetingMode.values,
        )
        self.topic.consultants.set(self.consultants)
        self.rooms = Room.objects.bulk_create(
            Room(job_centre=self.centre, name=f"Mødelokale {n}") for n in range(1, ROOMS + 1)
        )
        users = User.objects.bulk_create(
            User(
                username=f"bench-borger{n:04d}",
                name=f"Borger {n}",
                role=Role.CITIZEN,
                job_centre=self.centre,
                password=password,
            )
            for n in range(CITIZENS)
        )
        cprs = [f"{n % 28 + 1:02d}{n // 28 % 12 + 1:02d}70{n:04d}" for n in range(CITIZENS)]
        self.citizens = Citizen.objects.bulk_create(
            Citizen(
                user=user,
                job_centre=self.centre,
                cpr=cpr,
                cpr_hash=cpr_hash(cpr),
                benefit_type=BenefitType.DAGPENGE,
                target_group=TargetGroup.JOB_READY,
                registered_on=today - timedelta(days=HISTORY_DAYS),
            )
            for user, cpr in zip(users, cprs, strict=True)
        )

    def positions(self, today: date) -> list[tuple[int, date, clock]]:
        """Every (consultant, day, start) a booking can take, in a fixed random order."""
        first, last = today - timedelta(days=HISTORY_DAYS), today + timedelta(days=SEARCH_DAYS)
        found = [
            (c, day, at)
            for day in dates(first, last)
            if is_working_day(day)
            for c in range(CONSULTANTS)
            for at in STARTS
        ]
        random.Random(0).shuffle(found)
        return found

    def bookings(
        self, positions: list[tuple[int, date, clock]], first_index: int, now: datetime
    ) -> list[Booking]:
        """Bookings for the positions. On any day, room k holds only the bookings of one
        consultant (the one with index day + k), so rooms never overlap either."""
        tz = timezone.get_current_timezone()
        made = []
        for i, (c, day, at) in enumerate(positions, start=first_index):
            start = datetime.combine(day, at, tzinfo=tz)
            room_index = (c - day.toordinal()) % CONSULTANTS
            room = self.rooms[room_index] if room_index < ROOMS else None
            if i % 10 == 9:
                status = Status.CANCELLED_BY_CITIZEN
            elif start > now:
                status = Status.BOOKED
            else:
                status = Status.NO_SHOW if i % 20 == 3 else Status.HELD
            citizen = self.citizens[i % CITIZENS]
            made.append(
                Booking(
                    job_centre=self.centre,
                    citizen=citizen,
                    consultant=self.consultants[c],
                    topic=self.topic,
                    mode=MeetingMode.IN_PERSON if room else MeetingMode.PHONE,
                    room=room,
                    start=start,
                    end=start + DURATION,
                    blocked_until=start + DURATION + BUFFER,
                    status=status,
                    origin=Origin.SELF_BOOKED,
                    created_by=citizen.user,
                )
            )
        return made


def _p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def _measure(world: World, today: date, now: datetime, repeats: int) -> dict:
    def search():
        return free_slots(
            topic=world.topic,
            target_group=TargetGroup.JOB_READY,
            date_from=today,
            date_to=today + timedelta(days=SEARCH_DAYS - 1),
            now=now,
        )

    slots = search()  # warm-up: caches, the connection
    counts, times = set(), []
    gc.collect()
    gc.disable()  # as timeit does: a collection in one run would only add noise
    try:
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                search()
                times.append((time.perf_counter() - began) * 1000)
            counts.add(len(queries))
    finally:
        gc.enable()
    return {
        "queries": counts.pop() if len(counts) == 1 else sorted(counts),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95(times), 2),
        "free_starts": len(slots),
    }


@benchmark("free_slots")
def free_slots_benchmark(sizes: tuple[int, ...] = SIZES, repeats: int = REPEATS) -> Result:
    now = timezone.now()
    today = timezone.localdate(now)
    world = World(today)
    positions = world.positions(today)
    if max(sizes) > len(positions):
        raise ValueError(f"At most {len(positions)} bookings fit; asked for {max(sizes)}.")
    window = (
        datetime.combine(today, clock.min, tzinfo=timezone.get_current_timezone()),
        datetime.combine(
            today + timedelta(days=SEARCH_DAYS), clock.min, tzinfo=timezone.get_current_timezone()
        ),
    )
    rows, made = [], 0
    for size in sorted(sizes):
        Booking.objects.bulk_create(
            world.bookings(positions[made:size], made, now), batch_size=1000
        )
        made = size
        in_window = Booking.objects.filter(
            job_centre=world.centre,
            status__in=ACTIVE_STATUSES,
            start__gte=window[0],
            start__lt=window[1],
        ).count()
        rows.append(
            {"bookings": size, "in_window": in_window, **_measure(world, today, now, repeats)}
        )

    counts = [row["queries"] for row in rows]
    constant = all(isinstance(q, int) for q in counts) and len(set(counts)) == 1
    first, last = rows[0], rows[-1]
    ratio = round(last["median_ms"] / first["median_ms"], 2) if first["median_ms"] else None
    queries = f"{counts[0]} queries at every size" if constant else f"queries differ: {counts}"
    return {
        "title": (
            f"Free-time search: {SEARCH_DAYS} days, {CONSULTANTS} consultants, "
            f"{repeats} runs per size"
        ),
        "ok": constant,
        "summary": (
            f"{queries}; median {last['median_ms']} ms with {last['bookings']} bookings "
            f"vs {first['median_ms']} ms with {first['bookings']} ({ratio}x)"
        ),
        "queries_constant": constant,
        "median_ratio": ratio,
        "sizes": sorted(sizes),
        "repeats": repeats,
        "rows": rows,
        "chart": {"x": "bookings", "y": "median_ms"},
    }
