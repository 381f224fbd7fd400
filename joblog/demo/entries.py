"""A year of Joblog entries for the demo citizens, with the job centre's yardsticks, and the
seeder."""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TextIO

from django.db.models import Q
from django.utils import timezone

from centres.models import JobCentre
from citizens.models import BenefitType, Citizen, TargetGroup
from joblog.demo.catalogue import (
    BORGER_OCCUPATIONS,
    EMPLOYERS,
    FALLBACK_OCCUPATIONS,
    HISTORY_DAYS,
    KINDS,
    NOTES,
    PLACES,
    RECRUITERS,
    TAKE_UP_DAYS,
    TITLE_SUFFIXES,
)
from joblog.models import (
    ActivityType,
    Channel,
    EntryStatus,
    JoblogEntry,
    PlanLetter,
    Yardstick,
)
from occupations.models import Occupation


def _occupations(rng: random.Random) -> list[Occupation]:
    found = list(Occupation.objects.order_by("pk"))
    if found:
        return found
    return [
        Occupation.objects.get_or_create(title=title, defaults={"disco_code": code})[0]
        for title, code in FALLBACK_OCCUPATIONS
    ]


def _yardsticks() -> None:
    rows = {
        "Jobcenter Demo": [
            ("", "", Decimal(6), 28, 30),
            (TargetGroup.JOB_READY, BenefitType.KONTANTHJAELP, Decimal(6), 30, 30),
            (TargetGroup.ACTIVITY_READY, "", Decimal(2), 28, 45),
        ],
        "Jobcenter Nord": [("", "", Decimal(6), 28, 30)],
    }
    for centre in JobCentre.objects.filter(name__in=rows):
        for group, benefit, searches, days, inactive in rows[centre.name]:
            Yardstick.objects.update_or_create(
                job_centre=centre,
                target_group=group,
                benefit_type=benefit,
                defaults={"searches": searches, "period_days": days, "inactivity_days": inactive},
            )


def _kind(rng: random.Random, username: str) -> str:
    if username == "borger":
        return "lively"
    names = list(KINDS)
    return rng.choices(names, weights=[KINDS[n][0] for n in names])[0]


def _related(rng: random.Random, occupations: list[Occupation], k: int) -> list[Occupation]:
    """A main occupation and k-1 others, most of them from the same DISCO major group."""
    main = rng.choice(occupations)
    same = [o for o in occupations if o.disco_code[:1] == main.disco_code[:1] and o != main]
    others = [o for o in occupations if o not in same and o != main]
    chosen = [main]
    while len(chosen) < min(k, len(occupations)):
        pool = same if same and rng.random() < 0.6 else others or same
        pick = rng.choice(pool)
        if pick not in chosen:
            chosen.append(pick)
    return chosen


class Joblog:
    """One citizen's year of Joblog entries."""

    def __init__(self, rng: random.Random, citizen: Citizen, today: date, kind: str, occupations):
        self.rng, self.citizen, self.today, self.kind = rng, citizen, today, kind
        rate, n_occupations, n_places = KINDS.get(kind, (0, 2.6, 4, 5))[1:]
        self.rate = rate
        self.occupations = _related(rng, occupations, n_occupations) if n_occupations else []
        if kind == "lively":
            by_title = {o.title: o for o in occupations}
            chosen = [by_title[t] for t in BORGER_OCCUPATIONS if t in by_title]
            self.occupations = chosen if len(chosen) >= 3 else self.occupations
        # The first occupation is searched most, then less and less.
        self.weights = [1 / (i + 1) for i in range(len(self.occupations))]
        places = PLACES.get(citizen.job_centre.name, PLACES["Jobcenter Demo"])
        self.places = rng.sample(places, min(n_places, len(places))) if n_places else []
        self.plans = self._plans()
        self.entries: list[JoblogEntry] = []
        self.first = (
            today - timedelta(days=HISTORY_DAYS)
            if kind == "lively"
            else max(citizen.registered_on, today - timedelta(days=HISTORY_DAYS))
        )
        self.last = today
        if kind == "stopped":
            self.last = today - timedelta(days=rng.randrange(35, 150))
            # Two months of searching before they stopped, also for someone registered since
            # (many search while still employed): without it, a recent registration left
            # nothing to have stopped, and how many did depended on the day the demo was made.
            self.first = min(self.first, self.last - timedelta(weeks=8))
        if kind == "hired":
            self.last = today - timedelta(days=rng.randrange(5, 90))

    def _plans(self) -> dict[int, str]:
        """Which plan each occupation belongs to: the main one plan A, the rest B or C."""
        letters = [PlanLetter.A, PlanLetter.B, PlanLetter.C]
        return {
            o.pk: letters[min(i, 2)] if self.kind in ("broad", "lively") or i == 0 else PlanLetter.B
            for i, o in enumerate(self.occupations)
        }

    def _status(self, day: date) -> str:
        age = (self.today - day).days
        if age < 10:
            weights = [70, 12, 10, 0, 8]
        elif age < 30:
            weights = [30, 15, 30, 0, 25]
        else:
            weights = [8, 12, 40, 0, 40]
        statuses = [
            EntryStatus.SENT,
            EntryStatus.INTERVIEW,
            EntryStatus.REJECTED,
            EntryStatus.HIRED,
            EntryStatus.NO_ANSWER,
        ]
        return self.rng.choices(statuses, weights=weights)[0]

    def _entry(self, day: date, activity: str, status: str) -> JoblogEntry:
        rng = self.rng
        occupation = rng.choices(self.occupations, weights=self.weights)[0]
        postcode, town = rng.choice(self.places)
        if activity == ActivityType.RECRUITER:
            employer, channel = rng.choice(RECRUITERS), Channel.RECRUITER
        else:
            employer = rng.choice(EMPLOYERS)
            by_activity: dict[str, Channel] = {
                ActivityType.APPLICATION: rng.choice(
                    [Channel.JOB_AD, Channel.JOB_AD, Channel.JOBNET, Channel.JOB_CENTRE]
                ),
                ActivityType.UNSOLICITED: Channel.UNSOLICITED,
                ActivityType.NETWORK: Channel.NETWORK,
                ActivityType.JOB_FAIR: Channel.OTHER,
            }
            channel = by_activity.get(
                activity, rng.choice([Channel.JOB_AD, Channel.NETWORK, Channel.OTHER])
            )
        ad = ""
        if channel in (Channel.JOB_AD, Channel.JOBNET) and rng.random() < 0.7:
            ad = f"https://job.example.dk/annonce/{rng.randrange(100000, 999999)}"
        return JoblogEntry(
            citizen=self.citizen,
            activity=activity,
            occupation=occupation,
            job_title=f"{occupation.title}{suffix}"
            if (suffix := rng.choice(TITLE_SUFFIXES))
            else "",
            employer=employer,
            postcode=postcode if rng.random() < 0.85 else "",
            town=town,
            date=day,
            channel=channel,
            status=status,
            ad_url=ad,
            notes=rng.choice(NOTES),
            plan=self.plans[occupation.pk] if rng.random() < 0.85 else "",
        )

    def build(self) -> list[JoblogEntry]:
        rng = self.rng
        if not self.occupations or self.rate == 0:
            return []
        day = self.first - timedelta(days=self.first.weekday())
        while day <= self.last:
            # Some weeks are slow (illness, holiday), some busy.
            searches = sum(1 for _ in range(8) if rng.random() < self.rate / 8)
            if rng.random() < 0.08:
                searches = 0
            for _ in range(searches):
                when = day + timedelta(days=rng.randrange(0, 5))
                if self.first <= when <= self.last:
                    activity = rng.choices(
                        [
                            ActivityType.APPLICATION,
                            ActivityType.UNSOLICITED,
                            ActivityType.RECRUITER,
                        ],
                        weights=[75, 18, 7],
                    )[0]
                    self.entries.append(self._entry(when, activity, self._status(when)))
            if rng.random() < 0.15 and self.first <= day <= self.last:
                other = rng.choice(
                    [ActivityType.COMPANY_CONTACT, ActivityType.JOB_FAIR, ActivityType.NETWORK]
                )
                self.entries.append(self._entry(day + timedelta(days=2), other, EntryStatus.SENT))
            day += timedelta(days=7)
        for entry in self.entries:
            if entry.status == EntryStatus.INTERVIEW and rng.random() < 0.6:
                talk = entry.date + timedelta(days=rng.randrange(5, 15))
                if talk <= self.today:
                    interview = self._entry(talk, ActivityType.INTERVIEW, self._status(talk))
                    for name in ("employer", "occupation", "job_title", "postcode", "town", "plan"):
                        setattr(interview, name, getattr(entry, name))
                    interview.ad_url = ""
                    self.entries.append(interview)
        if self.kind == "hired" and self.entries:
            latest = max(self.entries, key=lambda e: e.date)
            latest.status = EntryStatus.HIRED
        if self.kind == "lively":
            # Her dream job (plan A) has given no interview for months, so Min Plan gently
            # suggests widening to plan B (plans/demo.py).
            since = self.today - timedelta(days=130)
            for entry in self.entries:
                if (
                    entry.plan == "A"
                    and entry.date >= since
                    and entry.status
                    in (
                        EntryStatus.INTERVIEW,
                        EntryStatus.HIRED,
                    )
                ):
                    entry.status = EntryStatus.REJECTED
        if self.kind == "lively" or (self.kind in ("steady", "broad") and rng.random() < 0.8):
            for _ in range(rng.randrange(1, 4)):
                ahead = self.today + timedelta(days=rng.randrange(1, 30))
                activity = rng.choice(
                    [ActivityType.JOB_FAIR, ActivityType.APPLICATION, ActivityType.NETWORK]
                )
                planned = self._entry(ahead, activity, EntryStatus.PLANNED)
                planned.notes = ""
                self.entries.append(planned)
        if self.kind == "lively":
            # This week has something in it already, so the count is visible at once.
            self.entries.append(self._entry(self.today, ActivityType.APPLICATION, "sent"))
            # She has not widened to plan B yet (Min Plan suggests it): her last two weeks
            # and her planned activities are all in plan A.
            for entry in self.entries:
                if entry.date >= self.today - timedelta(days=14) and entry.plan in ("B", "C"):
                    entry.plan = PlanLetter.A
                    if entry.status in (EntryStatus.INTERVIEW, EntryStatus.HIRED):
                        entry.status = EntryStatus.SENT
        return self.entries


def seed(rng: random.Random, stdout: TextIO) -> None:
    _yardsticks()
    citizens = list(
        Citizen.objects.filter(
            Q(user__username="borger") | Q(user__username__regex=r"^borger\d{3}$")
        )
        .select_related("user", "job_centre")
        .order_by("user__username")
    )
    if JoblogEntry.objects.filter(citizen__in=citizens).exists():
        stdout.write("  joblog: already there")
        return
    today = timezone.localdate()
    occupations = _occupations(rng)
    entries: list[JoblogEntry] = []
    kinds: dict[str, int] = defaultdict(int)
    for citizen in citizens:
        kind = _kind(rng, citizen.user.username)
        kinds[kind] += 1
        entries += Joblog(rng, citizen, today, kind, occupations).build()
    # The rest of the caseload took up the Joblog in the last months (the leaders' figures show
    # the use growing): a lighter history each, kept out of the per-kind summary above.
    others = (
        Citizen.objects.filter(job_centre__in={c.job_centre_id for c in citizens})
        .exclude(pk__in=[c.pk for c in citizens])
        .select_related("user", "job_centre")
        .order_by("pk")
    )
    taken_up = 0
    for citizen in others:
        log = Joblog(rng, citizen, today, _kind(rng, citizen.user.username), occupations)
        log.first = max(log.first, today - timedelta(days=rng.randint(14, TAKE_UP_DAYS)))
        entries += log.build()
        taken_up += 1
    # Each entry was written the evening of its day (never in the future). created_at is
    # auto_now_add, which bulk_create would set to now: switched off for this one insert, as an
    # UPDATE of every row afterwards takes far longer.
    tz = timezone.get_current_timezone()
    for entry in entries:
        written = min(entry.date, today)
        entry.created_at = datetime.combine(written, time(19, rng.randrange(0, 60)), tzinfo=tz)
    created_at = JoblogEntry._meta.get_field("created_at")
    created_at.auto_now_add = False  # type: ignore[attr-defined]
    try:
        made = JoblogEntry.objects.bulk_create(entries, batch_size=1000)
    finally:
        created_at.auto_now_add = True  # type: ignore[attr-defined]
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    stdout.write(
        f"  joblog entries: {len(made)} for {len(citizens)} citizens ({summary}) "
        f"and {taken_up} more who began in the last months"
    )
