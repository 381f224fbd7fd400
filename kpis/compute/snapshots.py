"""The KPIs' figures made of the measures (`FORMULAS`) and written as the job centre's
`Snapshot` rows, replacing those of the same periods in one transaction."""

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime

from django.db import transaction
from django.db.models import (
    Exists,
    OuterRef,
    Q,
)
from django.utils import timezone

from accounts.models import Role, User
from booking.models import Booking
from centres.models import JobCentre, Team
from kpis.compute.measures import STEPS, TAKEN, Measures, _Reader
from kpis.definitions import KPIS, value_of
from kpis.models import Level, PeriodKind, Snapshot
from kpis.periods import Period, periods

#: Snapshots per INSERT.
BATCH_SIZE = 1000

Progress = Callable[[int, int], object]
Figure = tuple[float, float, int]  # numerator, denominator, base


def _per_consultant_week(m: Measures, level: str, p: Period) -> Figure:
    """Held conversations per consultant who held any, per week; a consultant's own per week."""
    consultants = 1 if level == Level.CONSULTANT else m["consultants_held"]
    return m["held"], consultants * p.weeks, m["citizens_held"]


#: How each KPI is made of the measures: (numerator, denominator, base). The base is the
#: distinct citizens (or answers) behind the figure; 0 for the figures not built on citizens.
FORMULAS: dict[str, Callable[[Measures, str, Period], Figure]] = {
    "self_booking_share": lambda m, lv, p: (m["self_taken"], m["taken"], m["citizens_taken"]),
    "facilitated_share": lambda m, lv, p: (m["facilitated"], m["self_taken"], m["citizens_self"]),
    "no_show_rate": lambda m, lv, p: (m["no_show"], m["taken"], m["citizens_taken"]),
    "conversations_per_week": _per_consultant_week,
    "deadlines_missed": lambda m, lv, p: (m["deadlines_missed"], 0, m["citizens_missed"]),
    "joblog_active_14": lambda m, lv, p: (m["active_14"], m["population"], m["population"]),
    "joblog_active_30": lambda m, lv, p: (m["active_30"], m["population"], m["population"]),
    "searches_per_week": lambda m, lv, p: (
        m["searches"],
        m["population"] * p.weeks,
        m["population"],
    ),
    "suggestions_on_time": lambda m, lv, p: (
        m["batches_on_time"],
        m["batches_due"],
        m["citizens_due"],
    ),
    "satisfaction_average": lambda m, lv, p: (m["score_sum"], m["answers"], m["answers"]),
    "satisfaction_share_8_10": lambda m, lv, p: (m["answers_8_10"], m["answers"], m["answers"]),
    "satisfaction_answers": lambda m, lv, p: (m["answers"], 0, m["answers"]),
    "logbook_entries": lambda m, lv, p: (m["logbook"], 0, 0),
    "observations_with_feedback": lambda m, lv, p: (m["observed_feedback"], 0, 0),
    "feedback_given": lambda m, lv, p: (m["feedback_given"], 0, 0),
    "meetings_held": lambda m, lv, p: (m["meetings"], 0, 0),
    "courses_started": lambda m, lv, p: (m["courses_started"], 0, m["citizens_started"]),
    "courses_into_job": lambda m, lv, p: (m["courses_into_job"], 0, m["citizens_into_job"]),
}


def consultants_in_scope(job_centre: JobCentre) -> list[int]:
    """The consultants figures are computed for: the centre's active job consultants and the
    team leaders who hold conversations themselves."""
    holds_conversations = Exists(
        Booking.objects.filter(consultant=OuterRef("pk"), status__in=TAKEN)
    )
    return list(
        User.objects.filter(job_centre=job_centre, is_active=True)
        .filter(Q(role=Role.JOB_CONSULTANT) | Q(holds_conversations, role=Role.TEAM_LEADER))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _counts(count: int | Mapping[str, int] | None, kind: str) -> int | None:
    if count is None or isinstance(count, int):
        return count
    return count.get(kind)


def _snapshots(
    job_centre: JobCentre,
    reader: _Reader,
    teams: list[int],
    consultants: list[int],
    computed_at: datetime,
) -> Iterator[Snapshot]:
    scopes: dict[str, list[int | None]] = {
        Level.CENTRE: [None],
        Level.TEAM: list(teams),
        Level.CONSULTANT: list(consultants),
    }
    empty: Measures = Counter()
    for kpi in KPIS:
        formula = FORMULAS[kpi.key]
        for level in kpi.levels:
            for scope in scopes[level]:
                for period in reader.periods:
                    measures = reader.measures.get((level, scope, period.start), empty)
                    numerator, denominator, base = formula(measures, level, period)
                    people = 1 if level == Level.CONSULTANT else measures["consultants_held"]
                    yield Snapshot(
                        job_centre_id=job_centre.pk,
                        kpi=kpi.key,
                        level=level,
                        team_id=scope if level == Level.TEAM else None,
                        consultant_id=scope if level == Level.CONSULTANT else None,
                        period_kind=period.kind,
                        period_start=period.start,
                        period_end=period.end,
                        numerator=float(numerator),
                        denominator=float(denominator),
                        value=value_of(kpi, float(numerator), float(denominator)),
                        base=int(base),
                        consultants=people,
                        computed_at=computed_at,
                    )


def compute_centre(
    *,
    job_centre: JobCentre,
    today: date,
    kinds: tuple[str, ...] = (PeriodKind.WEEK, PeriodKind.MONTH),
    count: int | Mapping[str, int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Computes every KPI of `job_centre` for the last `count` periods of each kind up to
    `today` (default `kpis.periods.DEFAULT_COUNT`; an int for every kind, or a mapping by kind)
    and replaces the centre's snapshots of those periods. Calls `progress(done, total)` after
    each step. Returns the number of snapshots written."""
    plan = [(kind, periods(kind, today=today, count=_counts(count, kind))) for kind in kinds]
    total = len(plan) * len(STEPS) + 1
    report = progress or (lambda done, total: None)
    report(0, total)
    teams = list(
        Team.objects.filter(job_centre=job_centre).order_by("pk").values_list("pk", flat=True)
    )
    consultants = consultants_in_scope(job_centre)
    readers, done = [], 0
    for kind, periods_ in plan:
        reader = _Reader(job_centre, kind, periods_, today)
        for step in STEPS:
            step(reader)
            done += 1
            report(done, total)
        readers.append(reader)
    computed_at = timezone.now()
    rows = [
        snapshot
        for reader in readers
        for snapshot in _snapshots(job_centre, reader, teams, consultants, computed_at)
    ]
    # A consultant's rows are unique whatever the job centre (the model's constraint): those a
    # consultant who moved here has under their old centre for these periods give way.
    stale = Q(job_centre=job_centre) | Q(level=Level.CONSULTANT, consultant_id__in=consultants)
    with transaction.atomic():
        for kind, periods_ in plan:
            Snapshot.objects.filter(
                stale, period_kind=kind, period_start__in=[p.start for p in periods_]
            ).delete()
        Snapshot.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    report(total, total)
    return len(rows)
