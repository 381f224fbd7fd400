"""The citizen's Joblog page must read the same number of queries for a citizen with 20
entries as for one with 2,000, and stay fast.

One centre, one citizen per size, each with `size` entries spread over the past year across 30
occupations. The page (joblog:list) is fetched through django.test.Client, logged in as the
citizen, `repeats` times per size; each fetch is counted with CaptureQueriesContext and timed."""

import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from centres.models import JobCentre
from citizens.identifiers import cpr_hash
from citizens.models import BenefitType, Citizen, TargetGroup
from joblog.models import SEARCH_TYPES, Channel, EntryStatus, JoblogEntry, PlanLetter
from occupations.models import Occupation
from perf.bench import Result, benchmark
from perf.bench.pages import measure_page

SIZES = (20, 2000)
REPEATS = 20
OCCUPATIONS = 30


class World:
    def __init__(self, today: date):
        self.today = today
        self.centre = JobCentre.objects.create(
            name="Jobcenter Joblog-bench", municipality="Bench Kommune", address="Benchvej 2"
        )
        self.password = make_password(None)
        self.occupations = [
            Occupation.objects.get_or_create(
                title=f"Bench-fag {n:02d}", defaults={"disco_code": "9333"}
            )[0]
            for n in range(OCCUPATIONS)
        ]

    def citizen(self, size: int) -> Citizen:
        user = User.objects.create(
            username=f"bench-joblog-{size}",
            name=f"Joblog {size}",
            role=Role.CITIZEN,
            job_centre=self.centre,
            password=self.password,
        )
        cpr = f"0101{70 + size % 30:02d}{size % 10000:04d}"
        citizen = Citizen.objects.create(
            user=user,
            job_centre=self.centre,
            cpr=cpr,
            cpr_hash=cpr_hash(cpr),
            benefit_type=BenefitType.DAGPENGE,
            target_group=TargetGroup.JOB_READY,
            registered_on=self.today - timedelta(days=365),
        )
        rng = random.Random(size)
        statuses = [s for s in EntryStatus.values if s != EntryStatus.PLANNED]
        JoblogEntry.objects.bulk_create(
            (
                JoblogEntry(
                    citizen=citizen,
                    activity=rng.choice(SEARCH_TYPES),
                    occupation=rng.choice(self.occupations),
                    employer=f"Firma {rng.randrange(500)}",
                    town=rng.choice(["Brøndby", "Glostrup", "Valby", "Køge"]),
                    postcode="2605",
                    date=self.today - timedelta(days=rng.randrange(365)),
                    channel=rng.choice(Channel.values),
                    status=rng.choice(statuses),
                    plan=rng.choice([*PlanLetter.values, ""]),
                )
                for _ in range(size)
            ),
            batch_size=1000,
        )
        return citizen


@benchmark("joblog")
def joblog_benchmark(sizes: tuple[int, ...] = SIZES, repeats: int = REPEATS) -> Result:
    world = World(timezone.localdate())
    rows = []
    for size in sorted(sizes):
        citizen = world.citizen(size)
        rows.append(
            {"entries": size, **measure_page(citizen.user, reverse("joblog:list"), repeats)}
        )
    counts = [row["queries"] for row in rows]
    constant = all(isinstance(q, int) for q in counts) and len(set(counts)) == 1
    first, last = rows[0], rows[-1]
    ratio = round(last["median_ms"] / first["median_ms"], 2) if first["median_ms"] else None
    queries = f"{counts[0]} queries at every size" if constant else f"queries differ: {counts}"
    return {
        "title": f"The citizen's Joblog page (joblog:list), {repeats} fetches per size",
        "ok": constant,
        "summary": (
            f"{queries}; median {last['median_ms']} ms with {last['entries']} entries "
            f"vs {first['median_ms']} ms with {first['entries']} ({ratio}x)"
        ),
        "queries_constant": constant,
        "median_ratio": ratio,
        "sizes": sorted(sizes),
        "repeats": repeats,
        "rows": rows,
        "chart": {"x": "entries", "y": "median_ms"},
    }
