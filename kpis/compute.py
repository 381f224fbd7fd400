"""Computes the leaders' figures (`kpis.definitions.KPIS`) of one job centre into `Snapshot`
rows: per week and month (`kpis.periods`), for the job centre, each of its teams and each
consultant (job consultants, and team leaders who hold conversations), as each KPI's levels
allow.

The query count does not grow with the data. Each source is read with GROUP BY queries per
period kind: the period is a CASE over the periods' bounds on the row's local date, the
scope a group column.
Where every row belongs to exactly one consultant (a citizen's records by their responsible
consultant, a logbook entry by its writer, an answer by its team) one query grouped by
consultant and team is summed up to the team and the job centre, distinct citizens included:
a citizen is under one consultant only. Bookings and courses are not like that (a citizen can
meet several consultants), so they are counted once per level with COUNT(DISTINCT). The one
exception is the Joblog population (citizens registered by the period's end, and whether they
had an entry in the 14 and 30 days up to it): a point in time per period, one query per
period. So: 17 queries per period kind plus one per period, two to find the scopes, and
the replacing writes: one DELETE per period kind and one INSERT per 1,000 rows (on SQLite
per 76, its limit of 999 parameters a statement). The rows grow with the teams and
consultants, not with the citizens or bookings.

Everything is read first (outside any transaction, so the progress a run reports is visible)
and then written in one transaction: the job centre's snapshots of those periods are deleted
and created anew, so a recompute gives the same rows."""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from accounts.models import Role, User
from booking.models import Booking, BookingDeadline, DeadlineStatus, Origin, Status
from centres.models import JobCentre, Team
from citizens.models import Citizen
from courses.models import JOB_OUTCOMES, Course
from courses.models import Status as CourseStatus
from evaluations.models import Evaluation
from joblog.models import JoblogEntry
from joblog.selectors import SEARCH
from kpis.definitions import KPIS, value_of
from kpis.models import Level, PeriodKind, Snapshot
from kpis.periods import Period, periods
from learning.models import LearningMeeting, LogbookEntry, MeetingStatus, Observation
from suggestions.models import SuggestionBatch

#: Conversations that took place, as the booking KPIs count them.
TAKEN = (Status.HELD, Status.NO_SHOW)
#: Snapshots per INSERT.
BATCH_SIZE = 1000

Progress = Callable[[int, int], object]
Measures = Counter


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class _Reader:
    """The measures of one period kind: counts per (level, scope id, period start)."""

    def __init__(self, centre: JobCentre, kind: str, periods_: list[Period], today: date):
        self.centre = centre
        self.kind = kind
        self.periods = periods_
        self.today = today
        self.by_start = {p.start: p for p in periods_}
        self.first = periods_[0].start
        self.last = periods_[-1].through
        self.measures: dict[tuple[str, int | None, date], Measures] = defaultdict(Counter)

    # --- helpers ---------------------------------------------------------------------------

    def _bucket(self, field: str, *, is_datetime: bool = False) -> Case:
        """The start of the period the row's (local) date lies in: a CASE over the periods'
        bounds, which both databases compare natively (SQLite would call Python per row for
        a Trunc)."""
        whens = []
        for period in self.periods:
            start, after_end = period.start, period.end + timedelta(days=1)
            condition = (
                {f"{field}__gte": self._midnight(start), f"{field}__lt": self._midnight(after_end)}
                if is_datetime
                else {f"{field}__gte": start, f"{field}__lt": after_end}
            )
            whens.append(When(**condition, then=Value(period.start)))
        return Case(*whens, default=None, output_field=DateField())

    @staticmethod
    def _midnight(day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=_zone())

    def _moments(self) -> tuple[datetime, datetime]:
        """[first day 00:00, the day after the last 00:00) on the Copenhagen clock."""
        return self._midnight(self.first), self._midnight(self.last + timedelta(days=1))

    def _add(self, level: str, scope: int | None, start: date, row: Mapping) -> None:
        self.measures[(level, scope, start)].update({k: v or 0 for k, v in row.items()})

    def summed(self, qs: QuerySet, *, consultant: str | None, team: str, **aggregates) -> None:
        """One query grouped by period, consultant and team, summed up to the team and the job
        centre: only for rows that each belong to exactly one consultant (or team)."""
        groups = {"s_team": F(team)}
        if consultant:
            groups["s_consultant"] = F(consultant)
        rows = qs.values("bucket", **groups).annotate(**aggregates).order_by()
        for row in rows:
            period = self.by_start.get(row["bucket"])
            if period is not None:
                self._spread(period.start, {k: v for k, v in row.items() if k != "bucket"})

    def _spread(self, start: date, row: dict) -> None:
        """Adds a row of a consultant's (and their team's) to them, their team and the centre."""
        team_id, consultant_id = row.pop("s_team"), row.pop("s_consultant", None)
        self._add(Level.CENTRE, None, start, row)
        if team_id is not None:
            self._add(Level.TEAM, team_id, start, row)
        if consultant_id is not None:
            self._add(Level.CONSULTANT, consultant_id, start, row)

    def per_level(self, qs: QuerySet, *, consultant: str, **aggregates) -> None:
        """Three queries, one per level, so that COUNT(DISTINCT ...) is right at each."""
        for level, group in (
            (Level.CENTRE, None),
            (Level.TEAM, f"{consultant}__team"),
            (Level.CONSULTANT, consultant),
        ):
            groups = {"s_scope": F(group)} if group else {}
            rows = qs.values("bucket", **groups).annotate(**aggregates).order_by()
            for row in rows:
                period, scope = self.by_start.get(row["bucket"]), row.get("s_scope")
                if period is None or (group and scope is None):
                    continue
                measures = {k: v for k, v in row.items() if k not in ("bucket", "s_scope")}
                self._add(level, scope, period.start, measures)

    # --- the sources, one progress step each -----------------------------------------------

    def bookings(self) -> None:
        since, until = self._moments()
        qs = Booking.objects.filter(
            job_centre=self.centre, status__in=TAKEN, start__gte=since, start__lt=until
        ).annotate(bucket=self._bucket("start", is_datetime=True))
        self_booked, held = Q(origin=Origin.SELF_BOOKED), Q(status=Status.HELD)
        self.per_level(
            qs,
            consultant="consultant",
            taken=Count("id"),
            self_taken=Count("id", filter=self_booked),
            facilitated=Count("id", filter=self_booked & Q(facilitated_by__isnull=False)),
            no_show=Count("id", filter=Q(status=Status.NO_SHOW)),
            held=Count("id", filter=held),
            citizens_taken=Count("citizen", distinct=True),
            citizens_self=Count("citizen", distinct=True, filter=self_booked),
            citizens_held=Count("citizen", distinct=True, filter=held),
            consultants_held=Count("consultant", distinct=True, filter=held),
        )

    def deadlines(self) -> None:
        qs = BookingDeadline.objects.filter(
            citizen__job_centre=self.centre,
            status=DeadlineStatus.MISSED,
            deadline__gte=self.first,
            deadline__lte=self.last,
        ).annotate(bucket=self._bucket("deadline"))
        self.summed(
            qs,
            consultant="citizen__responsible_consultant",
            team="citizen__responsible_consultant__team",
            deadlines_missed=Count("id"),
            citizens_missed=Count("citizen", distinct=True),
        )

    def joblog(self) -> None:
        """The citizens registered by each period's end and how many of them had a Joblog entry
        in the 14 and 30 days up to it (one query per period), and the searches (one query)."""
        for period in self.periods:
            citizens = Citizen.objects.filter(
                job_centre=self.centre, registered_on__lte=period.through
            )
            rows = (
                citizens.values(
                    s_consultant=F("responsible_consultant"),
                    s_team=F("responsible_consultant__team"),
                )
                .annotate(
                    population=Count("id"),
                    active_14=Count("id", filter=Q(self._had_entry(period.through, 14))),
                    active_30=Count("id", filter=Q(self._had_entry(period.through, 30))),
                )
                .order_by()
            )
            for row in rows:
                self._spread(period.start, dict(row))
        searches = JoblogEntry.objects.filter(
            SEARCH, citizen__job_centre=self.centre, date__gte=self.first, date__lte=self.last
        ).annotate(bucket=self._bucket("date"))
        self.summed(
            searches,
            consultant="citizen__responsible_consultant",
            team="citizen__responsible_consultant__team",
            searches=Count("id"),
        )

    @staticmethod
    def _had_entry(day: date, days: int) -> Exists:
        return Exists(
            JoblogEntry.objects.filter(
                citizen=OuterRef("pk"), date__gt=day - timedelta(days=days), date__lte=day
            )
        )

    def suggestions(self) -> None:
        """Weeks of suggestions due in the period whose day has passed (a batch due today can
        still be checked today)."""
        qs = (
            SuggestionBatch.objects.filter(
                citizen__job_centre=self.centre,
                due_on__gte=self.first,
                due_on__lte=self.last,
                due_on__lt=self.today,
            )
            .annotate(bucket=self._bucket("due_on"))
            .annotate(checked_on=TruncDate("checked_at", tzinfo=_zone()))
        )
        self.summed(
            qs,
            consultant="citizen__responsible_consultant",
            team="citizen__responsible_consultant__team",
            batches_due=Count("id"),
            batches_on_time=Count("id", filter=Q(checked_on__lte=F("due_on"))),
            citizens_due=Count("citizen", distinct=True),
        )

    def satisfaction(self) -> None:
        qs = Evaluation.objects.filter(
            job_centre=self.centre, answered_on__gte=self.first, answered_on__lte=self.last
        ).annotate(bucket=self._bucket("answered_on"))
        self.summed(
            qs,
            consultant=None,
            team="team",
            answers=Count("id"),
            score_sum=Coalesce(Sum("score"), 0),
            answers_8_10=Count("id", filter=Q(score__gte=8)),
        )

    def learning(self) -> None:
        since, until = self._moments()
        self.summed(
            LogbookEntry.objects.filter(
                consultant__job_centre=self.centre, date__gte=self.first, date__lte=self.last
            ).annotate(bucket=self._bucket("date")),
            consultant="consultant",
            team="consultant__team",
            logbook=Count("id"),
        )
        feedback = Observation.objects.filter(
            feedback_at__gte=since, feedback_at__lt=until
        ).annotate(bucket=self._bucket("feedback_at", is_datetime=True))
        self.summed(
            feedback.filter(observed__job_centre=self.centre),
            consultant="observed",
            team="observed__team",
            observed_feedback=Count("id"),
        )
        self.summed(
            feedback.filter(observer__job_centre=self.centre),
            consultant="observer",
            team="observer__team",
            feedback_given=Count("id"),
        )
        self.summed(
            LearningMeeting.objects.filter(
                team__job_centre=self.centre,
                status=MeetingStatus.ENDED,
                ended_at__gte=since,
                ended_at__lt=until,
            ).annotate(bucket=self._bucket("ended_at", is_datetime=True)),
            consultant=None,
            team="team",
            meetings=Count("id"),
        )

    def courses(self) -> None:
        courses = Course.objects.filter(job_centre=self.centre)
        self.per_level(
            courses.filter(started_on__gte=self.first, started_on__lte=self.last).annotate(
                bucket=self._bucket("started_on")
            ),
            consultant="consultant",
            courses_started=Count("id"),
            citizens_started=Count("citizen", distinct=True),
        )
        self.per_level(
            courses.filter(
                status=CourseStatus.ENDED,
                outcome__in=JOB_OUTCOMES,
                ended_on__gte=self.first,
                ended_on__lte=self.last,
            ).annotate(bucket=self._bucket("ended_on")),
            consultant="consultant",
            courses_into_job=Count("id"),
            citizens_into_job=Count("citizen", distinct=True),
        )


#: The progress steps of one period kind, in order.
STEPS: tuple[Callable[[_Reader], None], ...] = (
    _Reader.bookings,
    _Reader.deadlines,
    _Reader.joblog,
    _Reader.suggestions,
    _Reader.satisfaction,
    _Reader.learning,
    _Reader.courses,
)

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
