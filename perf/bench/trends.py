"""The trend page (`labour:trends`, issue 22) reads stored counts, not the board: it must read
the same number of queries whatever the number of openings, at national scale.

On a fresh database, one job centre gets `size` openings posted over the last two years
(spread over 200 companies in 20 industries, 40 occupations and postcodes in four RAR areas);
the nightly count (`labour.trends.trends_compute`) is timed once, then the page is fetched
`repeats` times as a job consultant, counted and timed. On a database seeded by `python -m
perf.scale` (`--database-url`), the job centre with the most openings is measured as it is
(its counts made first, as the nightly task would)."""

import random
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from centres.models import JobCentre
from labour import trends
from labour.models import Company, Industry, JobOpening
from occupations.models import Occupation
from perf.bench import Result, benchmark
from perf.bench.pages import measure_page

#: Openings in one centre: a small one, and the largest centre of the national data set
#: (400,000 openings over two years in 98 centres; the largest holds about 5 %).
SIZES = (2_000, 20_000)
REPEATS = 20
HISTORY_DAYS = 730
POSTCODES = ["2605", "8000", "5000", "9000"]


def _centre_with(size: int, number: int) -> tuple[JobCentre, User]:
    centre = JobCentre.objects.create(
        name=f"Jobcenter Trend {number}", municipality="Bench Kommune", postcode="2605"
    )
    user = User.objects.create(
        username=f"bench-trend-{number}",
        name="Trend Konsulent",
        role=Role.JOB_CONSULTANT,
        job_centre=centre,
        password=make_password(None),
    )
    rng = random.Random(number)
    industries = list(Industry.objects.order_by("code")[:20])
    occupations: list[Occupation | None] = [*Occupation.objects.order_by("pk")[:40]] or [None]
    companies = Company.objects.bulk_create(
        Company(
            job_centre=centre,
            cvr=f"{number:02d}{n:06d}",
            name=f"Virksomhed {n}",
            industry=industries[n % len(industries)] if industries else None,
        )
        for n in range(200)
    )
    today = timezone.localdate()
    JobOpening.objects.bulk_create(
        (
            JobOpening(
                job_centre=centre,
                title=f"Stilling {n}",
                company=rng.choice(companies),
                occupation=rng.choice(occupations),
                postcode=rng.choice(POSTCODES),
                date_posted=today - timedelta(days=rng.randrange(HISTORY_DAYS)),
                positions=rng.randint(1, 3),
            )
            for n in range(size)
        ),
        batch_size=2000,
    )
    return centre, user


def _largest() -> tuple[JobCentre, User, int]:
    centre = JobCentre.objects.annotate(n=Count("openings")).order_by("-n", "pk").first()
    if centre is None:
        raise RuntimeError("no job centre")
    user = (
        User.objects.filter(job_centre=centre, role=Role.JOB_CONSULTANT, is_active=True)
        .order_by("pk")
        .first()
    )
    if user is None:
        raise RuntimeError(f"no active job consultant in {centre}")
    return centre, user, centre.n  # type: ignore[attr-defined]


def _row(centre: JobCentre, user: User, openings: int, repeats: int) -> dict:
    began = time.perf_counter()
    rows = trends.trends_compute(job_centre_id=centre.pk)
    compute_ms = round((time.perf_counter() - began) * 1000, 1)
    return {
        "openings": openings,
        "count_rows": rows,
        "compute_ms": compute_ms,
        **measure_page(user, reverse("labour:trends"), repeats),
    }


@benchmark("trends")
def trends_benchmark(sizes: tuple[int, ...] = SIZES, repeats: int = REPEATS) -> Result:
    existing = JobOpening.objects.exists()
    if existing:
        centre, user, openings = _largest()
        rows = [_row(centre, user, openings, repeats)]
    else:
        rows = []
        for number, size in enumerate(sorted(sizes), start=1):
            centre, user = _centre_with(size, number)
            rows.append(_row(centre, user, size, repeats))
    counts = [row["queries"] for row in rows]
    constant = all(isinstance(q, int) for q in counts) and len(set(counts)) == 1
    last = rows[-1]
    where = "the largest centre of this database" if existing else "one centre per size"
    return {
        "title": (
            f"The trend page (labour:trends) read from stored counts, {where}: the same "
            f"number of queries whatever the openings; {repeats} fetches as a job consultant"
        ),
        "ok": constant,
        "summary": (
            f"{counts[0]} queries at every size; median {last['median_ms']} ms, "
            f"p95 {last['p95_ms']} ms with {last['openings']} openings "
            f"(counting them took {last['compute_ms']} ms)"
            if constant
            else f"queries differ: {counts}"
        ),
        "queries_constant": constant,
        "repeats": repeats,
        "rows": rows,
        "chart": {"x": "openings", "y": "median_ms"},
    }
