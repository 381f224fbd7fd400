"""One demo job centre's offer, made in the database."""

import random
import uuid
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Role, User
from booking.calendar import dates, is_working_day
from booking.demo.offer import (
    ABSENCES,
    BUFFER,
    CLOSING_DAYS,
    GRID,
    HOURS,
    IN_PERSON,
    LUNCH,
    ROOMS,
    TOPICS,
)
from booking.models import (
    Absence,
    Booking,
    BookingRule,
    ClosingDay,
    MeetingMode,
    Room,
    Topic,
    WorkingDay,
)
from centres.models import JobCentre


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class Centre:
    """One job centre's offer and the busy times of its consultants and rooms."""

    def __init__(self, rng: random.Random, centre: JobCentre, today: date):
        self.rng, self.centre = rng, centre
        staff = User.objects.filter(
            job_centre=centre, is_active=True, role__in=(Role.JOB_CONSULTANT, Role.TEAM_LEADER)
        ).order_by("username")
        self.staff = list(staff)
        self.consultants = [u for u in self.staff if u.role == Role.JOB_CONSULTANT]
        # This year's and next year's, and last year's too, which the history reaches back to.
        self.closing_days = {
            date(year, month, day): name
            for year in range(today.year - 1, today.year + 2)
            for month, day, name in CLOSING_DAYS
        }
        self.closed = set(self.closing_days)
        self.topics: list[Topic] = []
        self.offered: dict[int, list[User]] = {}
        self.rooms: list[Room] = []
        self.hours: dict[tuple[int, int], WorkingDay] = {}
        self.absent: set[tuple[int, date]] = set()
        self.busy: dict[tuple[int, date], list[tuple[datetime, datetime]]] = defaultdict(list)
        self.room_busy: dict[tuple[int, date], list[tuple[datetime, datetime]]] = defaultdict(list)

    def create_offer(self, today: date) -> None:
        centre, rng = self.centre, self.rng
        self.topics = Topic.objects.bulk_create(
            Topic(
                job_centre=centre,
                name=spec.name,
                description=spec.description,
                preparation=spec.preparation,
                duration_minutes=spec.minutes,
                modes=[m for m in MeetingMode.values if m in spec.modes],
            )
            for spec in TOPICS
        )
        links = []
        for topic, spec in zip(self.topics, TOPICS, strict=True):
            chosen = self.consultants if spec.everyone else self.consultants[::2]
            self.offered[topic.pk] = chosen
            links += [Topic.consultants.through(topic=topic, user=c) for c in chosen]
        Topic.consultants.through.objects.bulk_create(links)

        location = centre.address or ""
        self.rooms = Room.objects.bulk_create(
            Room(job_centre=centre, name=name, location=f"{location}, {where}".strip(", "))
            for name, where in ROOMS
        )
        ClosingDay.objects.bulk_create(
            ClosingDay(job_centre=centre, date=day, name=name)
            for day, name in self.closing_days.items()
        )
        BookingRule.objects.create(job_centre=centre, target_group="")

        rows = []
        for person in self.staff:
            week, friday = rng.choice(HOURS)
            for weekday in range(5):
                start, end = friday if weekday == 4 else week
                rows.append(
                    WorkingDay(
                        consultant=person,
                        weekday=weekday,
                        start=start,
                        end=end,
                        break_start=LUNCH[0],
                        break_end=LUNCH[1],
                    )
                )
        self.hours = {(w.consultant_id, w.weekday): w for w in WorkingDay.objects.bulk_create(rows)}

        absences = []
        for (offset, days, note), person in zip(
            ABSENCES, rng.sample(self.staff, min(len(ABSENCES), len(self.staff))), strict=False
        ):
            first = today + timedelta(days=offset)
            absences.append(
                Absence(
                    consultant=person,
                    first_day=first,
                    last_day=first + timedelta(days=days - 1),
                    note=note,
                )
            )
            self.absent.update((person.pk, d) for d in dates(first, absences[-1].last_day))
        Absence.objects.bulk_create(absences)

    def works(self, consultant: User, day: date) -> WorkingDay | None:
        if not is_working_day(day, self.closed) or (consultant.pk, day) in self.absent:
            return None
        return self.hours.get((consultant.pk, day.weekday()))

    def place(
        self, consultant: User, topic: Topic, mode: str, day: date
    ) -> tuple[datetime, Room | None, str] | None:
        """A free start for the consultant on `day` (and a free room for a meeting in
        person; by phone or video instead when the topic allows it), or None."""
        wd = self.works(consultant, day)
        if wd is None:
            return None
        duration = topic.duration
        lunch = (_local(day, LUNCH[0]), _local(day, LUNCH[1]))
        start, day_end = _local(day, wd.start), _local(day, wd.end)
        starts = []
        while start + duration <= day_end:
            if not (start < lunch[1] and lunch[0] < start + duration):
                starts.append(start)
            start += GRID
        self.rng.shuffle(starts)
        for start in starts:
            until = start + duration + BUFFER
            if not _free(self.busy[consultant.pk, day], start, until):
                continue
            if mode != IN_PERSON:
                return start, None, mode
            for room in self.rooms:
                if _free(self.room_busy[room.pk, day], start, until):
                    return start, room, mode
            remote = [m for m in topic.modes if m != IN_PERSON]
            if remote:
                return start, None, remote[0]
        return None

    def hold(self, booking: Booking) -> None:
        day = timezone.localdate(booking.start)
        self.busy[booking.consultant_id, day].append((booking.start, booking.blocked_until))
        if booking.room_id:
            self.room_busy[booking.room_id, day].append((booking.start, booking.blocked_until))


def _free(intervals: list[tuple[datetime, datetime]], start: datetime, until: datetime) -> bool:
    return all(until <= s or u <= start for s, u in intervals)
