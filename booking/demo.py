"""Demo data for self-booking: what each demo job centre offers (topics, rooms, closing days,
rule, working hours, absence), a year of conversations for the demo citizens, coming bookings
and a few booking deadlines. See demo/management/commands/seed_demo.py.

Written with bulk_create, not through the services: it must be fast and must not notify anyone.
It plans every conversation on the consultants' working-hours grid and keeps the consultants'
and rooms' busy times in memory, so no two active bookings overlap and the PostgreSQL exclusion
constraint accepts them all."""

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TextIO

from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from booking.calendar import dates, is_working_day, next_working_day
from booking.models import (
    ACTIVE_STATUSES,
    Absence,
    Booking,
    BookingDeadline,
    BookingRule,
    ClosingDay,
    DeadlineStatus,
    MeetingMode,
    Origin,
    Room,
    Status,
    Topic,
    WorkingDay,
)
from centres.models import JobCentre
from citizens.models import BenefitType, Citizen

IN_PERSON, PHONE, VIDEO = MeetingMode.IN_PERSON, MeetingMode.PHONE, MeetingMode.VIDEO


@dataclass(frozen=True)
class TopicSpec:
    name: str
    description: str
    minutes: int
    modes: tuple[str, ...]
    weight: int
    #: Offered by every job consultant, or by every other one.
    everyone: bool = True


TOPICS = [
    TopicSpec(
        "Min jobsøgning",
        "Vi ser på din jobsøgning sammen: hvad du har søgt, hvad der virker, og hvad du kan gøre "
        "anderledes. Tag gerne din Joblog med.",
        45,
        (IN_PERSON, PHONE, VIDEO),
        40,
    ),
    TopicSpec(
        "Brancheskift",
        "Overvejer du at skifte branche? Vi taler om, hvilke af dine kompetencer der kan bruges "
        "i andre job, og hvor arbejdsgiverne mangler folk.",
        60,
        (IN_PERSON, VIDEO),
        15,
    ),
    TopicSpec(
        "Uddannelse og kurser",
        "Har du brug for et kursus, et certifikat eller en kort uddannelse for at komme i job? "
        "Vi ser på mulighederne, og på hvad jobcentret kan støtte.",
        45,
        (IN_PERSON, PHONE),
        15,
        everyone=False,
    ),
    TopicSpec(
        "Mit CV",
        "Vi gennemgår dit CV og dit 'Jeg søger job som', så arbejdsgiverne kan finde dig og se, "
        "hvad du kan.",
        30,
        (IN_PERSON, VIDEO),
        20,
    ),
    TopicSpec(
        "Job i en anden by",
        "Vil du søge job længere væk eller flytte efter arbejdet? Vi taler om pendling, "
        "transport, bolig og job i andre dele af landet.",
        30,
        (PHONE, VIDEO),
        10,
    ),
]

#: What citizens write when they book: (what to talk about, what to take away), per topic.
TEXTS = {
    "Min jobsøgning": [
        (
            "Jeg har søgt mange job som lagermedarbejder, men får kun afslag. Jeg vil gerne "
            "finde ud af, hvad jeg gør forkert.",
            "Et par konkrete idéer til, hvordan mine ansøgninger kan blive bedre.",
        ),
        (
            "Min jobsøgning er gået lidt i stå, og jeg ved ikke, hvor jeg skal søge nu.",
            "En plan for de næste fire uger.",
        ),
        (
            "Jeg har været til to jobsamtaler og vil gerne tale om, hvordan de gik.",
            "Gode råd til næste jobsamtale.",
        ),
        (
            "Jeg vil gerne søge uopfordret, men ved ikke, hvordan jeg kommer i gang.",
            "Nogle virksomheder, jeg kan kontakte, og hvad jeg skal sige.",
        ),
        (
            "Status på min Joblog. Jeg har søgt både som butiksassistent og i kantiner.",
            "At vide om jeg søger bredt nok.",
        ),
        (
            "Jeg er usikker på, om jeg skal tage et deltidsjob eller vente på fuld tid.",
            "Hjælp til at beslutte mig.",
        ),
    ],
    "Brancheskift": [
        (
            "Jeg har arbejdet 15 år i byggeriet og kan ikke mere med ryggen. Hvad kan jeg ellers?",
            "Et overblik over job, hvor min erfaring kan bruges.",
        ),
        (
            "Jeg er uddannet i detailhandlen og vil gerne prøve noget på et kontor.",
            "At vide hvad der skal til, og om der er job.",
        ),
        (
            "Jeg har hørt, at der mangler folk i ældreplejen. Kunne det være noget for mig?",
            "Viden om arbejdet og om en virksomhedspraktik.",
        ),
        (
            "Jeg kommer fra transport og vil gerne over i lager og logistik.",
            "Hvilke certifikater jeg mangler.",
        ),
    ],
    "Uddannelse og kurser": [
        (
            "Jeg mangler truckcertifikat for at kunne søge de fleste lagerjob.",
            "Om jeg kan komme på et kursus, og hvornår.",
        ),
        (
            "Jeg vil gerne blive bedre til Excel, fordi mange kontorjob kræver det.",
            "Et kursus der passer til mit niveau.",
        ),
        (
            "Kan jeg tage en kort uddannelse som social- og sundhedshjælper, mens jeg er ledig?",
            "Svar på reglerne og en plan.",
        ),
        (
            "Jeg har brug for at forny mit kørekort til lastbil (kode C).",
            "At vide om jobcentret kan støtte det.",
        ),
    ],
    "Mit CV": [
        (
            "Mit CV er gammelt, og jeg ved ikke, hvad der er vigtigt at have med.",
            "Et CV jeg kan sende med mine ansøgninger.",
        ),
        (
            "Jeg har huller i mit CV og ved ikke, hvordan jeg skal forklare dem.",
            "En god måde at skrive om de år på.",
        ),
        (
            "Gennemgang af 'Jeg søger job som'. Jeg får ingen jobforslag.",
            "Flere relevante jobforslag.",
        ),
        (
            "Jeg vil gerne have hjælp til at beskrive mine kompetencer fra frivilligt arbejde.",
            "At mit CV viser alt det, jeg kan.",
        ),
    ],
    "Job i en anden by": [
        (
            "Jeg overvejer at søge job i Aarhus, hvor min kæreste bor.",
            "At vide om der er job, og hvad en flytning betyder for min ydelse.",
        ),
        (
            "Hvor langt skal jeg pendle? Jeg har ikke bil.",
            "Overblik over transport og de job, jeg kan nå.",
        ),
        (
            "Jeg har fået tilbud om et job på Fyn og vil gerne tale om det.",
            "En beslutning om jeg skal sige ja.",
        ),
    ],
}

CENTRE_CANCEL_REASONS = [
    "Konsulenten er desværre syg. Book gerne en ny tid.",
    "Konsulenten er kaldt til et akut møde. Vi beklager og beder dig booke en ny tid.",
    "Jobcentret holder temadag for alle medarbejdere. Book gerne en ny tid.",
]

ROOMS = [
    ("Mødelokale 1", "Stueetagen, første dør til venstre efter receptionen"),
    ("Mødelokale 2", "Stueetagen, ved siden af kantinen"),
    ("Mødelokale 3", "1. sal, lokale 104 (elevator ved hovedindgangen)"),
]

#: (month, day, name): closed besides the public holidays, which the calendar knows already.
CLOSING_DAYS = [(6, 5, "Grundlovsdag"), (12, 24, "Juleaftensdag"), (12, 31, "Nytårsaftensdag")]

#: (days from today, number of days, note) for one consultant each, chosen at random.
ABSENCES = [
    (-150, 15, "Sommerferie"),
    (-45, 2, "Kursus"),
    (-12, 1, "Syg"),
    (6, 3, "Ferie"),
    (15, 1, "Temadag"),
]

#: Mon-Thu and Friday hours: (start, end) with lunch 12.00-12.30 every day.
HOURS = [
    ((time(8, 30), time(15, 30)), (time(8, 30), time(13, 30))),
    ((time(9), time(16)), (time(9), time(14))),
]
LUNCH = (time(12), time(12, 30))

HISTORY_DAYS = 365
COMING_DAYS = 21
GRID = timedelta(minutes=30)
BUFFER = timedelta(minutes=15)
NO_SHOW, CANCELLED_BY_CITIZEN, CANCELLED_BY_CENTRE = 0.07, 0.06, 0.025
#: Summoned conversations (plus every one of a citizen exempt from self-booking): for
#: dagpenge recipients the share falls over the year as self-booking takes hold, from
#: SUMMONED_A_YEAR_AGO to SUMMONED_SHARE now; kontanthjælp recipients stay near
#: SUMMONED_KONTANTHJAELP. The leaders' figures show the trend (issue 8).
SUMMONED_SHARE = 0.04
SUMMONED_A_YEAR_AGO = 0.30
SUMMONED_KONTANTHJAELP = 0.26
FACILITATED_SHARE = 0.12
OWN_CONSULTANT_SHARE = 0.85
#: A conversation moves at most this many days on when its consultant is busy or away.
MAX_DAYS_LATER = 9

#: The demo citizens with a history: the logins in README.md and all of Jobcenter Nord.
HISTORY_CITIZENS = Q(user__username__in=["borger", *[f"borger{n:03d}" for n in range(1, 101)]]) | Q(
    job_centre__name="Jobcenter Nord"
)


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


def seed(rng: random.Random, stdout: TextIO) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    centres = {}
    for job_centre in JobCentre.objects.order_by("pk"):
        centre = centres[job_centre.pk] = Centre(rng, job_centre, today)
        centre.create_offer(today)

    citizens = list(
        Citizen.objects.filter(HISTORY_CITIZENS)
        .select_related("user", "responsible_consultant")
        .order_by("user__username")
    )
    history = History(rng, centres, now)
    history.missed = next(
        c
        for c in citizens
        if c.user.username != "borger"
        and not c.self_booking_exempt
        and c.responsible_consultant
        and c.responsible_consultant.username == "konsulent"
    )
    for citizen in citizens:
        history.add_for(citizen)
    # created_at is auto_now_add, which bulk_create sets to now; give it the planned time back.
    planned = [b.created_at for b in history.bookings]
    bookings = Booking.objects.bulk_create(history.bookings, batch_size=500)
    for b, created_at in zip(bookings, planned, strict=True):
        b.created_at = created_at
    Booking.objects.bulk_update(bookings, ["created_at"], batch_size=500)

    deadlines = _deadlines(rng, history, centres, citizens)
    BookingDeadline.objects.bulk_create(deadlines)
    stdout.write(
        f"  topics: {sum(len(c.topics) for c in centres.values())}, "
        f"bookings: {len(bookings)}, booking deadlines: {len(deadlines)}"
    )
