"""Recomputing one job centre's KPI snapshots (kpis.compute.compute_centre: 13 weeks and 13
months, every KPI at every level) must read the same number of queries whatever the number of
citizens, bookings and Joblog entries, and is timed.

One centre per size, built the way the other benchmarks build theirs (bulk_create, one
consultant's bookings never overlapping): 14 job consultants in two teams with their team
leaders; per citizen 10 bookings and 25 Joblog entries over the past year, and evaluations,
weeks of job suggestions, booking deadlines, courses and action-learning records besides. The
default sizes are 200 citizens and a mid-size job centre's 2,000 (20,000 bookings, 50,000
Joblog entries: DOMAIN.md's national benchmark per citizen). Each recompute replaces the same
snapshots; it runs `repeats` times after a warm-up, each counted with CaptureQueriesContext."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Role, User
from booking.models import (
    Booking,
    BookingDeadline,
    DeadlineStatus,
    MeetingMode,
    Origin,
    Status,
    Topic,
)
from centres.models import JobCentre, Team
from citizens.identifiers import cpr_hash
from citizens.models import BenefitType, Citizen, TargetGroup
from courses.models import Course, Kind, Outcome
from courses.models import Status as CourseStatus
from evaluations.models import Evaluation
from joblog.models import ActivityType, Channel, EntryStatus, JoblogEntry
from kpis.compute import compute_centre
from labour.models import Company
from learning.models import (
    ConsentMethod,
    LearningMeeting,
    LogbookEntry,
    MeetingStatus,
    Observation,
    ObservationStatus,
)
from occupations.models import Occupation
from perf.bench import Result, benchmark
from perf.bench.pages import measure
from suggestions.models import SuggestionBatch

SIZES = (200, 2000)
REPEATS = 5
CONSULTANTS = 14
BOOKINGS_PER_CITIZEN = 10
ENTRIES_PER_CITIZEN = 25
HISTORY_DAYS = 365
#: Bookings a consultant can hold a day, on the hour from 08:00.
SLOTS_PER_DAY = 7


class World:
    """One job centre of `citizens` citizens with a year of history."""

    def __init__(self, citizens: int, today: date):
        self.today = today
        self.rng = random.Random(citizens)
        self.centre = JobCentre.objects.create(
            name=f"Jobcenter KPI-bench {citizens}", municipality="Bench Kommune"
        )
        self.password = make_password(None)
        self.teams = [
            Team.objects.create(job_centre=self.centre, name=name)
            for name in ("Jobparate dagpenge", "Jobparate kontanthjælp")
        ]
        self.consultants = self._staff(Role.JOB_CONSULTANT, CONSULTANTS)
        self.leaders = self._staff(Role.TEAM_LEADER, len(self.teams))
        self.citizens = self._citizens(citizens)
        self.bookings = self._bookings(citizens * BOOKINGS_PER_CITIZEN)
        self.entries = self._entries(citizens * ENTRIES_PER_CITIZEN)
        self._evaluations()
        self._suggestions()
        self._deadlines()
        self._courses()
        self._learning()

    def _staff(self, role: str, count: int) -> list[User]:
        tag = f"{self.centre.pk}-{role}"
        return User.objects.bulk_create(
            User(
                username=f"bench-kpi-{tag}-{n}",
                name=f"{role} {n}",
                role=role,
                job_centre=self.centre,
                team=self.teams[n % len(self.teams)],
                password=self.password,
            )
            for n in range(count)
        )

    def _citizens(self, count: int) -> list[Citizen]:
        users = User.objects.bulk_create(
            User(
                username=f"bench-kpi-{self.centre.pk}-borger{n:05d}",
                name=f"Borger {n}",
                role=Role.CITIZEN,
                job_centre=self.centre,
                password=self.password,
            )
            for n in range(count)
        )
        # Born 1940-1969: the other benchmarks' citizens are born from 1970.
        year = 40 + self.centre.pk % 30
        cprs = [f"{n % 28 + 1:02d}{n // 28 % 12 + 1:02d}{year}{n // 336:04d}" for n in range(count)]
        return Citizen.objects.bulk_create(
            (
                Citizen(
                    user=user,
                    job_centre=self.centre,
                    cpr=cpr,
                    cpr_hash=cpr_hash(cpr),
                    benefit_type=BenefitType.DAGPENGE,
                    target_group=TargetGroup.JOB_READY,
                    registered_on=self.today - timedelta(days=self.rng.randrange(2 * HISTORY_DAYS)),
                    responsible_consultant=self.consultants[n % CONSULTANTS],
                )
                for n, (user, cpr) in enumerate(zip(users, cprs, strict=True))
            ),
            batch_size=1000,
        )

    def _bookings(self, count: int) -> list[Booking]:
        """Consultant i % 14 holds booking i in their next free hour, going back from
        yesterday: no two of a consultant's bookings overlap, nor two of a citizen's (the
        database refuses a citizen two conversations at once)."""
        if count > CONSULTANTS * SLOTS_PER_DAY * HISTORY_DAYS:
            raise ValueError("more bookings than a year of the consultants' hours")
        zone = timezone.get_current_timezone()
        topic = Topic.objects.create(
            job_centre=self.centre, name="Min jobsøgning", modes=MeetingMode.values
        )
        rng, made = self.rng, []
        booked_at: dict[datetime, set[int]] = {}
        for i in range(count):
            slot = i // CONSULTANTS
            day = self.today - timedelta(days=1 + slot // SLOTS_PER_DAY)
            start = datetime.combine(day, time(8 + slot % SLOTS_PER_DAY), tzinfo=zone)
            taken = booked_at.setdefault(start, set())
            citizen = rng.choice(self.citizens)
            for _try in range(20):
                if citizen.pk not in taken:
                    break
                citizen = rng.choice(self.citizens)
            roll = rng.random()
            status = (
                Status.HELD
                if roll < 0.85
                else Status.NO_SHOW
                if roll < 0.92
                else Status.CANCELLED_BY_CITIZEN
            )
            if citizen.pk in taken:  # fewer citizens than consultants: this one was cancelled
                status = Status.CANCELLED_BY_CITIZEN
            elif status != Status.CANCELLED_BY_CITIZEN:
                taken.add(citizen.pk)
            origin = Origin.SELF_BOOKED if rng.random() < 0.9 else Origin.SUMMONED
            consultant = self.consultants[i % CONSULTANTS]
            facilitated = origin == Origin.SELF_BOOKED and rng.random() < 0.12
            made.append(
                Booking(
                    job_centre=self.centre,
                    citizen=citizen,
                    consultant=consultant,
                    topic=topic,
                    mode=MeetingMode.PHONE,
                    start=start,
                    end=start + timedelta(minutes=45),
                    blocked_until=start + timedelta(minutes=60),
                    status=status,
                    origin=origin,
                    facilitated_by=consultant if facilitated else None,
                    created_by=citizen.user,
                )
            )
        return Booking.objects.bulk_create(made, batch_size=1000)

    def _entries(self, count: int) -> int:
        occupations = [
            Occupation.objects.get_or_create(
                title=f"Bench-fag {n:02d}", defaults={"disco_code": "9333"}
            )[0]
            for n in range(10)
        ]
        rng = self.rng
        JoblogEntry.objects.bulk_create(
            (
                JoblogEntry(
                    citizen=rng.choice(self.citizens),
                    activity=rng.choice(ActivityType.values),
                    occupation=rng.choice(occupations),
                    employer=f"Firma {rng.randrange(500)}",
                    date=self.today - timedelta(days=rng.randrange(HISTORY_DAYS + 35)),
                    channel=rng.choice(Channel.values),
                    status=rng.choice(EntryStatus.values),
                )
                for _ in range(count)
            ),
            batch_size=1000,
        )
        return count

    def _evaluations(self) -> None:
        """Half the held conversations are answered, on the day, under the team at the time."""
        team_of = {c.pk: c.team_id for c in self.consultants}
        Evaluation.objects.bulk_create(
            (
                Evaluation(
                    job_centre=self.centre,
                    team_id=team_of[b.consultant_id],
                    answered_on=timezone.localdate(b.start),
                    score=self.rng.choice([5, 6, 7, 8, 8, 9, 9, 10]),
                )
                for b in self.bookings
                if b.status == Status.HELD and self.rng.random() < 0.5
            ),
            batch_size=1000,
        )

    def _suggestions(self) -> None:
        """A fifth of the citizens get weekly suggestions for the last 13 weeks."""
        monday = self.today - timedelta(days=self.today.weekday())
        zone = timezone.get_current_timezone()
        batches = []
        for citizen in self.citizens[::5]:
            for week in range(1, 14):
                start = monday - timedelta(weeks=week)
                due = start + timedelta(days=7)
                checked = self.rng.choice([None, 0, 0, 1, 2])
                batches.append(
                    SuggestionBatch(
                        citizen=citizen,
                        week_start=start,
                        due_on=due,
                        checked_at=None
                        if checked is None
                        else datetime.combine(due - timedelta(days=1 - checked), time(12), zone),
                    )
                )
        SuggestionBatch.objects.bulk_create(batches, batch_size=1000)

    def _deadlines(self) -> None:
        deadlines = []
        for citizen in self.citizens[::10]:
            day = self.today - timedelta(days=self.rng.randrange(HISTORY_DAYS))
            deadlines.append(
                BookingDeadline(
                    citizen=citizen,
                    deadline=day,
                    window_start=day,
                    window_end=day + timedelta(days=14),
                    status=self.rng.choice([DeadlineStatus.MISSED, DeadlineStatus.FULFILLED]),
                    by_rule=True,
                )
            )
        BookingDeadline.objects.bulk_create(deadlines, batch_size=1000)

    def _courses(self) -> None:
        companies = Company.objects.bulk_create(
            Company(job_centre=self.centre, cvr=f"{10000000 + n}", name=f"Bench {n} A/S")
            for n in range(5)
        )
        courses = []
        for n, citizen in enumerate(self.citizens[::50]):
            started = self.today - timedelta(days=self.rng.randrange(30, HISTORY_DAYS))
            ended = n % 2 == 0
            courses.append(
                Course(
                    job_centre=self.centre,
                    citizen=citizen,
                    company=companies[n % len(companies)],
                    kind=Kind.INTERNSHIP,
                    starts_on=started,
                    ends_on=started + timedelta(days=27),
                    hours_per_week=30,
                    tasks="Lager",
                    consultant=citizen.responsible_consultant,
                    created_by=citizen.responsible_consultant,
                    status=CourseStatus.ENDED if ended else CourseStatus.RUNNING,
                    started_on=started,
                    ended_on=started + timedelta(days=27) if ended else None,
                    outcome=self.rng.choice([Outcome.JOB_AT_COMPANY, Outcome.NO_JOB])
                    if ended
                    else "",
                )
            )
        Course.objects.bulk_create(courses)

    def _learning(self) -> None:
        """Two logbook entries a week per consultant, an observation with feedback for every
        hundredth held conversation, a meeting a month per team."""
        zone = timezone.get_current_timezone()
        LogbookEntry.objects.bulk_create(
            (
                LogbookEntry(consultant=c, date=self.today - timedelta(days=d), score=7)
                for c in self.consultants
                for d in range(1, HISTORY_DAYS, 3)
            ),
            batch_size=1000,
        )
        held = [b for b in self.bookings if b.status == Status.HELD][::100]
        Observation.objects.bulk_create(
            Observation(
                booking=b,
                observed_id=b.consultant_id,
                observer=self.leaders[0],
                status=ObservationStatus.FEEDBACK_GIVEN,
                consent_at=b.start,
                consent_method=ConsentMethod.ORAL,
                went_well="Kontrakten",
                feedback_at=b.end,
            )
            for b in held
        )
        LearningMeeting.objects.bulk_create(
            LearningMeeting(
                team=team,
                facilitator=leader,
                starts_at=datetime.combine(self.today - timedelta(days=30 * m), time(9), zone),
                status=MeetingStatus.ENDED,
                ended_at=datetime.combine(self.today - timedelta(days=30 * m), time(11), zone),
            )
            for team, leader in zip(self.teams, self.leaders, strict=True)
            for m in range(1, 13)
        )


@benchmark("kpi_recompute")
def kpi_recompute_benchmark(sizes: tuple[int, ...] = SIZES, repeats: int = REPEATS) -> Result:
    today = timezone.localdate()
    rows = []
    for size in sorted(sizes):
        world = World(size, today)

        def recompute(centre=world.centre) -> int:
            return compute_centre(job_centre=centre, today=today)

        snapshots = recompute()  # warm-up
        rows.append(
            {
                "citizens": size,
                "bookings": len(world.bookings),
                "joblog_entries": world.entries,
                "snapshots": snapshots,
                **measure(recompute, repeats),
            }
        )
    counts = [row["queries"] for row in rows]
    constant = all(isinstance(q, int) for q in counts) and len(set(counts)) == 1
    first, last = rows[0], rows[-1]
    ratio = round(last["median_ms"] / first["median_ms"], 2) if first["median_ms"] else None
    queries = f"{counts[0]} queries at every size" if constant else f"queries differ: {counts}"
    return {
        "title": (
            f"Recomputing one job centre's KPI snapshots (kpis.compute.compute_centre, "
            f"13 weeks + 13 months), {repeats} runs per size"
        ),
        "ok": constant,
        "summary": (
            f"{queries}; median {last['median_ms']} ms with {last['citizens']} citizens and "
            f"{last['bookings']} bookings vs {first['median_ms']} ms with {first['citizens']} "
            f"({ratio}x)"
        ),
        "queries_constant": constant,
        "median_ratio": ratio,
        "sizes": sorted(sizes),
        "repeats": repeats,
        "rows": rows,
        "chart": {"x": "citizens", "y": "median_ms"},
    }
