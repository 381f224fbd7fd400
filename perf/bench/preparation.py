"""The preparation view ("Forbered samtale") must read the same number of queries for a citizen
with two years of history as for one with a few weeks, and stay fast.

One centre, one consultant, and per size one citizen with `weeks` weeks of Joblog (about 8
entries a week over 8 real occupations), `bookings` conversations (three in four held, each
held one with two agreements and a journal note, most final, some with amendments; the rest
no-shows and cancellations), homework, a plan with Plan A, B and C, and a full CV; then a
booking tomorrow to prepare. The page (conversations:prepare) is fetched through
django.test.Client, logged in as the consultant, `repeats` times per size; each fetch is
counted with CaptureQueriesContext and timed.

Both citizens' plans are in the same state (no widening date passed), because
`plans.widen.widen_suggestion` reads 0-4 queries depending on the plan, never on the history."""

import random
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from booking.models import Booking, MeetingMode, Status, Topic
from centres.models import JobCentre
from citizens.identifiers import cpr_hash
from citizens.models import BenefitType, Citizen, TargetGroup
from conversations.models import JournalAmendment, JournalNote
from cv.models import (
    CV,
    Course,
    CvSkill,
    Education,
    Language,
    LanguageLevel,
    SoughtOccupation,
    WorkExperience,
)
from joblog.models import ActivityType, Channel, EntryStatus, JoblogEntry
from occupations.models import Occupation, Skill
from perf.bench import Result, benchmark
from perf.bench.pages import measure_page
from plans.models import Agreement, Homework, JobTrack, Plan

#: (weeks of history, conversations): a citizen a month in, and one two years in.
SIZES = ((4, 2), (104, 40))
REPEATS = 20
PER_WEEK = 8
OCCUPATIONS = [
    "Lagerarbejder",
    "Truckfører",
    "Pakkeriarbejder",
    "Chauffør (lastbil)",
    "Produktionsmedarbejder",
    "Rengøringsassistent",
    "Kok",
    "Sygeplejerske",
]
SKILLS = ["Truckcertifikat", "Lagerstyring", "Excel", "Kørekort B", "Teamarbejde", "Engelsk"]
TOWNS = ["Brøndby", "Glostrup", "Valby", "Køge", "Hvidovre", "Albertslund", ""]


class World:
    def __init__(self, today: date):
        self.today = today
        self.tz = timezone.get_current_timezone()
        self.centre = JobCentre.objects.create(
            name="Jobcenter Forberedelse-bench", municipality="Bench Kommune", address="Benchvej 3"
        )
        self.password = make_password(None)
        self.consultant = User.objects.create(
            username="bench-prep-konsulent",
            name="Forberedelse Konsulent",
            role=Role.JOB_CONSULTANT,
            job_centre=self.centre,
            password=self.password,
        )
        self.topic = Topic.objects.create(
            job_centre=self.centre, name="Opfølgning", modes=[MeetingMode.PHONE.value]
        )
        self.occupations = list(Occupation.objects.filter(title__in=OCCUPATIONS))
        self.skills = list(Skill.objects.filter(name__in=SKILLS))
        self.count = 0

    def _at(self, day: date, hour: int) -> datetime:
        return datetime.combine(day, clock(hour), tzinfo=self.tz)

    def _booking(self, citizen: Citizen, start: datetime, status: str) -> Booking:
        end = start + timedelta(minutes=45)
        return Booking(
            job_centre=self.centre,
            citizen=citizen,
            consultant=self.consultant,
            topic=self.topic,
            mode=MeetingMode.PHONE,
            start=start,
            end=end,
            blocked_until=end + timedelta(minutes=15),
            status=status,
            talk_about="Hvordan jeg kommer videre med at søge lagerjob.",
            take_away="En plan for de næste uger.",
            created_by=citizen.user,
        )

    def citizen(self, weeks: int, bookings: int) -> Booking:
        """A citizen with `weeks` weeks of history; returns the booking to prepare."""
        self.count += 1
        n, today, rng = self.count, self.today, random.Random(weeks)
        user = User.objects.create(
            username=f"bench-prep-{n}",
            name=f"Borger med {weeks} ugers historik",
            role=Role.CITIZEN,
            job_centre=self.centre,
            password=self.password,
        )
        cpr = f"0303{60 + n:02d}{weeks:04d}"
        citizen = Citizen.objects.create(
            user=user,
            job_centre=self.centre,
            cpr=cpr,
            cpr_hash=cpr_hash(cpr),
            benefit_type=BenefitType.DAGPENGE,
            target_group=TargetGroup.JOB_READY,
            registered_on=today - timedelta(weeks=weeks + 1),
            responsible_consultant=self.consultant,
        )
        self._plan(citizen, weeks)
        self._cv(citizen)
        JoblogEntry.objects.bulk_create(
            (
                JoblogEntry(
                    citizen=citizen,
                    activity=rng.choice(
                        [ActivityType.APPLICATION] * 6
                        + [ActivityType.UNSOLICITED, ActivityType.INTERVIEW]
                    ),
                    occupation=rng.choice(self.occupations),
                    job_title="Medarbejder",
                    employer=f"Firma {rng.randrange(300)}",
                    town=rng.choice(TOWNS),
                    postcode="2605",
                    date=today - timedelta(days=rng.randrange(weeks * 7)),
                    channel=rng.choice(Channel.values),
                    status=rng.choice(
                        [EntryStatus.SENT, EntryStatus.NO_ANSWER, EntryStatus.REJECTED] * 3
                        + [EntryStatus.INTERVIEW]
                    ),
                    plan=rng.choice(["A", "B", "C", ""]),
                )
                for _ in range(weeks * PER_WEEK)
            ),
            batch_size=1000,
        )
        self._conversations(citizen, weeks, bookings)
        coming = self._booking(citizen, self._at(today + timedelta(days=1), 8 + n), Status.BOOKED)
        coming.save()
        return coming

    def _plan(self, citizen: Citizen, weeks: int) -> None:
        today = self.today
        plan = Plan.objects.create(
            citizen=citizen,
            job_goal="Fast job på et lager",
            strategy="Søg bredt på lager og transport.",
            next_contact=today + timedelta(days=21),
        )
        for index, letter in enumerate("ABC"):
            track = JobTrack.objects.create(
                plan=plan,
                letter=letter,
                set_at=today - timedelta(weeks=8),
                widen_from=today + timedelta(weeks=4) if letter != "C" else None,
            )
            track.occupations.set(self.occupations[index * 2 : index * 2 + 2])
        Homework.objects.bulk_create(
            Homework(
                plan=plan,
                title=f"Hjemmeopgave {h}",
                due=today + timedelta(days=7 - 14 * h),
                done_at=timezone.now() if h % 2 else None,
                created_by=self.consultant,
            )
            for h in range(max(2, weeks // 5))
        )

    def _cv(self, citizen: Citizen) -> None:
        cv = CV.objects.create(
            citizen=citizen,
            profile_text="Mødestabil og glad for at have travlt.",
            driving_licences=["B"],
        )
        SoughtOccupation.objects.bulk_create(
            SoughtOccupation(cv=cv, occupation=o, years_experience=i % 3)
            for i, o in enumerate(self.occupations[:5])
        )
        WorkExperience.objects.bulk_create(
            WorkExperience(
                cv=cv,
                job_title=o.title,
                employer=f"Virksomhed {i}",
                occupation=o,
                started_on=date(2010 + 2 * i, 3, 1),
                ended_on=date(2011 + 2 * i, 6, 1),
            )
            for i, o in enumerate(self.occupations[2:8])
        )
        Education.objects.create(
            cv=cv,
            title="Lager- og terminaluddannelsen",
            institution="Tradium",
            started_on=date(2005, 8, 1),
            ended_on=date(2007, 6, 1),
            completed=True,
        )
        Course.objects.create(cv=cv, name="Truckcertifikat B", completed_on=date(2015, 4, 7))
        CvSkill.objects.bulk_create(CvSkill(cv=cv, skill=s) for s in self.skills)
        Language.objects.create(cv=cv, name="Dansk", level=LanguageLevel.NATIVE)

    def _conversations(self, citizen: Citizen, weeks: int, bookings: int) -> None:
        """`bookings` past conversations, evenly over the history; three in four held."""
        statuses = [Status.HELD, Status.HELD, Status.HELD, Status.NO_SHOW, Status.HELD]
        statuses += [Status.HELD, Status.CANCELLED_BY_CITIZEN, Status.HELD]
        made = Booking.objects.bulk_create(
            self._booking(
                citizen,
                self._at(
                    self.today - timedelta(days=2 + (weeks * 7 - 3) * i // bookings),
                    8 + self.count,
                ),
                statuses[i % len(statuses)],
            )
            for i in range(bookings)
        )
        held = [b for b in made if b.status == Status.HELD]
        plan = citizen.plan
        Agreement.objects.bulk_create(
            Agreement(
                plan=plan,
                text=f"Aftale {k} fra samtalen {b.start:%d.%m.%Y}.",
                created_by=self.consultant,
                conversation=b,
            )
            for b in held
            for k in (1, 2)
        )
        notes = JournalNote.objects.bulk_create(
            JournalNote(
                booking=b,
                text="Borgeren fortalte om sin jobsøgning. Vi aftalte næste skridt.",
                author=self.consultant,
                updated_by=self.consultant,
                finalised_at=b.end if i % 4 else None,
                finalised_by=self.consultant if i % 4 else None,
            )
            for i, b in enumerate(held)
        )
        JournalAmendment.objects.bulk_create(
            JournalAmendment(note=note, text="Tilføjelse efter samtalen.", author=self.consultant)
            for i, note in enumerate(notes)
            if i % 4 and i % 3 == 0
        )


@benchmark("preparation")
def preparation_benchmark(
    sizes: tuple[tuple[int, int], ...] = SIZES, repeats: int = REPEATS
) -> Result:
    world = World(timezone.localdate())
    rows = []
    for weeks, bookings in sorted(sizes):
        booking = world.citizen(weeks, bookings)
        citizen = booking.citizen
        rows.append(
            {
                "history": f"{weeks} weeks",
                "joblog_entries": citizen.joblog_entries.count(),
                "conversations": bookings,
                "held": Booking.objects.filter(citizen=citizen, status=Status.HELD).count(),
                **measure_page(
                    world.consultant,
                    reverse("conversations:prepare", args=[booking.public_id]),
                    repeats,
                ),
            }
        )
    counts = [row["queries"] for row in rows]
    constant = all(isinstance(q, int) for q in counts) and len(set(counts)) == 1
    first, last = rows[0], rows[-1]
    ratio = round(last["median_ms"] / first["median_ms"], 2) if first["median_ms"] else None
    queries = f"{counts[0]} queries at every size" if constant else f"queries differ: {counts}"
    return {
        "title": (f"The preparation view (conversations:prepare), {repeats} fetches per citizen"),
        "ok": constant,
        "summary": (
            f"{queries}; median {last['median_ms']} ms with {last['history']} of history "
            f"({last['joblog_entries']} entries, {last['conversations']} conversations) "
            f"vs {first['median_ms']} ms with {first['history']} ({ratio}x)"
        ),
        "queries_constant": constant,
        "median_ratio": ratio,
        "sizes": [list(size) for size in sorted(sizes)],
        "repeats": repeats,
        "rows": rows,
        "chart": {"x": "history", "y": "median_ms"},
    }
