"""What every generator shares: the seed, today, the calendar grid, the reference data the
migrations loaded, the ids handed out so far and compact arrays of what was generated (one
entry per citizen or booking, never the rows themselves)."""

import math
import random
import uuid
from array import array
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from booking.calendar import is_working_day
from booking.demo import CLOSING_DAYS
from occupations.models import Occupation, OccupationSkill, Skill
from places.models import Postcode

from .plan import Sizes
from .writers import Writer

LOCAL = ZoneInfo("Europe/Copenhagen")
#: How far back the data reaches: registrations, conversations, Joblog, lookups.
HISTORY_DAYS = 730
#: How far ahead coming conversations are booked.
COMING_DAYS = 42
#: Conversation starts on a working day (local time): 75 minutes apart, so the longest topic
#: (60 minutes) plus the 15-minute buffer never reaches the next start. Friday ends at 13.30.
SLOT_TIMES = [time(8, 30), time(9, 45), time(11, 0), time(12, 30), time(13, 45)]
FRIDAY_SLOTS = 4


@dataclass
class CentreInfo:
    index: int
    id: int
    number: int
    name: str
    municipality: str
    postcode: str
    town: str
    #: Home postcodes of its citizens: (code, town) near the centre, nearest first.
    homes: list[tuple[str, str]] = field(default_factory=list)
    teams: list[int] = field(default_factory=list)
    job_consultants: list[int] = field(default_factory=list)
    team_leaders: list[int] = field(default_factory=list)
    business: list[int] = field(default_factory=list)
    manager: int = 0
    administrator: int = 0
    team_of: dict[int, int] = field(default_factory=dict)
    #: (topic id, minutes, modes, name) per topic, in booking.demo.TOPICS order.
    topics: list[tuple[int, int, tuple[str, ...], str]] = field(default_factory=list)
    room_of: dict[int, int] = field(default_factory=dict)
    first_citizen: int = 0
    citizens: int = 0

    @property
    def staff(self) -> list[int]:
        return [*self.job_consultants, *self.team_leaders, *self.business]


class Context:
    def __init__(self, sizes: Sizes, writer: Writer, *, seed: int, today: date):
        self.sizes, self.writer, self.seed, self.today = sizes, writer, seed, today
        self.now = datetime.combine(today, time(6), tzinfo=UTC)
        self.first_day = today - timedelta(days=HISTORY_DAYS)
        self.centres: list[CentreInfo] = []
        self.password = ""
        self.counts: dict[str, int] = {}
        self._first_ids: dict[str, int] = {}
        # Per citizen (index 0..N-1).
        self.citizen_base = 0
        # First ids of tables whose rows others point into (set by their generators).
        self.booking_base = self.cv_base = self.plan_base = self.opening_base = 0
        self.user_base_citizens = 0
        self.c_centre = array("H")
        self.c_consultant = array("q")  # responsible consultant's user id, 0 = none
        self.c_registered = array("H")  # days after first_day
        self.c_group = array("b")  # 0 jobparat, 1 aktivitetsparat
        self.c_benefit = array("b")  # 0 dagpenge, 1 kontanthjælp, 2 other
        self.c_kind = array("b")  # Joblog: 0 active, 1 moderate, 2 inactive, 3 exempt
        self.c_occupation = array("q")  # main occupation sought
        self.c_bookings = array("H")
        self.c_postcode = array("H")  # index into the centre's homes
        # Per booking (held ones only; what conversations, plans and evaluations hang off).
        self.h_id = array("q")
        self.h_citizen = array("l")
        self.h_consultant = array("q")
        self.h_slot = array("l")
        self._load_reference()
        self._build_grid()

    # --- randomness and ids

    def rng(self, *parts: object) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def uuid_from(self, rng: random.Random) -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def ids(self, table: str) -> int:
        """The first free id of `table`. Asked before its COPY starts (the connection is busy
        during it), so a generator may call this lazily for its own table."""
        if table not in self._first_ids:
            self._first_ids[table] = self.writer.next_id(table)
        return self._first_ids[table]

    def write(
        self, table: str, columns: list[str], rows, total: int | None = None, *, numbered=True
    ) -> int:
        """`numbered`: the table's id is a sequence (not a UUID)."""
        if numbered:
            self.ids(table)
        count = self.writer.write(table, columns, rows, total, numbered=numbered)
        self._first_ids.pop(table, None)
        self.counts[table] = self.counts.get(table, 0) + count
        return count

    # --- reference data the migrations load

    def _load_reference(self) -> None:
        self.occupations = list(Occupation.objects.order_by("pk").values_list("pk", "title"))
        if not self.occupations:
            raise RuntimeError("The occupation list is empty: run `manage.py migrate` first.")
        self.occupation_title = dict(self.occupations)
        self.occupation_ids = [pk for pk, _ in self.occupations]
        related: dict[int, list[int]] = {pk: [] for pk in self.occupation_ids}
        for a, b in Occupation.related.through.objects.values_list(
            "from_occupation_id", "to_occupation_id"
        ):
            related[a].append(b)
        self.related = related
        self.skills = list(Skill.objects.order_by("pk").values_list("pk", "name"))
        needs: dict[int, list[int]] = {pk: [] for pk in self.occupation_ids}
        for occ, skill in OccupationSkill.objects.values_list("occupation_id", "skill_id"):
            needs[occ].append(skill)
        self.skills_of = needs
        self.postcodes = list(
            Postcode.objects.order_by("code").values_list("code", "name", "latitude", "longitude")
        )
        if not self.postcodes:
            raise RuntimeError("The postcode list is empty: run `manage.py migrate` first.")

    def place(self, wanted: str) -> tuple[str, str, float, float]:
        """The postcode itself, or the nearest code by number when the list lacks it."""
        return min(self.postcodes, key=lambda p: (abs(int(p[0]) - int(wanted)), p[0]))

    def nearest(self, code: str, count: int) -> list[tuple[str, str]]:
        _, _, lat, lon = self.place(code)
        scale = math.cos(math.radians(lat))

        def distance(p):
            return (p[2] - lat) ** 2 + ((p[3] - lon) * scale) ** 2

        return [(p[0], p[1]) for p in sorted(self.postcodes, key=distance)[:count]]

    # --- time

    def _build_grid(self) -> None:
        """Every bookable start between the first day of the history and the last coming day
        (working days only, no centre closing days), as aware UTC datetimes."""
        closing = {
            date(year, month, day)
            for year in range(self.first_day.year, self.today.year + 2)
            for month, day, _ in CLOSING_DAYS
        }
        self.slots: list[datetime] = []
        day = self.first_day
        last = self.today + timedelta(days=COMING_DAYS)
        self.first_future_slot = -1
        while day <= last:
            if is_working_day(day, closing):
                if day > self.today and self.first_future_slot < 0:
                    self.first_future_slot = len(self.slots)
                times = SLOT_TIMES[:FRIDAY_SLOTS] if day.weekday() == 4 else SLOT_TIMES
                for at in times:
                    self.slots.append(datetime.combine(day, at, tzinfo=LOCAL).astimezone(UTC))
            day += timedelta(days=1)
        self.slot_day_index = [
            (s.astimezone(LOCAL).date() - self.first_day).days for s in self.slots
        ]
        # The first slot on or after each day (for a citizen's window).
        self.first_slot_on: list[int] = []
        index = 0
        for offset in range(HISTORY_DAYS + COMING_DAYS + 2):
            while index < len(self.slots) and self.slot_day_index[index] < offset:
                index += 1
            self.first_slot_on.append(index)

    def day(self, offset: int) -> date:
        return _day(self.first_day, offset)

    def moment(self, offset: int, minutes: int) -> datetime:
        """A UTC datetime `minutes` into the day `offset` days after the first day."""
        return _moment(self.first_day, offset, minutes)


@cache
def _day(first: date, offset: int) -> date:
    return first + timedelta(days=offset)


@cache
def _moment(first: date, offset: int, minutes: int) -> datetime:
    return datetime.combine(first + timedelta(days=offset), time(), tzinfo=LOCAL).astimezone(
        UTC
    ) + timedelta(minutes=minutes)
