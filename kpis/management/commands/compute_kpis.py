"""Computes the leaders' figures now: `manage.py compute_kpis [--centre NAME] [--weeks N]
[--months N]`. The nightly task does the same for every job centre at 02:30."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from centres.models import JobCentre
from kpis.compute import compute_centre
from kpis.models import PeriodKind
from kpis.periods import DEFAULT_COUNT


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


class Command(BaseCommand):
    help = "Computes the KPI snapshots of every job centre (or one) for the last weeks and months."

    def add_arguments(self, parser):
        parser.add_argument("--centre", help="Only this job centre (its name).")
        parser.add_argument(
            "--weeks",
            type=_positive,
            default=DEFAULT_COUNT[PeriodKind.WEEK],
            help="How many weeks back, the current one included (default %(default)s).",
        )
        parser.add_argument(
            "--months",
            type=_positive,
            default=DEFAULT_COUNT[PeriodKind.MONTH],
            help="How many months back, the current one included (default %(default)s).",
        )

    def handle(self, *args, centre=None, weeks, months, **options):
        centres = JobCentre.objects.order_by("name")
        if centre:
            centres = centres.filter(name=centre)
            if not centres.exists():
                raise CommandError(f"No job centre is called {centre!r}.")
        today = timezone.localdate()
        count: dict[str, int] = {PeriodKind.WEEK: weeks, PeriodKind.MONTH: months}
        for job_centre in centres:
            began = time.perf_counter()
            written = compute_centre(job_centre=job_centre, today=today, count=count)
            seconds = time.perf_counter() - began
            self.stdout.write(
                f"{job_centre.name}: {written} snapshots ({weeks} weeks, {months} months "
                f"up to {today:%Y-%m-%d}) in {seconds:.1f} s"
            )
